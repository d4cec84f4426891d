package ledgerlearn.bench;

/**
 * {@code docs/BENCHMARKS.md}: the bench rewrites only the part between its two markers, so the
 * hand-written analysis around it survives every run.
 */
final class BenchmarksDoc {
    static final String BEGIN = "<!-- bench:begin (written by `ledgerlearn bench`; edits here are overwritten) -->";
    static final String END = "<!-- bench:end -->";

    private BenchmarksDoc() {}

    /** {@code existing} (or {@code null} for a new file) with its generated part replaced by {@code generated}. */
    static String merge(String existing, String generated) {
        String block = BEGIN + "\n" + generated.strip() + "\n" + END;
        if (existing == null || existing.isBlank()) {
            return "# Benchmarks\n\n" + block + "\n";
        }
        int begin = existing.indexOf(BEGIN);
        int end = existing.indexOf(END, Math.max(begin, 0));
        if (begin < 0 || end < 0) {
            return existing.stripTrailing() + "\n\n" + block + "\n";
        }
        return existing.substring(0, begin) + block + existing.substring(end + END.length());
    }
}
