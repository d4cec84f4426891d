package ledgerlearn.client;

import java.util.EnumSet;
import java.util.Set;
import ledgerlearn.sample.Column;
import ledgerlearn.sample.Sample;

/**
 * Writes samples as JSON objects straight into a reused {@link StringBuilder}: the client must build
 * tens of thousands of rows a second while sharing two cores with the server, so no tree of JSON values.
 */
public final class SampleJson {
    /** Optional columns: an empty value is left out, which the server reads as the same empty value. */
    private static final Set<Column> OMITTED_WHEN_EMPTY =
            EnumSet.of(Column.INDEX, Column.ACCOUNT_NAME, Column.ACCOUNT_TYPE_NAME);
    private static final Column[] FEATURES =
            {Column.COMPANY_ID, Column.BANK_ENTRY_DATE, Column.BANK_ENTRY_TEXT, Column.BANK_ENTRY_AMOUNT};
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private SampleJson() {}

    /** Appends one POST /sample object: every column under its header, the index under {@code ""}. */
    public static void appendSample(StringBuilder out, Sample sample) {
        out.append('{');
        boolean first = true;
        for (Column column : Column.ALL) {
            String value = sample.value(column);
            if (value.isEmpty() && OMITTED_WHEN_EMPTY.contains(column)) {
                continue;
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            appendString(out, column.header());
            out.append(':');
            appendString(out, value);
        }
        out.append('}');
    }

    /** Appends one POST /predict object: the sample's four feature columns. */
    public static void appendQuery(StringBuilder out, Sample sample) {
        out.append('{');
        for (int i = 0; i < FEATURES.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            appendString(out, FEATURES[i].header());
            out.append(':');
            appendString(out, sample.value(FEATURES[i]));
        }
        out.append('}');
    }

    /** Appends a JSON string literal, escaping quotes, backslashes and control characters (RFC 8259). */
    static void appendString(StringBuilder out, String value) {
        out.append('"');
        int length = value.length();
        int plainFrom = 0;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(value, plainFrom, i);
            plainFrom = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        out.append(value, plainFrom, length);
        out.append('"');
    }
}
