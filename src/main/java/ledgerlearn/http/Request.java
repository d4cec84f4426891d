package ledgerlearn.http;

import com.eclipsesource.json.JsonValue;
import java.util.Map;
import java.util.Set;

/**
 * One routed request as endpoints see it: they never touch the exchange.
 *
 * @param path the path without the optional {@code /v1} prefix
 * @param pathParams values of the route's {@code {name}} segments
 * @param query decoded query parameters
 * @param body the parsed JSON body, {@code null} for routes without one
 */
public record Request(String method, String path, Map<String, String> pathParams, Map<String, String> query,
                      JsonValue body) {

    /** Refuses query parameters the endpoint does not know, so a typo is an error, not silently ignored. */
    public void allowOnlyParams(Set<String> known) {
        for (String name : query.keySet()) {
            if (!known.contains(name)) {
                throw HttpError.badRequest("unknown query parameter \"" + name + "\""
                        + (known.isEmpty() ? "; this path takes none" : "; known: " + String.join(", ", known)));
            }
        }
    }
}
