package ledgerlearn.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * RFC 4180 CSV: fields separated by commas, records ended by a line feed, a field quoted when it
 * holds a comma, quote, CR or LF, quotes inside doubled. This is what pandas reads and writes.
 */
public final class Csv {
    private Csv() {}

    /** Appends one record, quoting where needed, ended by {@code \n}. */
    public static void appendRecord(StringBuilder out, String... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            appendField(out, fields[i]);
        }
        out.append('\n');
    }

    private static void appendField(StringBuilder out, String field) {
        if (!needsQuotes(field)) {
            out.append(field);
            return;
        }
        out.append('"');
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '"') {
                out.append('"');
            }
            out.append(c);
        }
        out.append('"');
    }

    private static boolean needsQuotes(String field) {
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads records from UTF-8 bytes. It works on bytes, not characters, so that
     * {@link #recordEnd()} is a byte offset the store can cut a torn tail at.
     */
    public static final class Reader {
        private final InputStream in;
        private final byte[] buffer = new byte[1 << 16];
        private int position;
        private int limit;
        private long bufferStart;
        private byte[] field = new byte[256];
        private int fieldLength;
        private long recordEnd;
        private boolean terminated = true;

        public Reader(InputStream in) {
            this.in = in;
        }

        /**
         * The next record's fields, or {@code null} at the end of the input. A last record that the
         * input ends inside (no final line feed, or an open quote) is still returned, with
         * {@link #lastRecordTerminated()} false.
         */
        public String[] next() throws IOException {
            List<String> fields = new ArrayList<>(8);
            fieldLength = 0;
            boolean quoted = false;
            boolean fieldWasQuoted = false;
            boolean any = false;
            while (true) {
                if (position == limit && !fill()) {
                    if (!any) {
                        return null;
                    }
                    fields.add(fieldString());
                    terminated = false;
                    return fields.toArray(new String[0]);
                }
                byte b = buffer[position++];
                any = true;
                if (quoted) {
                    if (b == '"') {
                        if (position == limit && !fill()) {
                            quoted = false;
                            continue;
                        }
                        if (buffer[position] == '"') {
                            position++;
                            put(b);
                        } else {
                            quoted = false;
                        }
                    } else {
                        put(b);
                    }
                } else if (b == ',') {
                    fields.add(fieldString());
                    fieldLength = 0;
                    fieldWasQuoted = false;
                } else if (b == '\n') {
                    if (!fieldWasQuoted && fieldLength > 0 && field[fieldLength - 1] == '\r') {
                        fieldLength--;
                    }
                    fields.add(fieldString());
                    recordEnd = bufferStart + position;
                    terminated = true;
                    return fields.toArray(new String[0]);
                } else if (b == '"' && fieldLength == 0 && !fieldWasQuoted) {
                    quoted = true;
                    fieldWasQuoted = true;
                } else {
                    put(b);
                }
                if (quoted && position == limit && !fill()) {
                    // the input ends inside a quoted field: a torn record
                    fields.add(fieldString());
                    terminated = false;
                    return fields.toArray(new String[0]);
                }
            }
        }

        /** Whether the record last returned by {@link #next()} was ended by a line feed outside quotes. */
        public boolean lastRecordTerminated() {
            return terminated;
        }

        /** The byte offset just after the last terminated record: where a torn tail begins. */
        public long recordEnd() {
            return recordEnd;
        }

        private boolean fill() throws IOException {
            bufferStart += limit;
            position = 0;
            limit = 0;
            int read = in.read(buffer);
            if (read <= 0) {
                return false;
            }
            limit = read;
            return true;
        }

        private void put(byte b) {
            if (fieldLength == field.length) {
                field = Arrays.copyOf(field, field.length * 2);
            }
            field[fieldLength++] = b;
        }

        private String fieldString() {
            return new String(field, 0, fieldLength, StandardCharsets.UTF_8);
        }
    }
}
