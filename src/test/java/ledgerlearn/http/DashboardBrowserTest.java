package ledgerlearn.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonArray;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonValue;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ledgerlearn.dataset.DatasetReader;
import ledgerlearn.sample.Sample;
import ledgerlearn.testing.Chromium;
import ledgerlearn.testing.RealData;
import ledgerlearn.testing.Samples;
import ledgerlearn.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard in a real browser (headless Chromium): what it renders must be what the API reports. */
final class DashboardBrowserTest {
    private static final int REAL_ROWS = 20_000;
    private static final int BATCH = 1000;
    static final Path SCREENSHOT = Path.of("target", "dashboard.png");
    /** Token characters that a URL fragment must carry encoded, or that decoding must leave alone. */
    private static final String READER_TOKEN = "reader+token/with.chars~1==";
    private static final String WRITER_TOKEN = "writer-token-0123456789";

    @Test
    void rendersWhatStatsAndHealthReportForRealRows() throws Exception {
        Path zip = RealData.zip();
        Chromium chromium = Chromium.require();
        try (TestServer server = TestServer.start()) {
            int batches = learnRealRows(server, zip);
            JsonObject health = Json.parse(server.get("/health").body()).asObject();
            JsonObject stats = Json.parse(server.get("/stats").body()).asObject();

            String dom = chromium.dumpDom(server.baseUrl() + "/");

            assertEquals(REAL_ROWS, health.getLong("samples", -1));
            assertEquals(String.valueOf(health.getLong("samples", -1)), attributes(dom, "samples").get("data-value"));
            assertEquals("20,000", text(dom, "samples"));
            assertEquals(String.valueOf(health.getInt("classes", -1)), attributes(dom, "classes").get("data-value"));
            assertTrue(attributes(dom, "auth").containsKey("hidden"), "no token prompt");
            assertTrue(attributes(dom, "error").containsKey("hidden"), "no error: " + text(dom, "error"));
            assertTrue(attributes(dom, "status").get("class").contains("live"));

            JsonObject overall = stats.get("overall").asObject();
            JsonObject last = stats.get("last").asObject();
            assertSameNumber(overall.get("accuracy"), attributes(dom, "accuracy-overall").get("data-value"));
            assertSameNumber(last.get("accuracy"), attributes(dom, "accuracy-last").get("data-value"));
            assertSameNumber(stats.get("overallWithoutLargest").asObject().get("accuracy"), attributes(dom, "accuracy-without").get("data-value"));
            assertTrue(text(dom, "accuracy-without-label").startsWith("overall without "
                    + stats.get("largest").asObject().getString("company", "?")), text(dom, "accuracy-without-label"));
            assertSameNumber(overall.get("autoBookCoverage"), attributes(dom, "autobook-coverage-overall").get("data-value"));
            assertSameNumber(last.get("autoBookPrecision"), attributes(dom, "autobook-precision-last").get("data-value"));

            JsonArray curve = stats.get("curve").asArray();
            assertEquals(REAL_ROWS / 1000, curve.size(), "19,999 scored samples make 20 windows, the last one short");
            for (String series : List.of("accuracy", "baseline", "sofar", "without", "autobook", "precision", "recall")) {
                Map<String, String> line = path(dom, series);
                assertEquals(String.valueOf(curve.size()), line.get("data-points"), series);
                assertEquals(curve.size(), line.get("d").split("[ML]").length - 1, series);
            }
            assertFalse(path(dom, "accuracy").containsKey("visibility"), "accuracy is drawn");
            assertEquals("hidden", path(dom, "precision").get("visibility"), "precision is off until asked for");

            JsonArray recent = stats.get("recent").asArray();
            List<Map<String, String>> recentRows = rows(dom, "recent");
            assertEquals(recent.size(), recentRows.size());
            for (int i = 0; i < recent.size(); i++) {
                JsonObject expected = recent.get(i).asObject();
                assertEquals(expected.getString("company", null), recentRows.get(i).get("data-company"));
                assertEquals(expected.getString("booked", null), recentRows.get(i).get("data-booked"));
                assertEquals(expected.getString("predicted", null), recentRows.get(i).get("data-predicted"));
                assertEquals(expected.getString("predictedName", ""), recentRows.get(i).get("data-predicted-name"));
                assertSameNumber(expected.get("probability"), recentRows.get(i).get("data-probability"));
                assertEquals(String.valueOf(expected.getBoolean("autoBook", false)), recentRows.get(i).get("data-auto-book"));
            }
            assertTrue(text(dom, "recent-caption").startsWith("Newest first: the last 20 scored samples in the order the"
                    + " server received them (not sorted by their date)."), text(dom, "recent-caption"));

            JsonArray companies = stats.get("companies").asArray();
            List<Map<String, String>> companyRows = rows(dom, "companies");
            assertEquals(companies.size(), companyRows.size());
            for (int i = 0; i < companies.size(); i++) {
                JsonObject expected = companies.get(i).asObject();
                assertEquals(expected.getString("company", null), companyRows.get(i).get("data-company"));
                assertEquals(String.valueOf(expected.getLong("samples", -1)), companyRows.get(i).get("data-samples"));
            }

            assertEquals(String.valueOf(batches), routeCount(dom, "POST /sample"));

            chromium.screenshot(server.baseUrl() + "/", SCREENSHOT, 1280, 1480);
            byte[] png = Files.readAllBytes(SCREENSHOT);
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(png, 4));
        }
    }

    @Test
    void showsOneCompanyAndAnotherWindowAsTheAddressAsks() throws Exception {
        Chromium chromium = Chromium.require();
        try (TestServer server = TestServer.start()) {
            List<Sample> stream = Samples.stream(3_000, 9);
            server.post("/sample", Samples.body(stream));
            String company = stream.get(0).companyId();
            JsonObject stats = Json.parse(server.get("/stats?window=100&company=" + company).body()).asObject();

            String dom = chromium.dumpDom(server.baseUrl() + "/#company=" + encode(company) + "&window=100");

            assertEquals(company, selected(dom, "company"));
            assertEquals("100", selected(dom, "window"));
            assertSameNumber(stats.get("overall").asObject().get("accuracy"), attributes(dom, "accuracy-overall").get("data-value"));
            assertEquals(String.valueOf(stats.get("curve").asArray().size()), path(dom, "accuracy").get("data-points"));
            assertTrue(text(dom, "curve-title").equals("Learning curve of " + company), text(dom, "curve-title"));
            List<Map<String, String>> recentRows = rows(dom, "recent");
            assertEquals(20, recentRows.size());
            recentRows.forEach(row -> assertEquals(company, row.get("data-company")));
            assertTrue(attributes(dom, "accuracy-without").containsKey("hidden"), "one company: nothing to set apart");
        }
    }

    @Test
    void rendersAServerThatHasLearntNothingYet() throws Exception {
        Chromium chromium = Chromium.require();
        try (TestServer server = TestServer.start()) {
            String dom = chromium.dumpDom(server.baseUrl() + "/v1/");

            assertEquals("0", attributes(dom, "samples").get("data-value"));
            assertEquals("0", path(dom, "accuracy").get("data-points"));
            assertTrue(dom.contains("No scored samples yet"), "the curve says why it is empty");
            for (String table : List.of("recent", "companies")) {
                List<Map<String, String>> rows = rows(dom, table);
                assertEquals(1, rows.size(), table);
                assertEquals("empty", rows.get(0).get("class"), table);
            }
            assertTrue(attributes(dom, "error").containsKey("hidden"), "no error: " + text(dom, "error"));
        }
    }

    @Test
    void asksForAReaderTokenAndUsesTheOneGivenInTheUrl(@TempDir Path dir) throws Exception {
        Chromium chromium = Chromium.require();
        Path tokens = dir.resolve("tokens");
        Files.writeString(tokens, READER_TOKEN + " reader\n" + WRITER_TOKEN + " writer\n");
        try (TestServer server = TestServer.startWith("--auth-file", tokens.toString())) {
            HttpResponse<String> learnt = server.send(HttpRequest.newBuilder(server.uri("/sample"))
                    .header("Authorization", "Bearer " + WRITER_TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofString(Samples.body(Samples.stream(5, 1)))));
            assertEquals(200, learnt.statusCode(), learnt.body());
            String page = server.baseUrl() + "/";

            String anonymous = chromium.dumpDom(page);
            assertFalse(attributes(anonymous, "auth").containsKey("hidden"), "the token prompt shows");
            assertTrue(text(anonymous, "auth-message").contains("needs a token with the reader role (401)"),
                    text(anonymous, "auth-message"));

            String unknown = chromium.dumpDom(page + "#token=" + "x".repeat(20));
            assertTrue(text(unknown, "auth-message").contains("The token was refused (401)"), text(unknown, "auth-message"));

            String writer = chromium.dumpDom(page + "#token=" + encode(WRITER_TOKEN));
            assertTrue(text(writer, "auth-message").contains("lacks the reader role"), text(writer, "auth-message"));
            assertTrue(text(writer, "auth-message").contains("(403)"), text(writer, "auth-message"));

            String reader = chromium.dumpDom(page + "#token=" + encode(READER_TOKEN));
            assertTrue(attributes(reader, "auth").containsKey("hidden"), text(reader, "auth-message"));
            assertEquals("5", attributes(reader, "samples").get("data-value"));
        }
    }

    private static String encode(String token) {
        return URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    /**
     * Posts the data set's first rows in batches, in a seeded random order: the file is sorted by
     * company, so in file order the last quarter of these rows is one company booking one account,
     * which would make a dull picture. Returns the number of batches.
     */
    private static int learnRealRows(TestServer server, Path zip) throws IOException {
        List<Sample> rows = new ArrayList<>(REAL_ROWS);
        try (DatasetReader reader = DatasetReader.open(zip)) {
            for (int row = 0; row < REAL_ROWS; row++) {
                rows.add(reader.next());
            }
        }
        Collections.shuffle(rows, new Random(20_000));
        int batches = 0;
        for (int from = 0; from < rows.size(); from += BATCH) {
            List<Sample> batch = rows.subList(from, Math.min(rows.size(), from + BATCH));
            assertEquals(200, server.post("/sample", Samples.body(batch)).statusCode());
            batches++;
        }
        return batches;
    }

    // ---- reading the serialised DOM: ids, data attributes and rows are all the test needs ----

    private static final Pattern ATTRIBUTE = Pattern.compile("([\\w:-]+)(?:=\"([^\"]*)\")?");

    private static Map<String, String> parseAttributes(String tagBody) {
        Map<String, String> attributes = new HashMap<>();
        Matcher matcher = ATTRIBUTE.matcher(tagBody);
        while (matcher.find()) {
            attributes.put(matcher.group(1), matcher.group(2) == null ? "" : unescape(matcher.group(2)));
        }
        return attributes;
    }

    private static Map<String, String> attributes(String dom, String id) {
        Matcher matcher = Pattern.compile("<[\\w-]+((?:\\s[^>]*)?\\sid=\"" + Pattern.quote(id) + "\"[^>]*)>").matcher(dom);
        assertTrue(matcher.find(), "no element #" + id + " in the DOM");
        return parseAttributes(matcher.group(1));
    }

    private static String text(String dom, String id) {
        Matcher matcher = Pattern.compile("\\sid=\"" + Pattern.quote(id) + "\"[^>]*>([^<]*)<").matcher(dom);
        assertTrue(matcher.find(), "no text element #" + id + " in the DOM");
        return unescape(matcher.group(1));
    }

    private static Map<String, String> path(String dom, String series) {
        Matcher matcher = Pattern.compile("<path(\\s[^>]*)>").matcher(dom);
        while (matcher.find()) {
            Map<String, String> attributes = parseAttributes(matcher.group(1));
            if (series.equals(attributes.get("data-series"))) {
                return attributes;
            }
        }
        throw new AssertionError("no path for " + series + " in #curve");
    }

    /** The value chosen in select #id, which the page keeps in its data-value (a selection is no attribute). */
    private static String selected(String dom, String id) {
        return attributes(dom, id).getOrDefault("data-value", "");
    }

    /** A number the page shows in a data attribute ("" for null) is the one the API gave. */
    private static void assertSameNumber(JsonValue expected, String shown) {
        if (expected == null || expected.isNull()) {
            assertEquals("", shown);
        } else {
            assertEquals(expected.asDouble(), Double.parseDouble(shown), 0.0, shown);
        }
    }

    /** The attributes of each row in the body of table {@code #id}. */
    private static List<Map<String, String>> rows(String dom, String id) {
        Matcher table = Pattern.compile("<table[^>]*\\sid=\"" + id + "\".*?<tbody>(.*?)</tbody>", Pattern.DOTALL).matcher(dom);
        assertTrue(table.find(), "no table #" + id + " with a body");
        List<Map<String, String>> rows = new ArrayList<>();
        Matcher row = Pattern.compile("<tr(\\s[^>]*)?>").matcher(table.group(1));
        while (row.find()) {
            rows.add(parseAttributes(row.group(1) == null ? "" : row.group(1)));
        }
        return rows;
    }

    private static String routeCount(String dom, String route) {
        Matcher matcher = Pattern.compile("<li(\\s[^>]*)>").matcher(dom);
        while (matcher.find()) {
            Map<String, String> attributes = parseAttributes(matcher.group(1));
            if (route.equals(attributes.get("data-route"))) {
                return attributes.get("data-value");
            }
        }
        throw new AssertionError("no request count for " + route + " on the page");
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", "\u00a0")
                .replace("&amp;", "&");
    }
}
