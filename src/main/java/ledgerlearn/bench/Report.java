package ledgerlearn.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The measured rows and the circumstances they were measured in, rendered as Markdown. */
final class Report {
    /**
     * One line of the table.
     *
     * @param phase the phase's number in the task, 1..8, which orders the table
     * @param target empty when the row has no target of its own
     * @param met {@code null} when the row has no target
     */
    record Row(int phase, String what, String measured, String target, Boolean met) {
        String verdict() {
            return met == null ? "" : met ? "yes" : "**no**";
        }
    }

    /** One circumstance of the run, listed above the table, e.g. ("cores", "2"). */
    record Setting(String name, String value) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<Setting> circumstances = new ArrayList<>();

    void add(Row row) {
        rows.add(row);
    }

    /** Adds a circumstance of the run to the list above the table. */
    void note(String name, String value) {
        circumstances.add(new Setting(name, value));
    }

    String render(String title) {
        StringBuilder out = new StringBuilder();
        out.append("## ").append(title).append("\n\n");
        for (Setting setting : circumstances) {
            out.append("- ").append(setting.name()).append(": ").append(setting.value()).append('\n');
        }
        out.append('\n');
        MarkdownTable table = new MarkdownTable(List.of("#", "what", "measured", "target", "met"));
        rows.stream().sorted(Comparator.comparingInt(Row::phase))
                .forEach(r -> table.row(String.valueOf(r.phase()), r.what(), r.measured(), r.target(), r.verdict()));
        out.append(table.render());
        return out.toString();
    }

    /** Milliseconds from nanoseconds, to two decimals. */
    static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
    }
}
