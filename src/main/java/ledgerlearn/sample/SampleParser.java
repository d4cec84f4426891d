package ledgerlearn.sample;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonArray;
import com.eclipsesource.json.JsonHandler;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonParser;
import com.eclipsesource.json.JsonValue;
import com.eclipsesource.json.ParseException;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Turns a parsed JSON body into validated samples or a query, whole batch or nothing.
 *
 * <p>Rules shared by both bodies: keys are {@link Column} headers (the index column as {@code ""} or
 * {@code "Unnamed: 0"}), each at most once; values are strings kept exactly as received, and {@code null}
 * means absent. {@code AccountNumber} and the index column also take an integral JSON number in the
 * {@code long} range, rendered without a fraction ({@code 6700.0} becomes {@code "6700"}). A value is at
 * most {@value #MAX_LENGTH} characters (code points: an emoji is one) and may not contain control characters (U+0000..U+001F
 * and U+007F) other than tab, nor unpaired surrogates: the store is RFC 4180 and could quote a newline,
 * but it stays one line per sample for people reading it, and a lone surrogate would not survive the
 * UTF-8 round trip through the store, so the replayed model would differ from the live one.
 */
public final class SampleParser {
    /** The longest value accepted, in UTF-16 characters (the real data set's longest is 179). */
    public static final int MAX_LENGTH = 1_000;
    /** The longest number literal read as an integer: a 64-bit one, written with a fraction and exponent to spare. */
    private static final int MAX_NUMBER_LITERAL = 64;
    private static final int SHOWN = 40;
    /** How deep {@link #isDoubleEncoded} follows a string's JSON, far past any real body's 2 levels. */
    private static final int SHAPE_DEPTH = 64;

    private SampleParser() {}

    /**
     * A POST /sample body: a non-empty array of sample objects. {@code AccountNumber}, {@code CompanyId} and
     * {@code BankEntryAmount} are required and not blank, {@code BankEntryDate} is a real {@code YYYY-MM-DD}
     * date, {@code BankEntryText} is required but may be empty; the index column, {@code AccountName} and
     * {@code AccountTypeName} are {@code ""} when absent.
     *
     * @throws InvalidSampleException for the first problem found, prefixed {@code sample i: } (0-based)
     */
    public static List<Sample> parseBatch(JsonValue body) {
        Objects.requireNonNull(body, "body");
        if (!body.isArray()) {
            throw fail(body.isObject() ? objectInsteadOfArray(isColumnar(body.asObject())) : notAnArray(body, "samples"));
        }
        JsonArray rows = body.asArray();
        if (rows.isEmpty()) {
            throw fail("empty batch: send at least one sample");
        }
        List<Sample> samples = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            samples.add(sample(rows.get(i), "sample " + i + ": "));
        }
        // one list class whatever the size (List.copyOf has one for one or two elements and one for more):
        // the learner's compiled batch loops, specialised on the class they saw, are not thrown away
        // the first time a one-row batch comes
        return Collections.unmodifiableList(samples);
    }

    /**
     * As {@link #parseBatch(JsonValue)}, read from {@code body} as it arrives, without ever holding the
     * body's JSON tree: what stays in memory is the samples (see {@link BatchReader}).
     *
     * @param maxDepth nesting deeper than this is refused as soon as it is seen
     * @throws com.eclipsesource.json.ParseException for a body that is not JSON
     * @throws IOException when {@code body} cannot be read
     */
    public static List<Sample> parseBatch(Reader body, int maxDepth) throws IOException {
        return BatchReader.read(body, SAMPLES, maxDepth);
    }

    /** A POST /sample body's samples, each as {@link #sample} reads it. */
    private static final BatchReader.Kind<Sample> SAMPLES = new BatchReader.Kind<>("sample", "samples",
            Integer.MAX_VALUE, SampleParser::sample, SampleParser::objectInsteadOfArray);

    /**
     * A POST /predict body: one object whose feature keys are all optional (absent or {@code null} gives a
     * {@code null} feature); the {@code Account*} keys and the index column are checked like a sample's and
     * then ignored.
     *
     * @throws InvalidSampleException naming the field, without a sample prefix
     */
    public static Transaction parseQuery(JsonValue body) {
        Objects.requireNonNull(body, "body");
        if (body.isArray()) {
            throw fail("body must be one JSON object, not an array: send a single query without [ ],"
                    + " or POST the array to /predict/batch");
        }
        if (!body.isObject()) {
            throw fail(isDoubleEncoded(body) ? doubleEncodedAdvice("object", "row")
                    : "body must be one JSON object, got " + describe(body));
        }
        return query(body.asObject(), "");
    }

    /**
     * A POST /predict/batch body: a non-empty array of at most {@code max} query objects, each read as
     * {@link #parseQuery} reads one, read from {@code body} as it arrives: what stays in memory is the queries
     * (see {@link BatchReader}), so a batch costs memory by its queries, never by its JSON tree.
     *
     * @param maxDepth nesting deeper than this is refused as soon as it is seen
     * @throws InvalidSampleException for the first problem found, prefixed {@code query i: } (0-based)
     * @throws com.eclipsesource.json.ParseException for a body that is not JSON
     * @throws IOException when {@code body} cannot be read
     */
    public static List<Transaction> parseQueries(Reader body, int maxDepth, int max) throws IOException {
        return BatchReader.read(body, new BatchReader.Kind<>("query", "queries", max, SampleParser::queryElement,
                columnar -> "body must be a JSON array of queries; POST a single query to /predict"), maxDepth);
    }

    private static Transaction queryElement(JsonValue row, String where) {
        return query(element(row, where), where);
    }

    /** A batch's element, which must be an object. */
    private static JsonObject element(JsonValue row, String where) {
        if (!row.isObject()) {
            throw fail(where + "must be a JSON object with column names as keys, got " + describe(row));
        }
        return row.asObject();
    }

    private static Transaction query(JsonObject object, String where) {
        Map<Column, String> values = values(object, where);
        return new Transaction(values.get(Column.COMPANY_ID), date(values.get(Column.BANK_ENTRY_DATE), where),
                values.get(Column.BANK_ENTRY_TEXT), values.get(Column.BANK_ENTRY_AMOUNT));
    }

    static Sample sample(JsonValue row, String where) {
        Map<Column, String> v = values(element(row, where), where);
        return new Sample(
                Objects.requireNonNullElse(v.get(Column.INDEX), ""),
                required(v, Column.COMPANY_ID, false, where),
                date(required(v, Column.BANK_ENTRY_DATE, true, where), where), // date() refuses blanks
                required(v, Column.BANK_ENTRY_TEXT, true, where),
                required(v, Column.BANK_ENTRY_AMOUNT, false, where),
                Objects.requireNonNullElse(v.get(Column.ACCOUNT_NAME), ""),
                required(v, Column.ACCOUNT_NUMBER, false, where),
                Objects.requireNonNullElse(v.get(Column.ACCOUNT_TYPE_NAME), ""));
    }

    /** Every member checked, in order; a column given as {@code null} maps to {@code null}. */
    private static Map<Column, String> values(JsonObject object, String where) {
        Map<Column, String> values = new EnumMap<>(Column.class);
        for (JsonObject.Member member : object) {
            String key = member.getName();
            Column column = Column.byKey(key).orElseThrow(() -> fail(where + unknownKey(key)));
            if (values.containsKey(column)) {
                throw fail(where + (column == Column.INDEX
                        ? "the index column is given twice: send only one of \"\" and \"Unnamed: 0\""
                        : "duplicate key " + quote(key)));
            }
            values.put(column, value(member.getValue(), column, where));
        }
        return values;
    }

    /** The one place a value is checked: type, number rendering, length and characters. */
    private static String value(JsonValue json, Column column, String where) {
        String name = name(column);
        if (json.isNull()) {
            return null;
        }
        boolean numberAllowed = column == Column.ACCOUNT_NUMBER || column == Column.INDEX;
        String text;
        if (json.isString()) {
            text = json.asString();
        } else if (json.isNumber() && numberAllowed) {
            String number = json.toString();
            // BigDecimal's cost grows with the square of a literal's digits: a longer one than any 64-bit
            // integer needs is refused unread
            if (number.length() > MAX_NUMBER_LITERAL) {
                throw fail(where + name + " must be a string or an integer of at most 64 bits (send a longer number"
                        + " as a string), got " + literal(json));
            }
            try {
                // BigDecimal reads any JSON number literal exactly; longValueExact refuses fractions and overflow
                text = Long.toString(new BigDecimal(number).longValueExact());
            } catch (ArithmeticException | NumberFormatException e) {
                throw fail(where + name + " must be a string or an integer" + (integral(number)
                        ? " of at most 64 bits (send a longer number as a string)" : "") + ", got " + literal(json));
            }
        } else {
            throw fail(where + name + " must be a string" + (numberAllowed ? " or an integer" : "")
                    + ", got " + describe(json));
        }
        return checkText(text, name, where);
    }

    /** Whether {@code text} has more than {@value #MAX_LENGTH} characters (code points), which no value may. */
    public static boolean isTooLong(String text) {
        // code points are counted only when the chars say it may be so
        return text.length() > MAX_LENGTH && text.codePointCount(0, text.length()) > MAX_LENGTH;
    }

    /** A value's length and characters checked, whatever it was read from. */
    private static String checkText(String text, String name, String where) {
        if (isTooLong(text)) {
            throw fail(where + name + " is " + text.codePointCount(0, text.length()) + " characters long, the limit is "
                    + MAX_LENGTH);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw fail(where + name + String.format(" must not contain control character U+%04X", (int) c)
                        + " (only tab is allowed), got " + quote(text));
            }
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw fail(where + name + " must not contain an unpaired surrogate, got " + quote(text));
            }
        }
        return text;
    }

    /**
     * A sample read from a data set (a CSV row, where a missing optional column is {@code ""}), checked by the
     * rules a POST /sample body's sample is, with the same refusals: what the server would refuse is refused
     * here too, so that {@code evaluate} learns only what the server would have.
     *
     * @throws InvalidSampleException for the first problem found, prefixed {@code where}
     */
    public static Sample check(Sample row, String where) {
        for (Column column : Column.ALL) {
            checkText(row.value(column), name(column), where);
        }
        for (Column column : List.of(Column.COMPANY_ID, Column.BANK_ENTRY_AMOUNT, Column.ACCOUNT_NUMBER)) {
            if (row.value(column).isBlank()) {
                throw fail(where + name(column) + " must not be blank, got " + quote(row.value(column)));
            }
        }
        date(row.date(), where);
        return row;
    }

    /** Whether a JSON number literal is a whole number, however large. */
    private static boolean integral(String literal) {
        try {
            return new BigDecimal(literal).stripTrailingZeros().scale() <= 0;
        } catch (ArithmeticException | NumberFormatException e) {
            return false;
        }
    }

    private static String required(Map<Column, String> values, Column column, boolean blankAllowed, String where) {
        String value = values.get(column);
        if (value == null) {
            throw fail(where + name(column) + " is required");
        }
        if (!blankAllowed && value.isBlank()) {
            throw fail(where + name(column) + " must not be blank, got " + quote(value));
        }
        return value;
    }

    private static String date(String value, String where) {
        if (value == null) {
            return null;
        }
        try {
            if (isIsoDateShape(value)) {
                // LocalDate.of refuses an impossible date (2016-02-30) as strictly as ISO_LOCAL_DATE
                // does, without a formatter's parse: it runs for every sample and every /predict
                LocalDate.of(Integer.parseInt(value, 0, 4, 10), Integer.parseInt(value, 5, 7, 10),
                        Integer.parseInt(value, 8, 10, 10));
                return value;
            }
        } catch (DateTimeException e) {
            // falls through to the one message for a malformed or impossible date
        }
        throw fail(where + Column.BANK_ENTRY_DATE.header() + " must be YYYY-MM-DD, got " + quote(value));
    }

    /** Whether {@code value} is ASCII digits in the shape YYYY-MM-DD. */
    private static boolean isIsoDateShape(String value) {
        if (value.length() != 10 || value.charAt(4) != '-' || value.charAt(7) != '-') {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (i != 4 && i != 7 && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    /** The refusal of a batch body of {@code plural} ("samples") that is neither an array nor an object. */
    static String notAnArray(JsonValue body, String plural) {
        return isDoubleEncoded(body) ? doubleEncodedAdvice("array", "rows")
                : "body must be a JSON array of " + plural + ", got " + describe(body);
    }

    /**
     * Whether the body is a JSON string that itself holds a JSON array or object. The string is parsed
     * for its shape only: no tree is built, and nesting past {@value #SHAPE_DEPTH} levels ends the look.
     */
    private static boolean isDoubleEncoded(JsonValue body) {
        if (!body.isString()) {
            return false;
        }
        boolean[] container = new boolean[1];
        try {
            new JsonParser(new JsonHandler<Object, Object>() {
                private int depth;

                @Override
                public Object startArray() {
                    return open();
                }

                @Override
                public Object startObject() {
                    return open();
                }

                @Override
                public void endArray(Object array) {
                    depth--;
                }

                @Override
                public void endObject(Object object) {
                    depth--;
                }

                private Object open() {
                    container[0] |= depth == 0;
                    if (++depth > SHAPE_DEPTH) {
                        throw new TooDeep();
                    }
                    return null;
                }
            }).parse(body.asString());
            return container[0];
        } catch (ParseException | TooDeep e) {
            return false;
        }
    }

    /** Ends a look at a string's shape that goes too deep. */
    private static final class TooDeep extends RuntimeException {
        TooDeep() {
            super(null, null, false, false);
        }
    }

    private static String doubleEncodedAdvice(String kind, String variable) {
        return "body is a JSON string holding JSON (double-encoded?): send the " + kind + " itself, e.g. "
                + "requests.post(url, json=" + variable + ") instead of json=json.dumps(" + variable + ")";
    }

    /** Whether the object is not empty and every member's value is an object or an array. */
    private static boolean isColumnar(JsonObject object) {
        boolean columnar = !object.isEmpty();
        for (JsonObject.Member member : object) {
            columnar &= member.getValue().isObject() || member.getValue().isArray();
        }
        return columnar;
    }

    /** The refusal of a batch body that is an object: a pandas column dict ({@code columnar}) or a single sample. */
    static String objectInsteadOfArray(boolean columnar) {
        return columnar
                ? "body looks like a pandas column dict (DataFrame.to_dict()): send a list of rows,"
                        + " e.g. df.to_dict(orient=\"records\")"
                : "body must be a JSON array of samples; wrap a single sample in [ ]";
    }

    private static String unknownKey(String key) {
        for (Column column : Column.ALL) {
            if (column != Column.INDEX && column.header().equalsIgnoreCase(key.strip())) {
                return "unknown key " + quote(key) + " (did you mean " + quote(column.header()) + "?)";
            }
        }
        return "unknown key " + quote(key) + " (expected one of " + Column.ALL.stream()
                .filter(c -> c != Column.INDEX).map(Column::header).collect(Collectors.joining(", "))
                + ", or the index column \"\" / \"Unnamed: 0\")";
    }

    private static String name(Column column) {
        return column == Column.INDEX ? "the index column" : column.header();
    }

    private static String describe(JsonValue value) {
        if (value.isObject()) {
            return "an object";
        }
        if (value.isArray()) {
            return "an array";
        }
        if (value.isString()) {
            return "a string";
        }
        return value.isNull() ? "null" : (value.isNumber() ? "a number " : "a boolean ") + literal(value);
    }

    private static String literal(JsonValue value) {
        String text = value.toString();
        return text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "... (" + text.length() + " characters)";
    }

    /** The value as a JSON string literal, cut to its first {@value #SHOWN} characters. */
    private static String quote(String value) {
        if (value.length() <= SHOWN) {
            return Json.value(value).toString();
        }
        int end = Character.isHighSurrogate(value.charAt(SHOWN - 1)) ? SHOWN - 1 : SHOWN;
        return Json.value(value.substring(0, end)).toString() + "... (" + value.length() + " characters)";
    }

    private static InvalidSampleException fail(String message) {
        return new InvalidSampleException(message);
    }
}
