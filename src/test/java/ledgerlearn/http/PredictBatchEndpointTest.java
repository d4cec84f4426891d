package ledgerlearn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonArray;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import ledgerlearn.sample.Sample;
import ledgerlearn.testing.ForkedServer;
import ledgerlearn.testing.Samples;
import ledgerlearn.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POST /predict/batch: a statement's queries in, each one's /predict answer out, in order. */
final class PredictBatchEndpointTest {

    private static String batch(List<Sample> samples) {
        JsonArray queries = Json.array();
        samples.forEach(sample -> queries.add(Json.parse(Samples.query(sample))));
        return queries.toString();
    }

    @Test
    void answersEachQueryInOrderAsPredictAnswersIt() throws Exception {
        try (TestServer server = TestServer.start()) {
            server.post("/sample", Samples.body(Samples.stream(400, 3)));
            List<Sample> statement = Samples.stream(60, 4);

            for (String query : List.of("", "?top=3", "?top=2&detail=true")) {
                HttpResponse<String> response = server.post("/predict/batch" + query, batch(statement));

                assertEquals(200, response.statusCode(), response.body());
                JsonArray answers = Json.parse(response.body()).asArray();
                assertEquals(statement.size(), answers.size());
                for (int i = 0; i < statement.size(); i++) {
                    String one = server.post("/predict" + query, Samples.query(statement.get(i))).body();
                    assertEquals(Json.parse(one), answers.get(i), query + " query " + i);
                }
            }
        }
    }

    @Test
    void answersQueriesOfEveryLengthAroundTheReadersBufferEdge() throws Exception {
        try (TestServer server = TestServer.start()) {
            server.post("/sample", Samples.body(Samples.stream(50, 3)));
            String query = Samples.query(Samples.stream(1, 4).get(0));
            // bodies 4,094 to 4,100 bytes long, padded with blanks: 4,097 to 4,099 were a 500
            for (int length = 4094; length <= 4100; length++) {
                String one = query + " ".repeat(length - query.length());
                String many = "[" + query + "]";
                many = many + " ".repeat(length - many.length());

                assertEquals(200, server.post("/predict", one).statusCode(), length + " bytes");
                assertEquals(200, server.post("/predict/batch", many).statusCode(), length + " bytes");
            }
        }
    }

    @Test
    void refusesTheWholeBatchNamingTheIndexOfTheBadQuery() throws Exception {
        try (TestServer server = TestServer.start()) {
            server.post("/sample", Samples.body(Samples.stream(50, 3)));
            String body = "[{\"CompanyId\": \"int:a\"}, {\"CompanyId\": \"int:a\", \"Amount\": \"1\"}]";

            HttpResponse<String> response = server.post("/v1/predict/batch", body);

            assertEquals(400, response.statusCode());
            assertTrue(error(response).startsWith("query 1: unknown key \"Amount\""), error(response));
        }
    }

    @Test
    void refusesMoreQueriesThanTheMaximumSayingToSplitThem() throws Exception {
        try (TestServer server = TestServer.start()) {
            server.post("/sample", Samples.body(Samples.stream(50, 3)));

            HttpResponse<String> response = server.post("/predict/batch",
                    batch(Samples.stream(PredictBatchEndpoint.MAX_QUERIES + 1, 4)));

            assertEquals(400, response.statusCode());
            assertEquals("batch of 1001 queries; at most 1000 a request: split it", error(response));
        }
    }

    @Test
    void takesTheMostQueriesWithTheLongestTextsInTheSmallestHeapTheServerRunsIn(@TempDir Path dataDir) throws Exception {
        try (ForkedServer server = ForkedServer.start(List.of("-Xmx64m"), dataDir)) {
            HttpClient client = HttpClient.newHttpClient();
            client.send(HttpRequest.newBuilder(server.uri("/sample"))
                    .POST(HttpRequest.BodyPublishers.ofString(Samples.body(Samples.stream(50, 3)))).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonArray queries = Json.array();
            for (int i = 0; i < PredictBatchEndpoint.MAX_QUERIES; i++) {
                // a company and a text as long as a value may be, the text in two-byte characters: 3 MB in all,
                // which a parsed tree of it could not fit into the body memory of a 64 MB heap (16 MB)
                queries.add(Json.object().add("CompanyId", "c".repeat(1000)).add("BankEntryText", "æ".repeat(1000))
                        .add("BankEntryAmount", "> -1000"));
            }

            HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.uri("/predict/batch"))
                    .POST(HttpRequest.BodyPublishers.ofString(queries.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals(200, response.statusCode(), response.body());
            assertEquals(PredictBatchEndpoint.MAX_QUERIES, Json.parse(response.body()).asArray().size());
        }
    }

    @Test
    void answers503BeforeAnySampleWasLearnt() throws Exception {
        try (TestServer server = TestServer.start()) {
            HttpResponse<String> response = server.post("/predict/batch", "[{\"CompanyId\": \"int:a\"}]");

            assertEquals(503, response.statusCode());
            assertEquals(PredictEndpoint.NOT_READY, error(response));
        }
    }

    @Test
    void predictWithAnArrayPointsToTheBatchPath() throws Exception {
        try (TestServer server = TestServer.start()) {
            server.post("/sample", Samples.body(Samples.stream(50, 3)));

            HttpResponse<String> response = server.post("/predict", "[{\"CompanyId\": \"int:a\"}]");

            assertEquals(400, response.statusCode());
            assertTrue(error(response).endsWith("or POST the array to /predict/batch"), error(response));
        }
    }

    private static String error(HttpResponse<String> response) {
        return Json.parse(response.body()).asObject().getString("error", "");
    }
}
