package ledgerlearn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonArray;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonValue;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import ledgerlearn.metrics.Average;
import ledgerlearn.metrics.ScoreWindow;
import ledgerlearn.metrics.Scores;
import ledgerlearn.sample.Sample;
import ledgerlearn.testing.Samples;
import ledgerlearn.testing.TestServer;
import org.junit.jupiter.api.Test;

final class StatsEndpointTest {
    private static final List<Sample> STREAM = Samples.stream(2_500, 5);

    @Test
    void reportsCountersCurveRecentAndCompaniesOfWhatWasLearnt() throws Exception {
        try (TestServer server = TestServer.start()) {
            for (int from = 0; from < STREAM.size(); from += 500) {
                server.post("/sample", Samples.body(STREAM.subList(from, from + 500)));
            }
            ScoreWindow expected = windowFromStore(server);

            JsonObject stats = Json.parse(server.get("/stats").body()).asObject();

            assertEquals(2_500, stats.getLong("samples", -1));
            assertEquals(2_499, stats.getLong("scored", -1));
            assertEquals(6, stats.getInt("classes", -1));
            assertEquals(1000, stats.getInt("window", -1));
            assertEquals("macro", stats.getString("average", ""));
            assertScores(expected.scores(1000, Average.MACRO), stats.get("last").asObject());

            JsonArray curve = stats.get("curve").asArray();
            List<Scores> expectedCurve = expected.curve(1000, Average.MACRO);
            assertEquals(3, curve.size());
            long[] ends = {1000, 2000, 2499};
            for (int i = 0; i < curve.size(); i++) {
                assertEquals(ends[i], curve.get(i).asObject().getLong("end", -1));
                assertScores(expectedCurve.get(i), curve.get(i).asObject());
            }

            JsonArray recent = stats.get("recent").asArray();
            assertEquals(20, recent.size());
            for (int i = 0; i < recent.size(); i++) {
                Sample sample = STREAM.get(STREAM.size() - 1 - i);
                JsonObject row = recent.get(i).asObject();
                assertEquals(sample.companyId(), row.getString("company", null));
                assertEquals(sample.date(), row.getString("date", null));
                assertEquals(sample.text(), row.getString("text", null));
                assertEquals(sample.amount(), row.getString("amount", null));
                assertEquals(sample.accountNumber(), row.getString("booked", null));
                assertTrue(row.getString("predicted", "").matches("[0-9]+"), row.toString());
            }

            Map<String, Long> perCompany = STREAM.stream()
                    .collect(Collectors.groupingBy(Sample::companyId, Collectors.counting()));
            JsonArray companies = stats.get("companies").asArray();
            assertEquals(perCompany.size(), stats.getInt("companyCount", -1));
            assertEquals(perCompany.size(), companies.size());
            long previous = Long.MAX_VALUE;
            for (JsonValue value : companies) {
                JsonObject company = value.asObject();
                String id = company.getString("company", null);
                long samples = company.getLong("samples", -1);
                assertEquals(perCompany.get(id), samples, id);
                assertTrue(samples <= previous, "most samples first");
                previous = samples;
                assertScores(expected.scores(1000, Average.MACRO, id), company);
            }
        }
    }

    @Test
    void reportsOverallAndLatestScoresSideBySideAndSetsTheLargestCompanyApart() throws Exception {
        try (TestServer server = TestServer.start()) {
            server.post("/sample", Samples.body(STREAM));
            ScoreWindow expected = windowFromStore(server);
            Map<String, Long> perCompany = STREAM.stream()
                    .collect(Collectors.groupingBy(Sample::companyId, Collectors.counting()));
            String largest = perCompany.entrySet().stream().max(Map.Entry.<String, Long>comparingByValue()
                    .thenComparing(Map.Entry.comparingByKey(java.util.Comparator.reverseOrder()))).orElseThrow().getKey();

            JsonObject stats = Json.parse(server.get("/stats?window=400").body()).asObject();

            assertEquals(Json.NULL, stats.get("company"));
            assertScores(expected.scores(Integer.MAX_VALUE, Average.MACRO), stats.get("overall").asObject());
            assertScores(expected.scores(400, Average.MACRO), stats.get("last").asObject());
            JsonObject apart = stats.get("largest").asObject();
            assertEquals(largest, apart.getString("company", ""));
            assertEquals(perCompany.get(largest), apart.getLong("samples", -1));
            assertEquals((double) perCompany.get(largest) / STREAM.size(), apart.getDouble("share", -1), 1e-12);
            assertScores(expected.scoresWithout(Average.MACRO, largest), stats.get("overallWithoutLargest").asObject());
            JsonArray curve = stats.get("curve").asArray();
            List<Scores> without = expected.curveWithout(400, Average.MACRO, largest);
            assertEquals(without.size(), curve.size());
            for (int i = 0; i < curve.size(); i++) {
                JsonObject point = curve.get(i).asObject().get("withoutLargest").asObject();
                assertEquals(without.get(i).n(), point.getInt("n", -1));
                assertEquals(without.get(i).accuracy(), point.getDouble("accuracy", -1), 1e-12);
            }
            for (JsonValue company : stats.get("companies").asArray()) {
                String id = company.asObject().getString("company", "");
                JsonObject overall = company.asObject().get("overall").asObject();
                assertEquals(expected.scores(Integer.MAX_VALUE, Average.MACRO, id).accuracy(),
                        overall.getDouble("accuracy", -1), 1e-12, id);
            }
        }
    }

    @Test
    void withACompanyScoresDrawsAndListsThatCompanysSamplesAlone() throws Exception {
        try (TestServer server = TestServer.start()) {
            server.post("/sample", Samples.body(STREAM));
            ScoreWindow expected = windowFromStore(server);
            String company = STREAM.get(0).companyId();
            List<Sample> ofCompany = STREAM.stream().filter(sample -> sample.companyId().equals(company)).toList();

            JsonObject stats = Json.parse(server.get("/stats?window=200&company=" + company).body()).asObject();

            assertEquals(company, stats.getString("company", ""));
            assertEquals(Json.NULL, stats.get("largest"));
            assertEquals(Json.NULL, stats.get("overallWithoutLargest"));
            assertScores(expected.scores(Integer.MAX_VALUE, Average.MACRO, company), stats.get("overall").asObject());
            assertScores(expected.scores(200, Average.MACRO, company), stats.get("last").asObject());
            List<Scores> expectedCurve = expected.curve(200, Average.MACRO, company);
            JsonArray curve = stats.get("curve").asArray();
            assertEquals(expectedCurve.size(), curve.size());
            long end = 0;
            for (int i = 0; i < curve.size(); i++) {
                end += expectedCurve.get(i).n();
                assertEquals(end, curve.get(i).asObject().getLong("end", -1), "the company's own scored samples");
                assertScores(expectedCurve.get(i), curve.get(i).asObject());
            }
            JsonArray recent = stats.get("recent").asArray();
            assertEquals(20, recent.size());
            for (int i = 0; i < recent.size(); i++) {
                assertEquals(ofCompany.get(ofCompany.size() - 1 - i).text(), recent.get(i).asObject().getString("text", ""));
            }
            assertEquals(3, stats.get("companies").asArray().size(), "the list to choose from stays whole");
        }
    }

    @Test
    void listsEachLatestPredictionWithBothAccountsNamesItsProbabilityAndWhetherItWasBookedUnseen() throws Exception {
        try (TestServer server = TestServer.start()) {
            server.post("/sample", Samples.body(STREAM));

            JsonArray recent = Json.parse(server.get("/stats").body()).asObject().get("recent").asArray();

            for (int i = 0; i < recent.size(); i++) {
                JsonObject row = recent.get(i).asObject();
                Sample sample = STREAM.get(STREAM.size() - 1 - i);
                assertEquals(sample.accountName(), row.getString("bookedName", null));
                String predicted = row.getString("predicted", "");
                // Samples.stream names account 1000 + k * 1100 "str:name" + k, for every company
                assertEquals("str:name" + (Integer.parseInt(predicted) - 1000) / 1100, row.getString("predictedName", null));
                double probability = row.getDouble("probability", -1);
                assertTrue(probability > 0 && probability <= 1, row.toString());
                assertTrue(row.get("autoBook").isBoolean(), row.toString());
            }
        }
    }

    @Test
    void countsRequestsByRouteOnceTheyReachAnEndpointAndAreAnswered() throws Exception {
        try (TestServer server = TestServer.start()) {
            server.post("/sample", Samples.body(STREAM.subList(0, 10)));
            server.post("/v1/sample", Samples.body(STREAM.subList(10, 20)));
            server.post("/predict", Samples.query(STREAM.get(0)));
            server.get("/metrics/oops");
            server.get("/no/such/path");
            server.get("/sample");
            server.get("/health");

            JsonObject first = Json.parse(server.get("/stats").body()).asObject().get("requests").asObject();
            JsonObject second = Json.parse(server.get("/stats").body()).asObject().get("requests").asObject();

            JsonObject answeredBefore = Json.object()
                    .add("GET /health", 1)
                    .add("GET /metrics/{n}", 1)
                    .add("POST /predict", 1)
                    .add("POST /sample", 2);
            assertEquals(answeredBefore, first.get("byRoute"), "a request is counted once answered, so not in its own answer");
            assertEquals(5, first.getLong("total", -1));
            JsonObject expected = Json.object()
                    .add("GET /health", 1)
                    .add("GET /metrics/{n}", 1)
                    .add("GET /stats", 1)
                    .add("POST /predict", 1)
                    .add("POST /sample", 2);
            assertEquals(expected, second.get("byRoute"));
            assertEquals(6, second.getLong("total", -1));
        }
    }

    @Test
    void answersEmptyListsAndNullScoresBeforeAnythingIsLearnt() throws Exception {
        try (TestServer server = TestServer.start()) {
            JsonObject stats = Json.parse(server.get("/v1/stats").body()).asObject();

            assertEquals(0, stats.getLong("samples", -1));
            assertEquals(0, stats.getLong("scored", -1));
            assertEquals(0, stats.get("last").asObject().getInt("n", -1));
            assertEquals(Json.NULL, stats.get("last").asObject().get("accuracy"));
            assertEquals(Json.array(), stats.get("curve"));
            assertEquals(Json.array(), stats.get("recent"));
            assertEquals(Json.array(), stats.get("companies"));
            assertEquals(0, stats.getInt("companyCount", -1));
            assertEquals(0, stats.get("overall").asObject().getInt("n", -1));
            assertEquals(Json.NULL, stats.get("largest"));
        }
    }

    @Test
    void takesTheWindowSizeAndAverage() throws Exception {
        try (TestServer server = TestServer.start()) {
            server.post("/sample", Samples.body(STREAM));

            JsonObject stats = Json.parse(server.get("/stats?window=500&average=micro").body()).asObject();

            assertEquals(500, stats.getInt("window", -1));
            assertEquals("micro", stats.getString("average", ""));
            JsonArray curve = stats.get("curve").asArray();
            assertEquals(5, curve.size());
            for (JsonValue point : curve) {
                assertEquals(point.asObject().get("accuracy"), point.asObject().get("precision"), "micro precision is accuracy");
            }
            assertEquals(500, stats.get("companies").asArray().get(0).asObject().getInt("n", -1));
        }
    }

    @Test
    void refusesABadWindowOrAverageOrAnUnknownParameter() throws Exception {
        try (TestServer server = TestServer.start()) {
            assertError(server.get("/stats?window=99"), "window must be an integer 100..1000000, got \"99\"");
            assertError(server.get("/stats?window=ten"), "window must be an integer 100..1000000, got \"ten\"");
            assertError(server.get("/stats?average=mean"), "average must be macro, micro or weighted");
            assertError(server.get("/stats?windw=500"), "unknown query parameter \"windw\"");
            assertError(server.get("/stats?company="), "company must be a CompanyId");
        }
    }

    private static void assertError(HttpResponse<String> response, String message) {
        assertEquals(400, response.statusCode());
        String error = Json.parse(response.body()).asObject().getString("error", "");
        assertTrue(error.startsWith(message), error);
    }

    private static void assertScores(Scores expected, JsonObject actual) {
        assertEquals(expected.n(), actual.getInt("n", -1));
        assertEquals(expected.precision(), actual.getDouble("precision", -1), 1e-12);
        assertEquals(expected.recall(), actual.getDouble("recall", -1), 1e-12);
        assertEquals(expected.accuracy(), actual.getDouble("accuracy", -1), 1e-12);
        assertEquals(expected.baseline(), actual.getDouble("baseline", -1), 1e-12);
    }

    /** The booked and predicted accounts the store holds, scored independently of the server. */
    private static ScoreWindow windowFromStore(TestServer server) throws Exception {
        ScoreWindow window = new ScoreWindow();
        List<String> lines = Files.readAllLines(server.storeFile());
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",", -1);
            if (!fields[8].isEmpty()) {
                window.add(fields[1], fields[6], fields[8]);
            }
        }
        return window;
    }
}
