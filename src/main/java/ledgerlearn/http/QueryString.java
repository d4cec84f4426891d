package ledgerlearn.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A raw query string decoded into parameters; a parameter given twice, or badly percent-encoded, is a 400. */
final class QueryString {
    private QueryString() {}

    /** The parameters of {@code raw} (without the {@code ?}; {@code null} for none), in the order given. */
    static Map<String, String> parse(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (query.put(name, value) != null) {
                throw HttpError.badRequest("query parameter \"" + name + "\" given more than once");
            }
        }
        return query;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("malformed percent-encoding in query: \"" + text + "\"");
        }
    }
}
