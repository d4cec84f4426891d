package ledgerlearn.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

final class LogTextTest {

    @Test
    void returnsTextWithoutControlCharactersAsItIs() {
        String text = "POST /sample é ünïcödé \\x1b";
        assertSame(text, LogText.escape(text));
    }

    @Test
    void spellsOutEveryControlCharacterAndLineSeparator() {
        assertEquals("a\\x1b[2Jb\\r\\n\\t\\x00\\x7f\\x9b\\u2028\\u2029z",
                LogText.escape("a\u001b[2Jb\r\n\t\u0000\u007f\u009b\u2028\u2029z"));
    }

    @Test
    void writesNullAsTheWordNull() {
        assertEquals("null", LogText.escape(null));
    }
}
