package ledgerlearn.bench;

/**
 * {@code docs/BENCHMARKS.md}: the bench rewrites only the part between its two markers, so the
 * hand-written analysis around it survives every run. The scale phase has markers of its own, so the
 * two runs' results stand side by side.
 */
final class BenchmarksDoc {
    static final String BEGIN = begin("");
    static final String END = end("");

    private BenchmarksDoc() {}

    static String begin(String section) {
        return "<!-- bench" + (section.isEmpty() ? "" : ":" + section)
                + ":begin (written by `ledgerlearn bench`; edits here are overwritten) -->";
    }

    static String end(String section) {
        return "<!-- bench" + (section.isEmpty() ? "" : ":" + section) + ":end -->";
    }

    /** {@code existing} (or {@code null} for a new file) with its generated part replaced by {@code generated}. */
    static String merge(String existing, String generated) {
        return merge(existing, generated, "");
    }

    /** As {@link #merge(String, String)} for the part of {@code section} ("" for the bench on the real data). */
    static String merge(String existing, String generated, String section) {
        String begin = begin(section);
        String end = end(section);
        String block = begin + "\n" + generated.strip() + "\n" + end;
        if (existing == null || existing.isBlank()) {
            return "# Benchmarks\n\n" + block + "\n";
        }
        int from = existing.indexOf(begin);
        int to = existing.indexOf(end, Math.max(from, 0));
        if (from < 0 || to < 0) {
            return existing.stripTrailing() + "\n\n" + block + "\n";
        }
        return existing.substring(0, from) + block + existing.substring(to + end.length());
    }
}
