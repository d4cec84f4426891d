package ledgerlearn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import ledgerlearn.testing.Samples;
import ledgerlearn.testing.TestServer;
import org.junit.jupiter.api.Test;

final class SampleEndpointTest {

    @Test
    void acceptsBatchAndReportsRunningTotal() throws Exception {
        try (TestServer server = TestServer.start()) {
            HttpResponse<String> first = server.post("/sample", Samples.body(Samples.stream(3, 1)));
            HttpResponse<String> second = server.post("/v1/sample", Samples.body(Samples.stream(2, 2)));

            assertEquals(200, first.statusCode(), first.body());
            assertEquals(Json.parse("{\"accepted\":3,\"total\":3}"), Json.parse(first.body()));
            assertEquals(Json.parse("{\"accepted\":2,\"total\":5}"), Json.parse(second.body()));
            assertTrue(first.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        }
    }

    @Test
    void storesEveryRowWithItsPredictionBeforeAcknowledging() throws Exception {
        try (TestServer server = TestServer.start()) {
            server.post("/sample", Samples.body(List.of(
                    Samples.sample("int:a", "6700", "str:x"),
                    Samples.sample("int:a", "6700", "str:y, with \"quotes\""))));

            List<String> lines = Files.readAllLines(server.storeFile());
            assertEquals(",CompanyId,BankEntryDate,BankEntryText,BankEntryAmount,AccountName,AccountNumber,"
                    + "AccountTypeName,PredictedAccountNumber,PredictedProbability", lines.get(0));
            assertEquals(3, lines.size());
            // the first sample ever meets no model, so it has no prediction; the second is predicted, with its probability
            assertTrue(lines.get(1).endsWith(",6700,Balance,,"), lines.get(1));
            String probability = lines.get(2).substring(lines.get(2).lastIndexOf(',') + 1);
            assertTrue(lines.get(2).endsWith(",6700,Balance,6700," + probability), lines.get(2));
            double p = Double.parseDouble(probability);
            assertTrue(p > 0 && p <= 1, probability);
            assertTrue(lines.get(2).contains("\"str:y, with \"\"quotes\"\"\""), lines.get(2));
        }
    }

    @Test
    void refusesWholeBatchWhenOneSampleIsInvalidAndStoresNothing() throws Exception {
        try (TestServer server = TestServer.start()) {
            server.post("/sample", Samples.body(Samples.stream(4, 3)));
            long before = Files.size(server.storeFile());
            String batch = "[" + Samples.json(Samples.sample("int:a", "1", "t")) + ","
                    + Samples.json(Samples.sample("int:a", "1", "t")).set("BankEntryDate", "2016-13-01") + "]";

            HttpResponse<String> response = server.post("/sample", batch);

            assertEquals(400, response.statusCode());
            String error = Json.parse(response.body()).asObject().getString("error", "");
            assertTrue(error.contains("sample 1") && error.contains("BankEntryDate"), error);
            assertEquals(before, Files.size(server.storeFile()));
            assertEquals(4, health(server).getLong("samples", -1));
        }
    }

    @Test
    void acceptsOddButValidShapesOfRealClients() throws Exception {
        try (TestServer server = TestServer.start()) {
            String body = "[{\"Unnamed: 0\": 7, \"CompanyId\": \"int:a\", \"BankEntryDate\": \"2016-01-02\","
                    + " \"BankEntryText\": \"\", \"BankEntryAmount\": \"< 10\", \"AccountName\": null,"
                    + " \"AccountNumber\": 6700, \"AccountTypeName\": null}]";

            HttpResponse<String> response = server.send(java.net.http.HttpRequest.newBuilder(server.uri("/sample"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)));

            assertEquals(200, response.statusCode(), response.body());
            assertTrue(Files.readAllLines(server.storeFile()).get(1).startsWith("7,int:a,2016-01-02,,< 10,,6700,"));
        }
    }

    static JsonObject health(TestServer server) {
        return Json.parse(server.get("/health").body()).asObject();
    }
}
