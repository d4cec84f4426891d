package ledgerlearn.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.eclipsesource.json.Json;
import org.junit.jupiter.api.Test;

final class SampleJsonTest {

    @Test
    void escapesQuotesBackslashesAndControlCharactersSoAnyParserReadsTheSameText() {
        String text = "q\"b\\n\nr\rt\tb\bf\fnul\u0000us\u001f æøå € 😀";
        StringBuilder json = new StringBuilder();
        SampleJson.appendString(json, text);
        assertEquals("\"q\\\"b\\\\n\\nr\\rt\\tb\\bf\\fnul\\u0000us\\u001f æøå € 😀\"", json.toString());
        assertEquals(text, Json.parse(json.toString()).asString());
    }

    @Test
    void leavesPlainTextAsItIs() {
        StringBuilder json = new StringBuilder("x");
        SampleJson.appendString(json, "str:6cd08e4 int:49fed34");
        assertEquals("x\"str:6cd08e4 int:49fed34\"", json.toString());
    }
}
