package ledgerlearn.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonArray;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

final class SampleParserTest {

    /** A valid sample in the data set's shape, as the client sends it. */
    private static JsonObject row() {
        return Json.object()
                .add("CompanyId", "int:a055470")
                .add("BankEntryDate", "2016-02-29")
                .add("BankEntryText", "str:6cd08e4 int:49fed34")
                .add("BankEntryAmount", "> -1000")
                .add("AccountName", "str:1e82557")
                .add("AccountNumber", "9900")
                .add("AccountTypeName", "Balance");
    }

    private static JsonArray batch(JsonValue... rows) {
        JsonArray array = Json.array();
        for (JsonValue row : rows) {
            array.add(row);
        }
        return array;
    }

    /** A POST /predict/batch body's queries, read as the server reads it: streamed, at most {@code max}. */
    private static List<Transaction> queries(JsonValue body, int max) {
        try {
            return SampleParser.parseQueries(new StringReader(body.toString()), 64, max);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The batch both ways, parsed whole and streamed without its tree ({@link BatchReader}); they must give
     * the same samples or the same refusal.
     */
    private static List<Sample> parseBatch(JsonValue body) {
        List<Sample> samples;
        try {
            samples = SampleParser.parseBatch(body);
        } catch (InvalidSampleException e) {
            InvalidSampleException streamed = assertThrows(InvalidSampleException.class,
                    () -> SampleParser.parseBatch(new StringReader(body.toString()), 64), "streamed: " + body);
            assertEquals(e.getMessage(), streamed.getMessage(), "streamed");
            throw e;
        }
        try {
            assertEquals(samples, SampleParser.parseBatch(new StringReader(body.toString()), 64), "streamed");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return samples;
    }

    private static Sample parseOne(JsonObject row) {
        List<Sample> samples = parseBatch(batch(row));
        assertEquals(1, samples.size());
        return samples.get(0);
    }

    private static String rejection(Executable parse) {
        return assertThrows(InvalidSampleException.class, parse).getMessage();
    }

    private static String batchRejection(JsonValue body) {
        return rejection(() -> parseBatch(body));
    }

    private static String queryRejection(JsonValue body) {
        return rejection(() -> SampleParser.parseQuery(body));
    }

    @Test
    void acceptsValidBatchKeepingValuesAsReceivedInOrder() {
        JsonObject second = row().set("BankEntryText", "  \"quoted\", with\ttab  ").set("AccountNumber", "3115");
        List<Sample> samples = parseBatch(batch(row(), second));

        assertEquals(List.of(
                new Sample("", "int:a055470", "2016-02-29", "str:6cd08e4 int:49fed34", "> -1000",
                        "str:1e82557", "9900", "Balance"),
                new Sample("", "int:a055470", "2016-02-29", "  \"quoted\", with\ttab  ", "> -1000",
                        "str:1e82557", "3115", "Balance")), samples);
    }

    @Test
    void acceptsARowAsPandasRecordsSendIt() {
        JsonValue body = Json.parse("[{\"Unnamed: 0\": 0, \"CompanyId\": \"int:a055470\","
                + " \"BankEntryDate\": \"2016-02-29\", \"BankEntryText\": \"str:6cd08e4 int:49fed34\","
                + " \"BankEntryAmount\": \"> -1000\", \"AccountName\": \"str:1e82557\", \"AccountNumber\": 9900,"
                + " \"AccountTypeName\": \"Balance\"}]");

        Sample sample = parseBatch(body).get(0);

        assertEquals("0", sample.index());
        assertEquals("9900", sample.accountNumber());
    }

    @ParameterizedTest
    @CsvSource({"6700, 6700", "6700.0, 6700", "6.7e3, 6700", "6700E0, 6700", "-0, 0", "42, 42",
            "9223372036854775807, 9223372036854775807"})
    void acceptsNumericAccountNumber(String literal, String expected) {
        Sample sample = parseOne(row().set("AccountNumber", Json.parse(literal)));

        assertEquals(expected, sample.accountNumber());
    }

    @ParameterizedTest
    @ValueSource(strings = {"12.5", "1e-400", "1e2147483648"})
    void rejectsNonIntegralAccountNumber(String literal) {
        String message = batchRejection(batch(row().set("AccountNumber", Json.parse(literal))));

        assertEquals("sample 0: AccountNumber must be a string or an integer, got " + literal, message);
    }

    @Test
    void refusesAMillionDigitAccountNumberAtOnceUnread() {
        // read as a number, its digits would take the parser minutes (the cost grows with their square)
        String literal = "1" + "0".repeat(1_000_000);

        String message = batchRejection(batch(row().set("AccountNumber", Json.parse(literal))));

        assertTrue(message.startsWith("sample 0: AccountNumber must be a string or an integer of at most 64 bits"), message);
        assertTrue(message.endsWith("(1000001 characters)"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e400", "9223372036854775808", "-9223372036854775809", "123456789012345678901234567890123"})
    void rejectsAnAccountNumberBeyond64BitsSayingToSendItAsAString(String literal) {
        String message = batchRejection(batch(row().set("AccountNumber", Json.parse(literal))));

        assertEquals("sample 0: AccountNumber must be a string or an integer of at most 64 bits (send a longer number"
                + " as a string), got " + literal, message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Unnamed: 0"})
    void acceptsIndexColumnUnderBothNames(String key) {
        assertEquals("17", parseOne(row().add(key, "17")).index());
        assertEquals("17", parseOne(row().add(key, 17)).index());
        assertEquals("17", parseOne(row().add(key, Json.parse("17.0"))).index());
    }

    @Test
    void rejectsNonIntegralIndex() {
        String message = batchRejection(batch(row().add("Unnamed: 0", 1.5)));

        assertEquals("sample 0: the index column must be a string or an integer, got 1.5", message);
    }

    @Test
    void rejectsIndexColumnGivenUnderBothNames() {
        String message = batchRejection(batch(row().add("", "1").add("Unnamed: 0", "1")));

        assertEquals("sample 0: the index column is given twice: send only one of \"\" and \"Unnamed: 0\"", message);
    }

    @Test
    void rejectsWholeBatchNamingIndexAndField() {
        JsonArray body = batch(row(), row(), row(), row().set("BankEntryDate", "2021-13-01"), row());

        String message = batchRejection(body);

        assertEquals("sample 3: BankEntryDate must be YYYY-MM-DD, got \"2021-13-01\"", message);
    }

    @Test
    void reportsTheFirstInvalidSample() {
        JsonArray body = batch(row(), row().remove("CompanyId"), row().remove("AccountNumber"));

        assertEquals("sample 1: CompanyId is required", batchRejection(body));
    }

    @Test
    void rejectsUnknownKeyNamingIt() {
        String message = batchRejection(batch(row(), row(), row().add("Amount", "12")));

        assertTrue(message.startsWith("sample 2: unknown key \"Amount\" (expected one of CompanyId, "), message);
        assertTrue(message.contains("AccountTypeName"), message);
    }

    @ParameterizedTest
    @CsvSource({"companyid, CompanyId", "ACCOUNTNUMBER, AccountNumber", "' BankEntryText', BankEntryText"})
    void suggestsTheColumnAnUnknownKeyAlmostNames(String key, String column) {
        JsonObject sample = row();
        sample.remove(column);
        String message = batchRejection(batch(sample.add(key, "x")));

        assertEquals("sample 0: unknown key \"" + key + "\" (did you mean \"" + column + "\"?)", message);
    }

    @Test
    void rejectsDuplicateKey() {
        JsonValue body = Json.parse("[{\"CompanyId\": \"int:a\", \"BankEntryDate\": \"2016-02-29\","
                + " \"BankEntryText\": \"t\", \"BankEntryAmount\": \"> -1000\", \"AccountNumber\": \"9900\","
                + " \"CompanyId\": \"int:b\"}]");

        assertEquals("sample 0: duplicate key \"CompanyId\"", batchRejection(body));
        assertEquals("sample 0: duplicate key \"AccountName\"",
                batchRejection(Json.parse("[{\"AccountName\": null, \"AccountName\": \"a\"}]")));
    }

    static Stream<Arguments> nonStringValues() {
        return Stream.of(
                Arguments.of("CompanyId", Json.object().add("id", "a"), "an object"),
                Arguments.of("BankEntryText", Json.array().add("a"), "an array"),
                Arguments.of("AccountName", Json.TRUE, "a boolean true"),
                Arguments.of("AccountNumber", Json.FALSE, "a boolean false"),
                Arguments.of("AccountNumber", Json.array().add(9900), "an array"),
                Arguments.of("BankEntryAmount", Json.value(-1000), "a number -1000"),
                Arguments.of("BankEntryDate", Json.value(20160229), "a number 20160229"),
                Arguments.of("AccountTypeName", Json.object(), "an object"));
    }

    @ParameterizedTest
    @MethodSource("nonStringValues")
    void rejectsNonStringValuesNamingFieldAndType(String key, JsonValue value, String type) {
        String message = batchRejection(batch(row().set(key, value)));

        String expected = key.equals("AccountNumber") ? " must be a string or an integer, got " : " must be a string, got ";
        assertEquals("sample 0: " + key + expected + type, message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"AccountNumber", "CompanyId", "BankEntryDate", "BankEntryText", "BankEntryAmount"})
    void rejectsMissingRequiredField(String key) {
        assertEquals("sample 0: " + key + " is required", batchRejection(batch(row().remove(key))));
        assertEquals("sample 0: " + key + " is required", batchRejection(batch(row().set(key, Json.NULL))));
    }

    @ParameterizedTest
    @CsvSource(value = {"AccountNumber|''", "AccountNumber|'   '", "CompanyId|''", "BankEntryAmount|' '"},
            delimiter = '|')
    void rejectsBlankRequiredValue(String key, String value) {
        String message = batchRejection(batch(row().set(key, value)));

        assertEquals("sample 0: " + key + " must not be blank, got \"" + value + "\"", message);
    }

    @Test
    void rejectsTabOnlyAccountNumberAsBlank() {
        String message = batchRejection(batch(row().set("AccountNumber", "\t")));

        assertEquals("sample 0: AccountNumber must not be blank, got \"\\t\"", message);
    }

    @Test
    void acceptsEmptyOrBlankBankEntryText() {
        assertEquals("", parseOne(row().set("BankEntryText", "")).text());
        assertEquals("  ", parseOne(row().set("BankEntryText", "  ")).text());
    }

    @Test
    void treatsNullOptionalAsEmpty() {
        JsonObject nulls = row().set("AccountName", Json.NULL).set("AccountTypeName", Json.NULL).add("", Json.NULL);
        JsonObject absent = row().remove("AccountName").remove("AccountTypeName");

        for (JsonObject sample : List.of(nulls, absent)) {
            Sample parsed = parseOne(sample);
            assertEquals("", parsed.index());
            assertEquals("", parsed.accountName());
            assertEquals("", parsed.accountTypeName());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2021-13-01", "2021-00-10", "2021-01-32", "2021-1-01", "21-01-01", " 2021-01-01",
            "2021-01-01 ", "2021/01/01", "01-02-2021", "+2021-01-01", "+12021-01-01", "2021-01-01T00:00",
            "20210101", "", "２０２１-01-01", "2021-01-0١"})
    void rejectsMalformedDate(String date) {
        String message = batchRejection(batch(row().set("BankEntryDate", date)));

        assertEquals("sample 0: BankEntryDate must be YYYY-MM-DD, got " + Json.value(date), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2016-02-30", "2015-02-29", "2100-02-29", "2021-04-31"})
    void rejectsImpossibleCalendarDate(String date) {
        String message = batchRejection(batch(row().set("BankEntryDate", date)));

        assertEquals("sample 0: BankEntryDate must be YYYY-MM-DD, got \"" + date + "\"", message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2016-02-29", "2000-02-29", "2021-12-31", "1999-01-01"})
    void acceptsRealCalendarDates(String date) {
        assertEquals(date, parseOne(row().set("BankEntryDate", date)).date());
    }

    @Test
    void acceptsValuesUpToTheLengthLimit() {
        String longest = "x".repeat(SampleParser.MAX_LENGTH);

        assertEquals(longest, parseOne(row().set("BankEntryText", longest)).text());
    }

    @Test
    void countsTheLengthLimitInCharactersNotUtf16Units() {
        String emoji = "\uD83D\uDCB8".repeat(SampleParser.MAX_LENGTH);

        assertEquals(emoji, parseOne(row().set("BankEntryText", emoji)).text());
        assertEquals("sample 0: BankEntryText is 1001 characters long, the limit is 1000",
                batchRejection(batch(row().set("BankEntryText", emoji + "\uD83D\uDCB8"))));
    }

    @Test
    void rejectsValueOverTheLengthLimit() {
        String message = batchRejection(batch(row(), row().set("AccountName", "x".repeat(SampleParser.MAX_LENGTH + 1))));

        assertEquals("sample 1: AccountName is 1001 characters long, the limit is 1000", message);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x01, 0x0a, 0x0d, 0x1b, 0x1f, 0x7f})
    void rejectsControlCharactersOtherThanTab(int control) {
        String value = "a" + (char) control + "b";

        String message = batchRejection(batch(row().set("BankEntryText", value)));

        assertEquals(String.format("sample 0: BankEntryText must not contain control character U+%04X"
                + " (only tab is allowed), got %s", control, Json.value(value)), message);
    }

    @Test
    void acceptsTabAndNonAsciiText() {
        String text = "caf\u00e9\tK\u00f8benhavn \ud83d\ude00 \u20ac";

        assertEquals(text, parseOne(row().set("BankEntryText", text)).text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\ud83d", "\ude00b", "a\ude00\ud83db"})
    void rejectsUnpairedSurrogates(String value) {
        String message = batchRejection(batch(row().set("CompanyId", value)));

        assertTrue(message.startsWith("sample 0: CompanyId must not contain an unpaired surrogate, got "), message);
    }

    @Test
    void truncatesLongValuesInMessages() {
        String date = "9".repeat(500);

        String message = batchRejection(batch(row().set("BankEntryDate", date)));

        assertEquals("sample 0: BankEntryDate must be YYYY-MM-DD, got \"" + "9".repeat(40) + "\"... (500 characters)",
                message);
    }

    @Test
    void truncatesLongNumbersAndKeysInMessages() {
        String digits = "1" + "0".repeat(99) + ".5";
        String numberMessage = batchRejection(batch(row().set("AccountNumber", Json.parse(digits))));
        String keyMessage = batchRejection(batch(row().add("k".repeat(300), "v")));

        assertTrue(numberMessage.endsWith("got " + digits.substring(0, 40) + "... (102 characters)"), numberMessage);
        assertTrue(keyMessage.startsWith("sample 0: unknown key \"" + "k".repeat(40) + "\"... (300 characters)"),
                keyMessage);
    }

    @Test
    void escapesValuesInMessagesAsJsonStrings() {
        String message = batchRejection(batch(row().set("BankEntryDate", "say \"hi\"\\")));

        assertEquals("sample 0: BankEntryDate must be YYYY-MM-DD, got \"say \\\"hi\\\"\\\\\"", message);
    }

    @Test
    void rejectsEmptyBatch() {
        assertEquals("empty batch: send at least one sample", batchRejection(Json.array()));
    }

    @ParameterizedTest
    @MethodSource("nonObjectSamples")
    void rejectsSampleThatIsNotAnObject(JsonValue element, String type) {
        String message = batchRejection(batch(row(), element));

        assertEquals("sample 1: must be a JSON object with column names as keys, got " + type, message);
    }

    static Stream<Arguments> nonObjectSamples() {
        return Stream.of(
                Arguments.of(Json.array().add("int:a").add("2016-02-29"), "an array"),
                Arguments.of(Json.value("int:a,2016-02-29"), "a string"),
                Arguments.of(Json.NULL, "null"),
                Arguments.of(Json.value(3), "a number 3"));
    }

    @Test
    void rejectsDoubleEncodedBodyWithAdvice() {
        JsonValue doubleEncoded = Json.value(batch(row(), row()).toString());

        String message = batchRejection(doubleEncoded);

        assertEquals("body is a JSON string holding JSON (double-encoded?): send the array itself,"
                + " e.g. requests.post(url, json=rows) instead of json=json.dumps(rows)", message);
    }

    @Test
    void rejectsPandasColumnDictWithAdvice() {
        JsonObject columns = Json.object();
        for (String key : row().names()) {
            columns.add(key, Json.object().add("0", row().get(key)).add("1", row().get(key)));
        }
        JsonObject lists = Json.object().add("CompanyId", Json.array().add("int:a")).add("AccountNumber", Json.array());

        for (JsonValue body : List.of(columns, lists)) {
            assertEquals("body looks like a pandas column dict (DataFrame.to_dict()): send a list of rows,"
                    + " e.g. df.to_dict(orient=\"records\")", batchRejection(body));
        }
    }

    @Test
    void rejectsSingleSampleObjectWithAdvice() {
        assertEquals("body must be a JSON array of samples; wrap a single sample in [ ]", batchRejection(row()));
        assertEquals("body must be a JSON array of samples; wrap a single sample in [ ]", batchRejection(Json.object()));
    }

    @ParameterizedTest
    @MethodSource("otherBodies")
    void rejectsBodyOfAnyOtherType(JsonValue body, String type) {
        assertEquals("body must be a JSON array of samples, got " + type, batchRejection(body));
    }

    static Stream<Arguments> otherBodies() {
        return Stream.of(
                Arguments.of(Json.NULL, "null"),
                Arguments.of(Json.value(1), "a number 1"),
                Arguments.of(Json.TRUE, "a boolean true"),
                Arguments.of(Json.value("CompanyId,BankEntryDate"), "a string"),
                Arguments.of(Json.value("\"[]\""), "a string"));
    }

    @Test
    void queryReadsEveryFeature() {
        JsonObject query = Json.object().add("CompanyId", "int:a055470").add("BankEntryDate", "2016-02-29")
                .add("BankEntryText", "str:6cd08e4").add("BankEntryAmount", "> -1000");

        assertEquals(new Transaction("int:a055470", "2016-02-29", "str:6cd08e4", "> -1000"),
                SampleParser.parseQuery(query));
    }

    @Test
    void queryAllowsMissingFeatures() {
        JsonObject noDate = Json.object().add("CompanyId", "int:a055470").add("BankEntryText", "str:6cd08e4")
                .add("BankEntryAmount", "> -1000");

        assertEquals(new Transaction("int:a055470", null, "str:6cd08e4", "> -1000"), SampleParser.parseQuery(noDate));
        assertEquals(new Transaction(null, null, null, null), SampleParser.parseQuery(Json.object()));
    }

    @Test
    void queryTreatsNullAsAbsent() {
        JsonObject query = Json.object().add("CompanyId", Json.NULL).add("BankEntryDate", Json.NULL)
                .add("BankEntryText", "t").add("BankEntryAmount", Json.NULL);

        assertEquals(new Transaction(null, null, "t", null), SampleParser.parseQuery(query));
    }

    @Test
    void queryIgnoresAccountKeys() {
        JsonObject query = row().set("AccountNumber", 9900).add("Unnamed: 0", 12);

        assertEquals(new Transaction("int:a055470", "2016-02-29", "str:6cd08e4 int:49fed34", "> -1000"),
                SampleParser.parseQuery(query));
    }

    @Test
    void queryRejectsArray() {
        assertEquals("body must be one JSON object, not an array: send a single query without [ ],"
                + " or POST the array to /predict/batch", queryRejection(batch(row())));
    }

    @Test
    void queryRejectsDoubleEncodedBodyWithAdvice() {
        assertEquals("body is a JSON string holding JSON (double-encoded?): send the object itself,"
                + " e.g. requests.post(url, json=row) instead of json=json.dumps(row)",
                queryRejection(Json.value(row().toString())));
    }

    @Test
    void queryRejectsOtherBodyTypes() {
        assertEquals("body must be one JSON object, got null", queryRejection(Json.NULL));
        assertEquals("body must be one JSON object, got a string", queryRejection(Json.value("int:a")));
    }

    @Test
    void queryRejectsUnknownKeyWithoutSamplePrefix() {
        String message = queryRejection(Json.object().add("Text", "str:6cd08e4"));

        assertTrue(message.startsWith("unknown key \"Text\" (expected one of "), message);
    }

    @ParameterizedTest
    @MethodSource("nonStringValues")
    void queryRejectsNonStringValues(String key, JsonValue value, String type) {
        String message = queryRejection(Json.object().add(key, value));

        assertTrue(message.startsWith(key + " must be a string"), message);
        assertTrue(message.endsWith(", got " + type), message);
    }

    @Test
    void queryRejectsMalformedDateWithoutSamplePrefix() {
        assertEquals("BankEntryDate must be YYYY-MM-DD, got \"x\"",
                queryRejection(Json.object().add("BankEntryDate", "x")));
        assertEquals("BankEntryDate must be YYYY-MM-DD, got \"2016-02-30\"",
                queryRejection(Json.object().add("BankEntryDate", "2016-02-30")));
    }

    @Test
    void queryAppliesTheSameLimitsAsSamples() {
        assertEquals("BankEntryText is 1001 characters long, the limit is 1000",
                queryRejection(Json.object().add("BankEntryText", "x".repeat(1001))));
        assertEquals("CompanyId must not contain control character U+000A (only tab is allowed), got \"a\\nb\"",
                queryRejection(Json.object().add("CompanyId", "a\nb")));
        assertEquals("duplicate key \"BankEntryText\"",
                queryRejection(Json.parse("{\"BankEntryText\": \"a\", \"BankEntryText\": \"b\"}")));
    }

    @Test
    void queriesReadEachQueryInOrder() {
        JsonObject noDate = Json.object().add("CompanyId", "int:b").add("BankEntryText", "t");

        assertEquals(List.of(new Transaction("int:a055470", "2016-02-29", "str:6cd08e4 int:49fed34", "> -1000"),
                        new Transaction("int:b", null, "t", null)),
                queries(batch(row(), noDate), 10));
    }

    @Test
    void queriesRejectWholeBatchNamingIndexAndField() {
        String message = rejection(() -> queries(
                batch(row(), row(), Json.object().add("BankEntryDate", "2016-13-01")), 10));

        assertEquals("query 2: BankEntryDate must be YYYY-MM-DD, got \"2016-13-01\"", message);
    }

    @Test
    void queriesRejectAnElementThatIsNoObject() {
        assertEquals("query 1: must be a JSON object with column names as keys, got a string",
                rejection(() -> queries(batch(row(), Json.value("x")), 10)));
    }

    @Test
    void queriesRejectMoreThanTheMaximumSayingToSplit() {
        assertEquals("batch of 3 queries; at most 2 a request: split it",
                rejection(() -> queries(batch(row(), row(), row()), 2)));
        assertEquals("batch of 3 queries; at most 2 a request: split it",
                rejection(() -> queries(batch(row(), row(), Json.value("x")), 2)), "the count is said before a bad query");
    }

    @Test
    void queriesRejectAnEmptyArrayASingleObjectAndOtherBodies() {
        assertEquals("empty batch: send at least one query", rejection(() -> queries(batch(), 10)));
        assertEquals("body must be a JSON array of queries; POST a single query to /predict",
                rejection(() -> queries(row(), 10)));
        assertEquals("body must be a JSON array of queries, got a number 7",
                rejection(() -> queries(Json.value(7), 10)));
        assertTrue(rejection(() -> queries(Json.value(batch(row()).toString()), 10)).contains("double-encoded"));
    }
}
