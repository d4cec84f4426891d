package ledgerlearn.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class CsvTest {

    @ParameterizedTest
    @ValueSource(strings = {"plain", "a,b", "say \"hi\"", "\"", "cr\rinside", "lf\ninside", "crlf\r\ninside",
            "", "  spaced  ", "æøå ÆØÅ", "emoji 😀 here", "\"quoted, and\nmultiline\"", "ends with cr\r"})
    void quotingRoundTripsEveryValue(String value) throws IOException {
        StringBuilder out = new StringBuilder();
        Csv.appendRecord(out, value, "x", value);
        Csv.appendRecord(out, value);

        Csv.Reader reader = reader(out.toString());

        assertArrayEquals(new String[] {value, "x", value}, reader.next());
        assertTrue(reader.lastRecordTerminated());
        assertArrayEquals(new String[] {value}, reader.next());
        assertTrue(reader.lastRecordTerminated());
        assertNull(reader.next());
    }

    @ParameterizedTest
    @ValueSource(strings = {"=HYPERLINK(\"http://evil.example\",\"click\")", "+cmd|' /C calc'!A0", "@SUM(A1:A9)",
            "-2+3+cmd|' /C calc'!A0", "=1+1", "\t=1", "\r=1", "\n=1", "-", "+", "--1", "-1.", "-1e5", "+49 30 1234",
            "-500", "-12.50", "+24"})
    void formulaSafePrefixesAQuoteToFieldsASpreadsheetWouldRun(String field) {
        assertEquals("'" + field, Csv.formulaSafe(field));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain text", "> -1000", "str:6cd08e4 int:49fed34", "a=b", "mail@example.com",
            "'already quoted", " =spaced", "1-2", "0.5", "9900"})
    void formulaSafeLeavesOtherFieldsAsTheyAre(String field) {
        assertEquals(field, Csv.formulaSafe(field));
    }

    @Test
    void quotesOnlyFieldsThatNeedIt() {
        StringBuilder out = new StringBuilder();
        Csv.appendRecord(out, "plain", "a,b", "say \"hi\"", "two\nlines", "cr\r", "", "æ");

        assertEquals("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\r\",,æ\n", out.toString());
    }

    @Test
    void skippingARecordPassesOverWhatReadingItWouldReturn() throws IOException {
        String input = "a,b\r\n\n\"\"\n\"x\ny\",\"say \"\"hi\"\"\"\r\n\r\n,\n\"\"\"\"\nz,æ,\"open";
        Csv.Reader reading = reader(input);
        Csv.Reader skipping = reader(input);
        List<Integer> read = new ArrayList<>();
        List<Long> readEnds = new ArrayList<>();
        for (String[] fields; (fields = reading.next()) != null; ) {
            read.add(fields.length == 1 && fields[0].isEmpty() ? 0 : fields.length);
            readEnds.add(reading.lastRecordTerminated() ? reading.recordEnd() : -1);
        }
        List<Integer> skipped = new ArrayList<>();
        List<Long> skippedEnds = new ArrayList<>();
        for (int fields; (fields = skipping.skipRecord()) >= 0; ) {
            skipped.add(fields);
            skippedEnds.add(skipping.lastRecordTerminated() ? skipping.recordEnd() : -1);
        }

        // a, b | blank | "" (one empty field) | two fields over two lines | blank after CRLF | two empty | one quote | torn
        assertEquals(List.of(2, 0, 0, 2, 0, 2, 1, 3), read);
        assertEquals(read, skipped);
        assertEquals(readEnds, skippedEnds);
    }

    @Test
    void readingAfterSkippingDecodesTheNextRecordWhole() throws IOException {
        Csv.Reader reader = reader("\"a,b\",c\nd,\"e\"\"f\"\n");

        assertEquals(2, reader.skipRecord());
        assertArrayEquals(new String[] {"d", "e\"f"}, reader.next());
    }

    @Test
    void readsCrlfLineEndingsWithoutKeepingTheCarriageReturn() throws IOException {
        Csv.Reader reader = reader("a,b\r\nc,\"d\"\r\n\"e\r\",f\r\n");

        assertArrayEquals(new String[] {"a", "b"}, reader.next());
        assertArrayEquals(new String[] {"c", "d"}, reader.next());
        assertArrayEquals(new String[] {"e\r", "f"}, reader.next());
        assertTrue(reader.lastRecordTerminated());
        assertNull(reader.next());
    }

    @Test
    void keepsCarriageReturnInsideQuotesAtEndOfRecord() throws IOException {
        Csv.Reader reader = reader("\"a\r\"\n");

        assertArrayEquals(new String[] {"a\r"}, reader.next());
    }

    @Test
    void returnsFinalRecordWithoutNewlineAsUnterminated() throws IOException {
        Csv.Reader reader = reader("a,b\nc,d");

        assertArrayEquals(new String[] {"a", "b"}, reader.next());
        assertTrue(reader.lastRecordTerminated());
        assertEquals(4, reader.recordEnd());
        assertArrayEquals(new String[] {"c", "d"}, reader.next());
        assertFalse(reader.lastRecordTerminated());
        assertEquals(4, reader.recordEnd());
        assertNull(reader.next());
    }

    @Test
    void returnsRecordEndingInOpenQuoteAsUnterminated() throws IOException {
        Csv.Reader reader = reader("a,b\nc,\"d,\ne");

        reader.next();
        assertArrayEquals(new String[] {"c", "d,\ne"}, reader.next());
        assertFalse(reader.lastRecordTerminated());
        assertEquals(4, reader.recordEnd());
        assertNull(reader.next());
    }

    @Test
    void returnsRecordEndingRightAfterClosingQuoteAsUnterminated() throws IOException {
        Csv.Reader reader = reader("a\n\"b\"");

        reader.next();
        assertArrayEquals(new String[] {"b"}, reader.next());
        assertFalse(reader.lastRecordTerminated());
        assertEquals(2, reader.recordEnd());
    }

    @Test
    void returnsRecordEndingInDoubledQuoteAsUnterminated() throws IOException {
        Csv.Reader reader = reader("\"b\"\"");

        assertArrayEquals(new String[] {"b\""}, reader.next());
        assertFalse(reader.lastRecordTerminated());
        assertEquals(0, reader.recordEnd());
    }

    @Test
    void countsRecordEndInBytesNotCharacters() throws IOException {
        Csv.Reader reader = reader("æ,ø\n😀\n\"å\nx\"\n");

        reader.next();
        assertEquals(6, reader.recordEnd());
        reader.next();
        assertEquals(11, reader.recordEnd());
        assertArrayEquals(new String[] {"å\nx"}, reader.next());
        assertEquals(18, reader.recordEnd());
    }

    @Test
    void findsNoRecordInEmptyInput() throws IOException {
        assertNull(reader("").next());
    }

    @Test
    void readsBlankLineAsOneEmptyField() throws IOException {
        Csv.Reader reader = reader("\na\n");

        assertArrayEquals(new String[] {""}, reader.next());
        assertArrayEquals(new String[] {"a"}, reader.next());
    }

    @Test
    void readsRecordsAcrossEveryBufferBoundary() throws IOException {
        Random random = new Random(42);
        String[] pieces = {"a", "b", ",", "\"", "\r", "\n", "\r\n", "æ", "😀", " ", "0123456789"};
        List<String[]> records = new ArrayList<>();
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < 300; r++) {
            String[] record = new String[1 + random.nextInt(5)];
            for (int f = 0; f < record.length; f++) {
                StringBuilder value = new StringBuilder();
                int length = random.nextInt(10) == 0 ? 70_000 : random.nextInt(12);
                while (value.length() < length) {
                    value.append(pieces[random.nextInt(pieces.length)]);
                }
                record[f] = value.toString();
            }
            records.add(record);
            Csv.appendRecord(out, record);
        }
        byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);

        for (InputStream in : List.of(new ByteArrayInputStream(bytes), new Trickle(bytes, new Random(7)))) {
            Csv.Reader reader = new Csv.Reader(in);
            for (String[] record : records) {
                assertArrayEquals(record, reader.next());
                assertTrue(reader.lastRecordTerminated());
            }
            assertNull(reader.next());
            assertEquals(bytes.length, reader.recordEnd());
        }
    }

    @Test
    void dropsTheCarriageReturnOfALineEndThatTheReadBufferSplits() throws IOException {
        // the buffer holds 64 KB: the first record's carriage return is its last byte, the line feed the next one's first
        String plain = "x".repeat(65_536 - "a,".length() - 1);
        String quoted = "y".repeat(65_536 - "\"".length() - "\"".length() - 1);
        for (String text : List.of("a," + plain + "\r\nb\r\n", "\"" + quoted + "\"\r\nb\r\n")) {
            Csv.Reader reader = reader(text);

            String[] first = reader.next();
            assertEquals(text.startsWith("a") ? "a" : quoted, first[0]);
            assertEquals(text.startsWith("a") ? plain : quoted, first[first.length - 1]);
            assertTrue(reader.lastRecordTerminated());
            assertEquals(text.indexOf('\n') + 1, reader.recordEnd());
            assertArrayEquals(new String[] {"b"}, reader.next());
            assertNull(reader.next());
        }
    }

    @Test
    void keepsACarriageReturnThatTheReadBufferSplitsFromAnythingButALineFeed() throws IOException {
        String plain = "x".repeat(65_536 - 1);

        assertArrayEquals(new String[] {plain + "\r", "z"}, reader(plain + "\r,z\n").next());
    }

    @Test
    void keepsBytesBetweenTheClosingQuoteAndTheSeparatorAsPandasDoes() throws IOException {
        Csv.Reader reader = reader("\"ab\"cd,e\n\"f\"g");

        assertArrayEquals(new String[] {"abcd", "e"}, reader.next());
        assertArrayEquals(new String[] {"fg"}, reader.next());
        assertFalse(reader.lastRecordTerminated());
    }

    @Test
    void returnsAnEmptyLastFieldWhenTheInputEndsRightAfterAComma() throws IOException {
        Csv.Reader reader = reader("a,b,");

        assertArrayEquals(new String[] {"a", "b", ""}, reader.next());
        assertFalse(reader.lastRecordTerminated());
        assertEquals(0, reader.recordEnd());
    }

    @Test
    void readsRecordsOfManyFieldsAndFieldsOfManyDoubledQuotes() throws IOException {
        String[] wide = new String[40];
        for (int i = 0; i < wide.length; i++) {
            wide[i] = "f" + i;
        }
        String quotes = "\"".repeat(300);
        StringBuilder out = new StringBuilder();
        Csv.appendRecord(out, wide);
        Csv.appendRecord(out, quotes, "after");
        Csv.Reader reader = reader(out.toString());

        assertArrayEquals(wide, reader.next());
        assertArrayEquals(new String[] {quotes, "after"}, reader.next());
    }

    private static Csv.Reader reader(String text) {
        return new Csv.Reader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Hands out a few bytes per read, so fields and characters straddle the reader's buffer. */
    private static final class Trickle extends InputStream {
        private final byte[] bytes;
        private final Random random;
        private int position;

        Trickle(byte[] bytes, Random random) {
            this.bytes = bytes;
            this.random = random;
        }

        @Override
        public int read() {
            return position < bytes.length ? bytes[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            if (position == bytes.length) {
                return -1;
            }
            int n = Math.min(Math.min(length, 1 + random.nextInt(5)), bytes.length - position);
            System.arraycopy(bytes, position, into, offset, n);
            position += n;
            return n;
        }
    }
}
