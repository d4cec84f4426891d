package ledgerlearn.http;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import com.eclipsesource.json.JsonValue;

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

    /** Digits only: no sign, no spaces; enough of them for any long, few enough never to overflow one. */
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");

    /** Refuses query parameters the endpoint does not know, so a typo is an error, not silently ignored. */
    public void allowOnlyParams(Set<String> known) {
        for (String name : query.keySet()) {
            if (!known.contains(name)) {
                throw HttpError.badRequest("unknown query parameter \"" + name + "\""
                        + (known.isEmpty() ? "; this path takes none" : "; known: " + String.join(", ", known)));
            }
        }
    }

    /** Query parameter {@code name} as an integer {@code min..max}, or {@code absent} when it is not given. */
    int intQuery(String name, int absent, int min, int max) {
        String value = query.get(name);
        return value == null ? absent : (int) integer(name, value, min, max, "an integer " + min + ".." + max);
    }

    /**
     * Path parameter {@code name} as a positive integer; one beyond {@code int} means as many as there
     * are, so it is read as {@link Integer#MAX_VALUE}.
     */
    int positivePathInt(String name) {
        long value = integer(name, pathParams.get(name), 1, Long.MAX_VALUE, "a positive integer");
        return (int) Math.min(value, Integer.MAX_VALUE);
    }

    /** The one way an integer parameter is read: digits, within a range, else a 400 naming it and its value. */
    private static long integer(String name, String value, long min, long max, String expected) {
        if (value != null && DIGITS.matcher(value).matches()) {
            long number = Long.parseLong(value);
            if (number >= min && number <= max) {
                return number;
            }
        }
        throw HttpError.badRequest(name + " must be " + expected + ", got \"" + value + "\"");
    }
}
