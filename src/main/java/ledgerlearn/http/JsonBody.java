package ledgerlearn.http;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonValue;
import com.eclipsesource.json.ParseException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import ledgerlearn.sample.Sample;
import ledgerlearn.sample.SampleParser;
import ledgerlearn.sample.Transaction;

/**
 * Reads a request body within its size cap and its share of the {@link BodyBudget}, as strict UTF-8: a
 * batch straight into samples as it arrives (never a JSON tree of the whole body), a query into a JSON value.
 */
final class JsonBody {
    /** Far deeper than any valid body (2 levels), shallow enough that the recursive parser cannot overflow its stack. */
    static final int MAX_DEPTH = 64;
    /**
     * What a batch body holds in memory per byte while it is read and learnt: its samples (about 2.2 times
     * its bytes for rows like the real data set's, measured), the element being parsed and the store's
     * write buffer; a batch of queries holds less (no store). A body reserves this times its length.
     */
    static final int BATCH_WEIGHT = 4;
    /**
     * What a query body's JSON tree can hold per byte: a JSON value per two bytes, as in {@code [1,1,1...]},
     * takes about 35 bytes each. Queries are small (a few hundred bytes) and capped at
     * {@link PredictEndpoint#MAX_BODY}, so this weighs little.
     */
    static final int TREE_WEIGHT = 40;

    private JsonBody() {}

    /**
     * The body of a request as characters, at most {@code maxBytes} of it: a longer body is refused after
     * {@code maxBytes + 1} bytes, at once when its declared length says so. Its bytes times {@code weight}
     * ({@link #BATCH_WEIGHT}, {@link #TREE_WEIGHT}) are reserved from {@code reservation} before it is read,
     * or as they arrive when the length is not declared (chunked).
     */
    static Utf8Reader open(InputStream in, long declaredLength, long maxBytes, BodyBudget.Reservation reservation,
                           int weight) {
        if (declaredLength > maxBytes) {
            throw HttpError.payloadTooLarge(maxBytes);
        }
        if (declaredLength >= 0) {
            reservation.grow(declaredLength * weight);
            return new Utf8Reader(in, maxBytes, bytes -> { });
        }
        return new Utf8Reader(in, maxBytes, bytes -> reservation.grow(bytes * weight));
    }

    /** A POST /sample body, read into samples as it arrives (see {@link SampleParser#parseBatch(java.io.Reader, int)}). */
    static List<Sample> readBatch(Utf8Reader body) throws IOException {
        try {
            return SampleParser.parseBatch(body, MAX_DEPTH);
        } catch (ParseException e) {
            throw invalidJson(e, body);
        }
    }

    /**
     * A POST /predict/batch body, read into at most {@code max} queries as it arrives (see
     * {@link SampleParser#parseQueries(java.io.Reader, int, int)}).
     */
    static List<Transaction> readQueries(Utf8Reader body, int max) throws IOException {
        try {
            return SampleParser.parseQueries(body, MAX_DEPTH, max);
        } catch (ParseException e) {
            throw invalidJson(e, body);
        }
    }

    /** A query body (small: see {@link PredictEndpoint#MAX_BODY}), parsed into a JSON value. */
    static JsonValue read(Utf8Reader body) throws IOException {
        StringBuilder text = new StringBuilder(256);
        char[] buffer = new char[4096];
        int read;
        while ((read = body.read(buffer)) >= 0) {
            text.append(buffer, 0, read);
        }
        if (text.length() == 0) {
            throw HttpError.badRequest("empty body: send JSON");
        }
        checkDepth(text);
        try {
            return Json.parse(text.toString());
        } catch (ParseException e) {
            throw invalidJson(e, body);
        }
    }

    private static HttpError invalidJson(ParseException e, Utf8Reader reader) throws IOException {
        if (reader.bytesRead() == 0) {
            return HttpError.badRequest("empty body: send JSON");
        }
        // a body over the cap is told so, whatever it holds, as when bodies were read whole before parsing
        reader.skipRest();
        return HttpError.badRequest("invalid JSON at line " + e.getLocation().line + " column "
                + e.getLocation().column + ": " + stripLocation(e.getMessage()));
    }

    private static void checkDepth(CharSequence text) {
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
