package ledgerlearn.http;

import java.util.HashMap;
import java.util.Map;

/**
 * One method and path template, e.g. {@code GET /metrics/{n}}, and the endpoint that answers it.
 *
 * @param hasBody whether the request carries a JSON body to parse
 */
record Route(String method, String template, boolean hasBody, Endpoint endpoint) {

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
