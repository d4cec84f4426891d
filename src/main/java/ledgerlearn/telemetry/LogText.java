package ledgerlearn.telemetry;

/** Text made safe for a log line: every control character spelled out, so a line stays one line and inert. */
public final class LogText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private LogText() {}

    /**
     * {@code text} with each control character (U+0000..U+001F, U+007F..U+009F) and each line or paragraph
     * separator (U+2028, U+2029) written as an escape: {@code \t}, {@code \n}, {@code \r}, else {@code \xHH}
     * or {@code \}{@code uHHHH}. A request's method or path is the client's to choose; written raw, an ESC
     * could drive the terminal tailing the log, and a newline could forge a line. The same text comes back
     * when there is nothing to escape.
     */
    public static String escape(String text) {
        if (text == null) {
            return "null";
        }
        int i = 0;
        while (i < text.length() && !needsEscape(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!needsEscape(c)) {
                out.append(c);
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c < 0x100) {
                out.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            } else {
                out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf]).append(HEX[(c >> 4) & 0xf])
                        .append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    private static boolean needsEscape(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
    }
}
