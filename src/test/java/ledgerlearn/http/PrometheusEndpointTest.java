package ledgerlearn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import ledgerlearn.testing.Samples;
import ledgerlearn.testing.TestServer;
import org.junit.jupiter.api.Test;

final class PrometheusEndpointTest {

    @Test
    void servesEveryFamilyInTheTextFormatVersion004() throws Exception {
        try (TestServer server = TestServer.start()) {
            server.post("/sample", Samples.body(Samples.stream(50, 1)));
            server.get("/metrics/10");

            HttpResponse<String> response = server.get("/metrics");

            assertEquals(200, response.statusCode());
            assertEquals("text/plain; version=0.0.4; charset=utf-8",
                    response.headers().firstValue("Content-Type").orElse(""));
            List<PrometheusFormat.Sample> samples = PrometheusFormat.parse(response.body());
            Set<String> names = samples.stream().map(PrometheusFormat.Sample::name).collect(Collectors.toSet());
            for (String name : List.of("ledgerlearn_samples_total", "ledgerlearn_samples", "ledgerlearn_classes", "ledgerlearn_precision",
                    "ledgerlearn_recall", "ledgerlearn_accuracy", "ledgerlearn_scored_window_samples",
                    "ledgerlearn_http_requests_total", "ledgerlearn_http_request_duration_seconds_bucket",
                    "ledgerlearn_http_request_duration_seconds_sum", "ledgerlearn_http_request_duration_seconds_count",
                    "ledgerlearn_store_bytes", "ledgerlearn_store_fsync_duration_seconds_bucket",
                    "ledgerlearn_store_fsync_duration_seconds_count", "ledgerlearn_build_info")) {
                assertTrue(names.contains(name), name + " in\n" + response.body());
            }
        }
    }

    @Test
    void everyFamilyServedIsNamedInTheReadmeAndTheOpenApiDocument() throws Exception {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("README.md"));
        String described = OpenApiEndpoint.load().get("paths").asObject().get("/metrics").asObject().get("get").asObject()
                .getString("description", "");
        try (TestServer server = TestServer.start()) {
            server.post("/sample", Samples.body(Samples.stream(50, 1)));
            for (PrometheusFormat.Sample sample : PrometheusFormat.parse(server.get("/metrics").body())) {
                String family = sample.name().replaceFirst("_(bucket|sum|count)$", "");
                assertTrue(readme.contains("`" + family), family + " in README.md");
                assertTrue(described.contains(family), family + " in the OpenAPI description of /metrics");
            }
        }
    }

    @Test
    void countsRequestsByRouteTemplateAndStatusWithADurationEach() throws Exception {
        try (TestServer server = TestServer.start()) {
            server.post("/sample", Samples.body(Samples.stream(20, 2)));
            server.post("/v1/sample", Samples.body(Samples.stream(20, 3)));
            server.post("/sample", "[]");
            server.get("/metrics/5");
            server.get("/v1/metrics/7");
            server.get("/metrics/x");
            server.get("/nope");
            server.get("/secret/path/that/is/long");
            server.get("/sample");

            List<PrometheusFormat.Sample> samples = PrometheusFormat.parse(server.get("/metrics").body());

            String requests = "ledgerlearn_http_requests_total";
            assertEquals(2, PrometheusFormat.value(samples, requests, "route", "/sample", "status", "200"));
            assertEquals(1, PrometheusFormat.value(samples, requests, "route", "/sample", "status", "400"));
            assertEquals(1, PrometheusFormat.value(samples, requests, "route", "/sample", "status", "405"));
            assertEquals(2, PrometheusFormat.value(samples, requests, "route", "/metrics/{n}", "status", "200"));
            assertEquals(1, PrometheusFormat.value(samples, requests, "route", "/metrics/{n}", "status", "400"));
            assertEquals(2, PrometheusFormat.value(samples, requests, "route", "unmatched", "status", "404"));
            String durations = "ledgerlearn_http_request_duration_seconds_count";
            assertEquals(4, PrometheusFormat.value(samples, durations, "route", "/sample"));
            assertEquals(3, PrometheusFormat.value(samples, durations, "route", "/metrics/{n}"));
            assertEquals(2, PrometheusFormat.value(samples, durations, "route", "unmatched"));
            assertTrue(samples.stream().noneMatch(s -> s.labels().containsValue("/nope")), "raw paths are never labels");
        }
    }

    @Test
    void reportsSamplesClassesAndTheScoresOfTheLastThousand() throws Exception {
        try (TestServer server = TestServer.start()) {
            server.post("/sample", Samples.body(Samples.stream(1500, 4)));

            List<PrometheusFormat.Sample> samples = PrometheusFormat.parse(server.get("/metrics").body());

            JsonObject health = Json.parse(server.get("/health").body()).asObject();
            JsonObject scores = Json.parse(server.get("/metrics/1000").body()).asObject();
            assertEquals(1500, PrometheusFormat.value(samples, "ledgerlearn_samples_total"));
            assertEquals(health.getInt("classes", -1), PrometheusFormat.value(samples, "ledgerlearn_classes"));
            assertEquals(1000, PrometheusFormat.value(samples, "ledgerlearn_scored_window_samples"));
            assertEquals(scores.getDouble("precision", -1), PrometheusFormat.value(samples, "ledgerlearn_precision"));
            assertEquals(scores.getDouble("recall", -1), PrometheusFormat.value(samples, "ledgerlearn_recall"));
            assertEquals(scores.getDouble("accuracy", -1), PrometheusFormat.value(samples, "ledgerlearn_accuracy"));
        }
    }

    @Test
    void theSamplesCounterOnlyGrowsWhileTheGaugeFollowsTheStoreThroughADeletion() throws Exception {
        try (TestServer server = TestServer.start()) {
            server.post("/sample", Samples.body(Samples.stream(300, 3)));
            long gone = Samples.stream(300, 3).stream().filter(s -> s.companyId().equals("int:a055470")).count();

            assertEquals(200, server.send(HttpRequest.newBuilder(server.uri("/companies/int:a055470")).DELETE()).statusCode());
            List<PrometheusFormat.Sample> samples = PrometheusFormat.parse(server.get("/metrics").body());

            assertEquals(300, PrometheusFormat.value(samples, "ledgerlearn_samples_total"));
            assertEquals(300 - gone, PrometheusFormat.value(samples, "ledgerlearn_samples"));
            assertTrue(gone > 0);
        }
    }

    @Test
    void scoreGaugesAreNaNBeforeAnythingIsScored() throws Exception {
        try (TestServer server = TestServer.start()) {
            List<PrometheusFormat.Sample> samples = PrometheusFormat.parse(server.get("/metrics").body());

            assertEquals(0, PrometheusFormat.value(samples, "ledgerlearn_samples_total"));
            assertEquals(0, PrometheusFormat.value(samples, "ledgerlearn_scored_window_samples"));
            assertTrue(Double.isNaN(PrometheusFormat.value(samples, "ledgerlearn_precision")));
            assertTrue(Double.isNaN(PrometheusFormat.value(samples, "ledgerlearn_recall")));
            assertTrue(Double.isNaN(PrometheusFormat.value(samples, "ledgerlearn_accuracy")));
        }
    }

    @Test
    void countsOneFsyncPerBatchAndReportsTheStoreSize() throws Exception {
        try (TestServer server = TestServer.start()) {
            for (int batch = 0; batch < 3; batch++) {
                assertEquals(200, server.post("/sample", Samples.body(Samples.stream(10, batch))).statusCode());
            }

            List<PrometheusFormat.Sample> samples = PrometheusFormat.parse(server.get("/metrics").body());

            assertEquals(3, PrometheusFormat.value(samples, "ledgerlearn_store_fsync_duration_seconds_count"));
            assertTrue(PrometheusFormat.value(samples, "ledgerlearn_store_fsync_duration_seconds_sum") > 0);
            assertEquals(Files.size(server.storeFile()), PrometheusFormat.value(samples, "ledgerlearn_store_bytes"));
        }
    }

    @Test
    void refusesQueryParameters() throws Exception {
        try (TestServer server = TestServer.start()) {
            HttpResponse<String> response = server.get("/metrics?name=x");
            assertEquals(400, response.statusCode());
            assertTrue(response.body().contains("unknown query parameter"), response.body());
        }
    }
}
