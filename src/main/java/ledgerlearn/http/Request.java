package ledgerlearn.http;

import com.eclipsesource.json.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import ledgerlearn.sample.Sample;

/**
 * One routed request as endpoints see it: they never touch the exchange.
 *
 * @param path the path without the optional {@code /v1} prefix
 * @param pathParams values of the route's {@code {name}} segments
 * @param query decoded query parameters
 * @param body the parsed JSON body of a route that takes one, else {@code null}
 * @param batch the validated samples of a route that takes a batch, else {@code null}
 */
public record Request(String method, String path, Map<String, String> pathParams, Map<String, String> query,
                      JsonValue body, List<Sample> batch) {

    /** A request without a batch. */
    public Request(String method, String path, Map<String, String> pathParams, Map<String, String> query, JsonValue body) {
        this(method, path, pathParams, query, body, null);
    }

    /** Digits only: no sign, no spaces; enough of them for any long, few enough never to overflow one. */
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");

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
