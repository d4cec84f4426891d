package ledgerlearn.http;

import com.eclipsesource.json.JsonValue;
import java.nio.charset.StandardCharsets;

/** What an endpoint answers: a status, a content type and the body's bytes. */
public record Response(int status, String contentType, byte[] body) {

    static final String JSON = "application/json; charset=utf-8";

    /** A 200 with a JSON body. */
    public static Response json(JsonValue value) {
        return json(200, value);
    }

    public static Response json(int status, JsonValue value) {
        return new Response(status, JSON, value.toString().getBytes(StandardCharsets.UTF_8));
    }
}
