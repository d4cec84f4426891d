package ledgerlearn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eclipsesource.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import ledgerlearn.sample.Sample;
import ledgerlearn.testing.Samples;
import org.junit.jupiter.api.Test;

final class JsonBodyTest {
    private final BodyBudget budget = new BodyBudget(1L << 30);

    private JsonValue read(String body, boolean declareLength, long max) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (BodyBudget.Reservation reserved = budget.reserve()) {
            return JsonBody.read(JsonBody.open(new ByteArrayInputStream(bytes), declareLength ? bytes.length : -1, max,
                    reserved, JsonBody.TREE_WEIGHT));
        }
    }

    @Test
    void readsTheSameValueWithOrWithoutADeclaredLength() throws IOException {
        String body = "{\"BankEntryText\":\"str:6cd08e4 int:49fed34\"}";
        assertEquals(read(body, false, 1024), read(body, true, 1024));
        assertEquals("str:6cd08e4 int:49fed34", read(body, true, 1024).asObject().getString("BankEntryText", null));
    }

    @Test
    void decodesMultiByteUtf8EvenAcrossReadBoundaries() throws IOException {
        assertEquals("Kø æble €", read("[\"Kø æble €\"]", true, 1024).asArray().get(0).asString());
        String text = "€".repeat(20_000);
        assertEquals(text, read("[\"" + text + "\"]", false, 1 << 20).asArray().get(0).asString());
    }

    @Test
    void refusesInvalidUtf8NamingTheOffset() {
        HttpError e = assertThrows(HttpError.class, () -> readBytes(new byte[] {'[', '"', (byte) 0xE6, '"', ']'}));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("not valid UTF-8 (bad byte at offset 2)"), e.getMessage());
    }

    private JsonValue readBytes(byte[] bytes) throws IOException {
        try (BodyBudget.Reservation reserved = budget.reserve()) {
            return JsonBody.read(JsonBody.open(new ByteArrayInputStream(bytes), bytes.length, 1024, reserved, 1));
        }
    }

    @Test
    void refusesABodyOverTheCapWhetherDeclaredOrNot() {
        String big = "[" + "1,".repeat(600) + "1]";
        assertEquals(413, assertThrows(HttpError.class, () -> read(big, true, 1024)).status());
        assertEquals(413, assertThrows(HttpError.class, () -> read(big, false, 1024)).status());
    }

    @Test
    void aQueryWhoseLastBytesArriveWithTheEndOfTheBodyIsReadWhole() throws IOException {
        // 4,096 characters fill the first read; the 1 to 3 bytes left are decoded in the read that meets the
        // end of the body, and the next read must say "end", not decode again (it was a 500)
        for (int extra = 1; extra <= 3; extra++) {
            String text = "[" + " ".repeat(4096 - 2 + extra) + "]";
            try (BodyBudget.Reservation reserved = budget.reserve()) {
                Utf8Reader reader = JsonBody.open(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                        text.length(), 1 << 20, reserved, 1);
                assertEquals(0, JsonBody.read(reader).asArray().size(), text.length() + " bytes");
                assertEquals(-1, reader.read(new char[16], 0, 16), "the end, again");
            }
        }
    }

    @Test
    void readsABatchIntoSamplesAndReadsItToItsEnd() throws IOException {
        List<Sample> samples = Samples.stream(50, 3);
        byte[] bytes = Samples.body(samples).getBytes(StandardCharsets.UTF_8);
        try (BodyBudget.Reservation reserved = budget.reserve()) {
            Utf8Reader reader = JsonBody.open(new ByteArrayInputStream(bytes), -1, 1 << 20, reserved, JsonBody.BATCH_WEIGHT);
            assertEquals(ledgerlearn.sample.SampleParser.parseBatch(com.eclipsesource.json.Json.parse(Samples.body(samples))),
                    JsonBody.readBatch(reader));
            assertTrue(reader.atEnd());
            assertEquals(bytes.length * (long) JsonBody.BATCH_WEIGHT, budget.reserved(), "reserved as it arrived");
        }
        assertEquals(0, budget.reserved(), "given back");
    }

    @Test
    void aBatchThatIsNotJsonButOverTheCapIsRefusedAs413() {
        byte[] garbage = "x".repeat(5000).getBytes(StandardCharsets.US_ASCII);
        try (BodyBudget.Reservation reserved = budget.reserve()) {
            Utf8Reader reader = JsonBody.open(new ByteArrayInputStream(garbage), -1, 4096, reserved, 1);
            assertEquals(413, assertThrows(HttpError.class, () -> JsonBody.readBatch(reader)).status());
        }
    }

    @Test
    void aBodyThatDoesNotFitTheBudgetIsRefusedWith503BeforeItIsRead() {
        BodyBudget small = new BodyBudget(100_000);
        byte[] bytes = Samples.body(Samples.stream(200, 3)).getBytes(StandardCharsets.UTF_8);
        ByteArrayInputStream declared = new ByteArrayInputStream(bytes);
        try (BodyBudget.Reservation reserved = small.reserve()) {
            HttpError e = assertThrows(HttpError.class,
                    () -> JsonBody.open(declared, bytes.length, 1 << 20, reserved, JsonBody.BATCH_WEIGHT));
            assertEquals(503, e.status());
            assertEquals("1", e.headers().get("Retry-After"));
            assertEquals(bytes.length, declared.available(), "not a byte read");
        }
        try (BodyBudget.Reservation reserved = small.reserve()) {
            Utf8Reader chunked = JsonBody.open(new ByteArrayInputStream(bytes), -1, 1 << 20, reserved, JsonBody.BATCH_WEIGHT);
            assertEquals(503, assertThrows(HttpError.class, () -> JsonBody.readBatch(chunked)).status());
            assertFalse(chunked.atEnd(), "refused part way");
        }
        assertEquals(0, small.reserved());
    }
}
