package ledgerlearn.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonValue;
import com.eclipsesource.json.ParseException;

/** Reads a request body within the size cap, as strict UTF-8, into a parsed JSON value. */
final class JsonBody {
    /** Far deeper than any valid body (2 levels), shallow enough that the recursive parser cannot overflow its stack. */
    static final int MAX_DEPTH = 64;

    /** Bodies up to this size that declare their length are read straight into an array of that size. */
    static final int EXACT_READ_MAX = 1 << 20;

    private JsonBody() {}

    /**
     * Reads at most {@code maxBytes}: the cap is enforced while reading, so an oversized body is
     * refused after {@code maxBytes + 1} bytes, never buffered whole.
     */
    static JsonValue read(InputStream in, long declaredLength, long maxBytes) throws IOException {
        if (declaredLength > maxBytes) {
            throw HttpError.payloadTooLarge(maxBytes);
        }
        if (declaredLength >= 0 && declaredLength <= EXACT_READ_MAX) {
            // the usual case: one array of the right size, no copying (the server stops at the length)
            byte[] body = new byte[(int) declaredLength];
            int read = in.readNBytes(body, 0, body.length);
            return parse(read == body.length ? body : Arrays.copyOf(body, read));
        }
        // a declared length is only a claim: grow towards it as bytes arrive rather than reserve it up front
        ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) Math.min(Math.max(declaredLength, 8192), 1 << 20));
        byte[] buffer = new byte[16384];
        long total = 0;
        int read;
        while ((read = in.read(buffer)) > 0) {
            total += read;
            if (total > maxBytes) {
                throw HttpError.payloadTooLarge(maxBytes);
            }
            bytes.write(buffer, 0, read);
        }
        return parse(bytes.toByteArray());
    }

    static JsonValue parse(byte[] body) {
        if (body.length == 0) {
            throw HttpError.badRequest("empty body: send JSON");
        }
        String text = decode(body);
        checkDepth(text);
        try {
            return Json.parse(text);
        } catch (ParseException e) {
            throw HttpError.badRequest("invalid JSON at line " + e.getLocation().line + " column "
                    + e.getLocation().column + ": " + stripLocation(e.getMessage()));
        }
    }

    private static String decode(byte[] body) {
        if (isAscii(body)) {
            // ASCII is valid UTF-8 and maps byte for byte: one copy into a compact string
            return new String(body, StandardCharsets.ISO_8859_1);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        // UTF-8 never decodes to more chars than it has bytes
        CharBuffer out = CharBuffer.allocate(body.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw HttpError.badRequest("body is not valid UTF-8 (bad byte at offset " + in.position() + ")");
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static void checkDepth(String text) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                if (++depth > MAX_DEPTH) {
                    throw HttpError.badRequest("JSON nested deeper than " + MAX_DEPTH + " levels");
                }
            } else if (c == ']' || c == '}') {
                depth--;
            }
        }
    }

    private static String stripLocation(String message) {
        int at = message.lastIndexOf(" at ");
        return at > 0 ? message.substring(0, at) : message;
    }
}
