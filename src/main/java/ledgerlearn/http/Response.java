package ledgerlearn.http;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonValue;

/**
 * What an endpoint answers: a status, a content type, the body's bytes, and any headers of its own.
 *
 * @param headers sent as they are, after the router's common ones (which they may override)
 */
public record Response(int status, String contentType, byte[] body, Map<String, String> headers) {

    static final String JSON = "application/json; charset=utf-8";

    public Response {
        headers = Map.copyOf(headers);
    }

    /** A response without headers of its own. */
    public Response(int status, String contentType, byte[] body) {
        this(status, contentType, body, Map.of());
    }

    /** A 200 with a JSON body. */
    public static Response json(JsonValue value) {
        return json(200, value);
    }

    public static Response json(int status, JsonValue value) {
        return new Response(status, JSON, value.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** An error answer: {@code {"error": message}}. */
    static Response error(int status, String message) {
        return json(status, Json.object().add("error", message));
    }

    /** This response with {@code more} headers besides its own. */
    Response withHeaders(Map<String, String> more) {
        if (more.isEmpty()) {
            return this;
        }
        Map<String, String> all = new HashMap<>(headers);
        all.putAll(more);
        return new Response(status, contentType, body, all);
    }
}
