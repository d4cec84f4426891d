package ledgerlearn.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import com.eclipsesource.json.JsonValue;
import ledgerlearn.sample.Sample;
import ledgerlearn.sample.SampleParser;
import ledgerlearn.sample.Transaction;

/**
 * One routed request as endpoints see it: they never touch the exchange.
 *
 * @param path the path without the optional {@code /v1} prefix
 * @param pathParams values of the route's {@code {name}} segments
 * @param query decoded query parameters
 * @param body the parsed JSON body of a route that takes one, else {@code null}
 * @param batch the validated samples of a route that takes a batch, else {@code null}
 * @param queries the validated queries of a route that takes a batch of them, else {@code null}
 * @param headers the request's headers; looked up case-insensitively ({@code com.sun.net.httpserver.Headers})
 * @param caller who sent it, and which companies it may see
 */
public record Request(String method, String path, Map<String, String> pathParams, Map<String, String> query,
                      JsonValue body, List<Sample> batch, List<Transaction> queries, Map<String, List<String>> headers,
                      Caller caller) {

    /** Digits only: no sign, no spaces; enough of them for any long, few enough never to overflow one. */
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");
    private static final Pattern ANY_DIGITS = Pattern.compile("[0-9]+");

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
        // percent-decoded as any path segment is: /metrics/%31 is /metrics/1
        String value = decodedPathParam(name);
        if (ANY_DIGITS.matcher(value).matches()) {
            // past a long's digits it is still a number: as many as there are
            String significant = value.replaceFirst("^0+", "");
            if (significant.length() > 18) {
                return Integer.MAX_VALUE;
            }
            value = significant.isEmpty() ? "0" : significant;
        }
        long number = integer(name, value, 1, Long.MAX_VALUE, "a positive integer");
        return (int) Math.min(number, Integer.MAX_VALUE);
    }

    /**
     * Refuses (400) a company id asked for, in the query or the path, that no sample could have: longer than
     * a sample's values may be. It is echoed in answers, which it would otherwise make as long as it is.
     */
    static String requireCompanyIdLength(String what, String company) {
        if (SampleParser.isTooLong(company)) {
            throw HttpError.badRequest(what + " is " + company.codePointCount(0, company.length())
                    + " characters long; a CompanyId is at most " + SampleParser.MAX_LENGTH);
        }
        return company;
    }

    /** Header {@code name}, or {@code null} when it is not given; given more than once it is a 400. */
    String header(String name) {
        return header(headers, name);
    }

    /** Header {@code name} of {@code headers}, or {@code null} when it is not given; given more than once it is a 400. */
    static String header(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw HttpError.badRequest("header " + name + " given more than once");
        }
        return values.get(0);
    }

    /**
     * Path parameter {@code name} percent-decoded as UTF-8 ({@code +} stays a plus: this is a path, not a form);
     * a malformed escape is a 400.
     */
    String decodedPathParam(String name) {
        String raw = pathParams.get(name);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '%') {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            int value = i + 2 < raw.length() ? hex(raw.charAt(i + 1)) * 16 + hex(raw.charAt(i + 2)) : -1;
            if (value < 0) {
                throw HttpError.badRequest("malformed percent-encoding in the path: \"" + raw + "\"");
            }
            bytes.write(value);
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw HttpError.badRequest("the path's " + name + " is not UTF-8: \"" + raw + "\"");
        }
    }

    private static int hex(char c) {
        int digit = Character.digit(c, 16);
        // two digits make at most 255: a negative digit makes the sum negative too
        return digit < 0 ? -1000 : digit;
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
