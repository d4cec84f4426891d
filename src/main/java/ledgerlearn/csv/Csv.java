package ledgerlearn.csv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * RFC 4180 CSV: fields separated by commas, records ended by a line feed, a field quoted when it
 * holds a comma, quote, CR or LF, quotes inside doubled. This is what pandas reads and writes.
 */
public final class Csv {
    /** What a spreadsheet may take as the start of a formula (or, for tab, CR and LF, of a cell it splits). */
    private static final String FORMULA_STARTS = "=+-@\t\r\n";

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

    /**
     * {@code field} made safe to open in a spreadsheet, as OWASP recommends against CSV injection: a field
     * that starts with {@code =}, {@code +}, {@code -}, {@code @}, a tab, CR or LF gets a leading {@code '},
     * so that the spreadsheet shows it as text instead of running it as a formula (or splitting the cell).
     * Numbers are no exception ({@code -500} becomes {@code '-500}): a field such as {@code -2+3+cmd|' /C calc'!A0}
     * starts like one. Others are returned as they are. For files meant for people; the store itself keeps
     * values exactly as received.
     */
    public static String formulaSafe(String field) {
        return field.isEmpty() || FORMULA_STARTS.indexOf(field.charAt(0)) < 0 ? field : "'" + field;
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
        private static final int END_OF_INPUT = -1;
        /** What a field that {@link #skipRecord()} passed over and that is not empty holds. */
        private static final String NOT_DECODED = "?";

        private final InputStream in;
        private final byte[] buffer = new byte[1 << 16];
        private int position;
        private int limit;
        private long bufferStart;
        private byte[] field = new byte[256];
        private int fieldLength;
        private String[] fields = new String[16];
        private int fieldCount;
        private long recordEnd;
        private boolean terminated = true;
        /** False while {@link #skipRecord()} passes over a record: its fields are then only told empty or not. */
        private boolean decoding = true;

        public Reader(InputStream in) {
            this.in = in;
        }

        /**
         * The next record's fields, or {@code null} at the end of the input. A last record that the
         * input ends inside (no final line feed, or an open quote) is still returned, with
         * {@link #lastRecordTerminated()} false.
         */
        public String[] next() throws IOException {
            return read() ? Arrays.copyOf(fields, fieldCount) : null;
        }

        /**
         * Passes over the next record as {@link #next()} would read it, without decoding its fields (a
         * row counter's pace): -1 at the end of the input, 0 for a record of one empty field (a blank
         * line), else its number of fields.
         */
        public int skipRecord() throws IOException {
            decoding = false;
            try {
                if (!read()) {
                    return -1;
                }
                return fieldCount == 1 && fields[0].isEmpty() ? 0 : fieldCount;
            } finally {
                decoding = true;
            }
        }

        private boolean read() throws IOException {
            if (position == limit && !fill()) {
                return false;
            }
            fieldCount = 0;
            int end;
            do {
                end = readField();
            } while (end == ',');
            // a line feed ends the record; anything else is the end of the input inside it
            terminated = end == '\n';
            if (terminated) {
                recordEnd = bufferStart + position;
            }
            return true;
        }

        /** Whether the record last returned by {@link #next()} was ended by a line feed outside quotes. */
        public boolean lastRecordTerminated() {
            return terminated;
        }

        /** The byte offset just after the last terminated record: where a torn tail begins. */
        public long recordEnd() {
            return recordEnd;
        }

        /** Reads one field and returns what ended it: a comma, a line feed or the end of the input. */
        private int readField() throws IOException {
            fieldLength = 0;
            if (position == limit && !fill()) {
                add("");
                return END_OF_INPUT;
            }
            if (buffer[position] == '"') {
                position++;
                return readQuoted();
            }
            int start = position;
            while (true) {
                int p = position;
                while (p < limit && buffer[p] != ',' && buffer[p] != '\n') {
                    p++;
                }
                if (p == limit) {
                    put(buffer, start, limit - start);
                    if (!fill()) {
                        addCollected();
                        return END_OF_INPUT;
                    }
                    start = 0;
                    continue;
                }
                byte end = buffer[p];
                position = p + 1;
                if (fieldLength == 0) {
                    // the common case: the whole field lies in the buffer, so decode it from there
                    int length = p - start;
                    if (end == '\n' && length > 0 && buffer[p - 1] == '\r') {
                        length--;
                    }
                    addDirect(start, length);
                } else {
                    // the field began in an earlier buffer, so this one holds its rest from the start
                    put(buffer, 0, p);
                    if (end == '\n' && field[fieldLength - 1] == '\r') {
                        fieldLength--;
                    }
                    addCollected();
                }
                return end;
            }
        }

        /** Reads a quoted field from just after its opening quote. */
        private int readQuoted() throws IOException {
            while (true) {
                int p = position;
                while (p < limit && buffer[p] != '"') {
                    p++;
                }
                put(buffer, position, p - position);
                if (p == limit) {
                    if (!fill()) {
                        // the input ends inside the quotes: a torn record
                        addCollected();
                        return END_OF_INPUT;
                    }
                    continue;
                }
                position = p + 1;
                if (position == limit && !fill()) {
                    addCollected();
                    return END_OF_INPUT;
                }
                if (buffer[position] != '"') {
                    break;
                }
                put((byte) '"');
                position++;
            }
            // Bytes between the closing quote and the separator are kept as they are, as pandas does;
            // only a carriage return there belongs to the line ending, never one inside the quotes.
            int quotedLength = fieldLength;
            while (true) {
                if (position == limit && !fill()) {
                    addCollected();
                    return END_OF_INPUT;
                }
                byte b = buffer[position++];
                if (b == ',') {
                    addCollected();
                    return b;
                }
                if (b == '\n') {
                    if (fieldLength > quotedLength && field[fieldLength - 1] == '\r') {
                        fieldLength--;
                    }
                    addCollected();
                    return b;
                }
                put(b);
            }
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

        /** A field that lies whole in the buffer. */
        private void addDirect(int start, int length) {
            add(decoding ? new String(buffer, start, length, StandardCharsets.UTF_8) : length == 0 ? "" : NOT_DECODED);
        }

        /** A field gathered in {@code field}. */
        private void addCollected() {
            add(decoding ? fieldString() : fieldLength == 0 ? "" : NOT_DECODED);
        }

        private void add(String value) {
            if (fieldCount == fields.length) {
                fields = Arrays.copyOf(fields, fieldCount * 2);
            }
            fields[fieldCount++] = value;
        }

        private void put(byte b) {
            if (fieldLength == field.length) {
                field = Arrays.copyOf(field, field.length * 2);
            }
            field[fieldLength++] = b;
        }

        private void put(byte[] bytes, int from, int length) {
            if (fieldLength + length > field.length) {
                field = Arrays.copyOf(field, Math.max(field.length * 2, fieldLength + length));
            }
            System.arraycopy(bytes, from, field, fieldLength, length);
            fieldLength += length;
        }

        private String fieldString() {
            return new String(field, 0, fieldLength, StandardCharsets.UTF_8);
        }
    }
}
