package ledgerlearn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import ledgerlearn.testing.Samples;
import ledgerlearn.testing.TestServer;
import org.junit.jupiter.api.Test;

final class MetricsEndpointTest {

    @Test
    void answersNullScoresWhileNothingIsScored() throws Exception {
        try (TestServer server = TestServer.start()) {
            JsonObject empty = Json.parse(server.get("/metrics/1000").body()).asObject();
            // the very first sample meets no model: it is stored but not scored
            server.post("/sample", Samples.body(Samples.stream(1, 1)));
            JsonObject afterOne = Json.parse(server.get("/metrics/1000").body()).asObject();

            for (JsonObject metrics : List.of(empty, afterOne)) {
                assertEquals(Json.NULL, metrics.get("precision"));
                assertEquals(Json.NULL, metrics.get("recall"));
                assertEquals(Json.NULL, metrics.get("accuracy"));
                assertEquals(0, metrics.getInt("n", -1));
                assertEquals("macro", metrics.getString("average", ""));
            }
        }
    }

    @Test
    void scoresTheLastNScoredSamplesAgainstTheirStoredPredictions() throws Exception {
        try (TestServer server = TestServer.start()) {
            server.post("/sample", Samples.body(Samples.stream(400, 2)));

            JsonObject metrics = Json.parse(server.get("/metrics/100?average=micro").body()).asObject();

            List<String> rows = Files.readAllLines(server.storeFile());
            List<String> last100 = rows.subList(rows.size() - 100, rows.size());
            long correct = last100.stream().map(line -> line.split(","))
                    .filter(fields -> fields[6].equals(fields[8])).count();
            assertEquals(100, metrics.getInt("n", -1));
            assertEquals("micro", metrics.getString("average", ""));
            assertEquals(correct / 100.0, metrics.getDouble("accuracy", -1), 1e-12);
            // for single-label data micro precision and recall both equal accuracy
            assertEquals(correct / 100.0, metrics.getDouble("precision", -1), 1e-12);
            assertEquals(correct / 100.0, metrics.getDouble("recall", -1), 1e-12);
        }
    }

    @Test
    void aWindowLargerThanTheStreamUsesEverythingScored() throws Exception {
        try (TestServer server = TestServer.start()) {
            server.post("/sample", Samples.body(Samples.stream(30, 3)));

            JsonObject metrics = Json.parse(server.get("/v1/metrics/999999999999?average=weighted").body()).asObject();

            assertEquals(29, metrics.getInt("n", -1));
            assertEquals("weighted", metrics.getString("average", ""));
            assertTrue(metrics.get("precision").isNumber());
            for (String beyondALong : List.of("9223372036854775808", "1" + "0".repeat(40), "000" + Long.MAX_VALUE)) {
                assertEquals(29, Json.parse(server.get("/metrics/" + beyondALong).body()).asObject().getInt("n", -1),
                        beyondALong);
            }
        }
    }

    @Test
    void aPercentEncodedWindowIsTheWindowItEncodes() throws Exception {
        try (TestServer server = TestServer.start()) {
            server.post("/sample", Samples.body(Samples.stream(30, 3)));

            HttpResponse<String> encoded = server.get("/metrics/%31%30");

            assertEquals(200, encoded.statusCode(), encoded.body());
            assertEquals(server.get("/metrics/10").body(), encoded.body());
        }
    }

    @Test
    void rejectsAWindowThatIsNotAPositiveInteger() throws Exception {
        try (TestServer server = TestServer.start()) {
            for (String n : List.of("0", "-1", "abc", "1.5", "1e3", "+5", "%20")) {
                HttpResponse<String> response = server.get("/metrics/" + n);
                assertEquals(400, response.statusCode(), n);
                assertTrue(Json.parse(response.body()).asObject().getString("error", "").contains("n must be"), n);
            }
            assertEquals(400, server.get("/metrics/10?average=median").statusCode());
            assertEquals(400, server.get("/metrics/10?avg=micro").statusCode());
        }
    }

    @Test
    void companyScoresOnlyThatCompanysSamplesWithTheirBaseline() throws Exception {
        try (TestServer server = TestServer.start()) {
            server.post("/sample", Samples.body(Samples.stream(400, 2)));
            String company = "int:44fa489";

            JsonObject metrics = Json.parse(server.get("/metrics/50?average=micro&company=" + company).body()).asObject();

            List<String[]> rows = Files.readAllLines(server.storeFile()).stream().skip(1)
                    .map(line -> line.split(",")).filter(fields -> fields[1].equals(company)).toList();
            List<String[]> last50 = rows.subList(rows.size() - 50, rows.size());
            long correct = last50.stream().filter(fields -> fields[6].equals(fields[8])).count();
            Map<String, Long> booked = last50.stream().collect(Collectors.groupingBy(fields -> fields[6], Collectors.counting()));
            assertEquals(50, metrics.getInt("n", -1));
            assertEquals(company, metrics.getString("company", ""));
            assertEquals(correct / 50.0, metrics.getDouble("accuracy", -1), 1e-12);
            assertEquals(Collections.max(booked.values()) / 50.0, metrics.getDouble("baseline", -1), 1e-12);
            JsonObject all = Json.parse(server.get("/metrics/50").body()).asObject();
            assertTrue(all.get("baseline").isNumber(), "every answer carries its window's baseline");
            assertEquals(null, all.get("company"));
        }
    }

    @Test
    void companyNeverSeenHasNothingScoredAndAnEmptyCompanyIsRefused() throws Exception {
        try (TestServer server = TestServer.start()) {
            server.post("/sample", Samples.body(Samples.stream(40, 3)));

            JsonObject metrics = Json.parse(server.get("/metrics/10?company=int:nobody").body()).asObject();
            HttpResponse<String> empty = server.get("/metrics/10?company=");

            assertEquals(0, metrics.getInt("n", -1));
            assertEquals(Json.NULL, metrics.get("accuracy"));
            assertEquals(Json.NULL, metrics.get("baseline"));
            assertEquals(400, empty.statusCode());
            assertTrue(empty.body().contains("company"), empty.body());
        }
    }

    @Test
    void aCompanyLongerThanAnyCompanyIdIsRefusedNotEchoed() throws Exception {
        try (TestServer server = TestServer.start()) {
            server.post("/sample", Samples.body(Samples.stream(40, 3)));
            String longest = "c".repeat(1000);

            assertEquals(200, server.get("/metrics/10?company=" + longest).statusCode());
            assertEquals(200, server.get("/stats?company=" + longest).statusCode());
            for (String path : List.of("/metrics/10?company=", "/stats?company=", "/companies/")) {
                HttpResponse<String> tooLong = server.get(path + longest + "c" + (path.startsWith("/companies") ? "/samples" : ""));

                assertEquals(400, tooLong.statusCode(), path);
                assertTrue(tooLong.body().endsWith("is 1001 characters long; a CompanyId is at most 1000\"}"), tooLong.body());
            }
        }
    }
}
