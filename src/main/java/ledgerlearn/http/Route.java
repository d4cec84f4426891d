package ledgerlearn.http;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One method and path template, e.g. {@code GET /metrics/{n}}, and the endpoint that answers it.
 *
 * @param body what the request carries: nothing, a JSON query, or a batch of samples or of queries
 * @param maxBody the largest body accepted (0 without a body)
 */
record Route(String method, String template, Body body, long maxBody, Endpoint endpoint) {

    /** What a route's request carries, and so how it is read. */
    enum Body {
        /** No body is read. */
        NONE,
        /** A small JSON value, parsed whole ({@link Request#body()}). */
        JSON,
        /** A batch of samples, read into samples as it arrives ({@link Request#batch()}). */
        BATCH,
        /** A batch of queries, read into queries as it arrives ({@link Request#queries()}). */
        QUERIES
    }

    /** A route without a body. */
    static Route of(String method, String template, Endpoint endpoint) {
        return new Route(method, template, Body.NONE, 0, endpoint);
    }

    /** Whether the route answers {@code method}: its own, and HEAD for a GET route (the GET's answer without its body). */
    boolean serves(String method) {
        return this.method.equals(method) || (method.equals("HEAD") && this.method.equals("GET"));
    }

    /** The methods the route answers, for an {@code Allow} header. */
    List<String> methods() {
        return method.equals("GET") ? List.of("GET", "HEAD") : List.of(method);
    }

    /** {@code "METHOD /template"}, as help texts, the 404 message and the request counts name a route. */
    String name() {
        return method + " " + template;
    }

    /** The template's {@code {name}} values when {@code path} matches it, else {@code null}. */
    Map<String, String> match(String path) {
        String[] want = template.split("/", -1);
        String[] got = path.split("/", -1);
        if (want.length != got.length) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < want.length; i++) {
            if (want[i].startsWith("{") && want[i].endsWith("}")) {
                if (got[i].isEmpty()) {
                    return null;
                }
                params.put(want[i].substring(1, want[i].length() - 1), got[i]);
            } else if (!want[i].equals(got[i])) {
                return null;
            }
        }
        return params;
    }
}
