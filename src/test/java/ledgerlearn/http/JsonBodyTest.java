package ledgerlearn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eclipsesource.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

final class JsonBodyTest {

    private static JsonValue read(String body, boolean declareLength, long max) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return JsonBody.read(new ByteArrayInputStream(bytes), declareLength ? bytes.length : -1, max);
    }

    @Test
    void readsTheSameValueWithOrWithoutADeclaredLength() throws IOException {
        String body = "{\"BankEntryText\":\"str:6cd08e4 int:49fed34\"}";
        assertEquals(read(body, false, 1024), read(body, true, 1024));
        assertEquals("str:6cd08e4 int:49fed34", read(body, true, 1024).asObject().getString("BankEntryText", null));
    }

    @Test
    void decodesMultiByteUtf8() throws IOException {
        assertEquals("Kø æble €", read("[\"Kø æble €\"]", true, 1024).asArray().get(0).asString());
    }

    @Test
    void refusesInvalidUtf8NamingTheOffset() {
        byte[] latin1 = {'[', '"', (byte) 0xE6, '"', ']'};
        HttpError e = assertThrows(HttpError.class,
                () -> JsonBody.read(new ByteArrayInputStream(latin1), latin1.length, 1024));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("not valid UTF-8 (bad byte at offset 2)"), e.getMessage());
    }

    @Test
    void aBodyShorterThanItsDeclaredLengthIsReadAsItIs() throws IOException {
        byte[] bytes = "[1]".getBytes(StandardCharsets.UTF_8);
        assertEquals("[1]", JsonBody.read(new ByteArrayInputStream(bytes), 10, 1024).toString());
    }

    @Test
    void refusesABodyOverTheCapWhetherDeclaredOrNot() {
        String big = "[" + "1,".repeat(600) + "1]";
        assertEquals(413, assertThrows(HttpError.class, () -> read(big, true, 1024)).status());
        assertEquals(413, assertThrows(HttpError.class, () -> read(big, false, 1024)).status());
    }

    @Test
    void readsABodyLargerThanTheExactReadLimitWhenItFitsTheCap() throws IOException {
        String big = "[\"" + "a".repeat(JsonBody.EXACT_READ_MAX + 10) + "\"]";
        assertEquals(JsonBody.EXACT_READ_MAX + 10, read(big, true, 4L << 20).asArray().get(0).asString().length());
    }
}
