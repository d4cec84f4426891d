package ledgerlearn.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import ledgerlearn.dataset.DatasetReader;
import ledgerlearn.metrics.Average;
import ledgerlearn.sample.Sample;
import ledgerlearn.testing.RealData;
import ledgerlearn.testing.DataDirs;
import ledgerlearn.testing.Samples;
import ledgerlearn.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * On the first 50,000 real rows, deleting three companies leaves exactly the server that received the other
 * rows alone: store, counts, model, metrics and detailed predictions; after a restart too.
 */
final class RealDataDeletionTest {
    private static final int ROWS = 50_000;
    /** The second largest company of those rows (7,896 of them), a middling one (413) and the smallest (72). */
    private static final List<String> DELETED = List.of("int:825f942", "int:70a517b", "int:0803ca7");

    @Test
    void deletingThreeCompaniesEqualsAServerFedTheOtherRowsAloneAlsoAfterARestart() throws IOException {
        List<Sample> rows = firstRealRows();
        List<Sample> rest = rows.stream().filter(sample -> !DELETED.contains(sample.companyId())).toList();
        List<String> queries = queries(rows);
        try (TestServer deleted = TestServer.start(); TestServer fresh = TestServer.start()) {
            feed(deleted, rows, new Random(1), true);
            feed(fresh, rest, new Random(2), false);

            long started = System.nanoTime();
            for (String company : DELETED) {
                long expected = rows.stream().filter(sample -> sample.companyId().equals(company)).count();
                HttpResponse<String> answer = deleted.send(HttpRequest.newBuilder(deleted.uri("/companies/" + company)).DELETE());
                assertEquals(200, answer.statusCode(), answer.body());
                assertEquals(expected, Json.parse(answer.body()).asObject().getLong("deleted", -1), company);
            }
            double seconds = (System.nanoTime() - started) / 1e9;

            int compared = assertSameServer(fresh, deleted, queries);
            for (String company : DELETED) {
                assertFalse(DataDirs.anyFileHolds(deleted.dataDir(), company), company + " is gone from the data dir");
            }
            deleted.restart();
            compared += assertSameServer(fresh, deleted, queries);
            System.out.printf("reliability: deleted 3 companies (%,d of %,d real rows) in %.2f s; store, counts,"
                            + " checksum and %d answers equal to a server fed the other %,d rows, before and after a restart%n",
                    rows.size() - rest.size(), rows.size(), seconds, compared, rest.size());
        }
    }

    /** Compares everything two servers answer that does not depend on their uptime or traffic; returns how many answers. */
    private static int assertSameServer(TestServer expected, TestServer actual, List<String> queries) throws IOException {
        assertArrayEquals(Files.readAllBytes(expected.storeFile()), Files.readAllBytes(actual.storeFile()), "the store");
        assertEquals(expected.checksum(), actual.checksum(), "the model");
        JsonObject health = Json.parse(actual.get("/health").body()).asObject();
        JsonObject expectedHealth = Json.parse(expected.get("/health").body()).asObject();
        assertEquals(expectedHealth.get("samples"), health.get("samples"));
        assertEquals(expectedHealth.get("classes"), health.get("classes"));
        int compared = 2;
        List<String> paths = new ArrayList<>(List.of("/companies", "/stats?window=1000"));
        for (int n : new int[] {1, 100, 1000, 1_000_000}) {
            for (Average average : Average.values()) {
                paths.add("/metrics/" + n + "?average=" + average.label());
                paths.add("/metrics/" + n + "?average=" + average.label() + "&company=int:c34046f");
            }
        }
        for (String path : paths) {
            JsonObject want = Json.parse(expected.get(path).body()).asObject();
            JsonObject got = Json.parse(actual.get(path).body()).asObject();
            // the request counts are each server's own traffic
            want.remove("requests");
            got.remove("requests");
            assertEquals(want, got, path);
            compared++;
        }
        for (String query : queries) {
            assertEquals(expected.post("/predict?top=5&detail=true", query).body(),
                    actual.post("/predict?top=5&detail=true", query).body(), query);
            compared++;
        }
        return compared;
    }

    private static void feed(TestServer server, List<Sample> rows, Random chunks, boolean keys) {
        int batch = 0;
        for (int from = 0; from < rows.size(); batch++) {
            int to = Math.min(rows.size(), from + 1 + chunks.nextInt(2_000));
            HttpRequest.Builder request = HttpRequest.newBuilder(server.uri("/sample"))
                    .POST(HttpRequest.BodyPublishers.ofString(Samples.body(rows.subList(from, to))));
            if (keys) {
                request.header("Idempotency-Key", "real rows " + from + "-" + to);
            }
            HttpResponse<String> answer = server.send(request);
            assertEquals(200, answer.statusCode(), answer.body());
            from = to;
        }
    }

    private static List<Sample> firstRealRows() throws IOException {
        List<Sample> rows = new ArrayList<>(ROWS);
        try (DatasetReader reader = DatasetReader.open(RealData.zip())) {
            for (Sample sample; rows.size() < ROWS && (sample = reader.next()) != null; ) {
                rows.add(sample);
            }
        }
        return rows;
    }

    /** Every 200th row as a query, and queries of each deleted company, an unknown one and none. */
    private static List<String> queries(List<Sample> rows) {
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < rows.size(); i += 200) {
            queries.add(Samples.query(rows.get(i)));
        }
        for (String company : DELETED) {
            Sample one = rows.stream().filter(sample -> sample.companyId().equals(company)).findFirst().orElseThrow();
            queries.add(Samples.query(one));
        }
        queries.add(Samples.query(Samples.sample("int:never-seen", "1", "str:unseen")));
        queries.add("{}");
        return queries;
    }
}
