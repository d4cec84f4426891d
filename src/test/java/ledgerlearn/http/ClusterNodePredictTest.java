package ledgerlearn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import ledgerlearn.cli.ServerOptions;
import ledgerlearn.learn.Learner;
import ledgerlearn.sample.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /predict and /predict/batch of a cluster node that has learnt nothing while the log holds records: the server
 * asks its {@link Replication} where it stands, and says it is behind (the log itself is the cluster tests' part).
 */
final class ClusterNodePredictTest {

    @Test
    void aNodeBehindTheLogSaysSoOnBothPredictRoutes(@TempDir Path dir) throws IOException, InterruptedException {
        ServerOptions options = ServerOptions.throwaway(dir);
        Replication behind = new Replication() {
            @Override
            public Learner.BatchResult append(List<Sample> batch, String idempotencyKey) {
                throw HttpError.unavailable("not in this test", 1);
            }

            @Override
            public Learner.Deletion deleteCompany(String company) {
                throw HttpError.unavailable("not in this test", 1);
            }

            @Override
            public Status status() {
                return new Status(false, "ledgerlearn", -1, 42, 42, true, "catching up", null);
            }
        };
        try (Learner learner = Learner.open(dir, false, options.model(), options.autoBookPrecision(), options.snapshotEvery())) {
            ApiServer server = ApiServer.start(options.http(), learner, Security.load(options.http().access()), behind);
            try {
                HttpClient client = HttpClient.newHttpClient();
                for (String[] call : List.of(new String[] {"/predict", "{\"CompanyId\": \"int:a\"}"},
                        new String[] {"/predict/batch?detail=true", "[{\"CompanyId\": \"int:a\"}]"})) {
                    HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + server.port() + call[0]))
                            .POST(HttpRequest.BodyPublishers.ofString(call[1])).build(), HttpResponse.BodyHandlers.ofString());

                    assertEquals(503, response.statusCode(), call[0]);
                    assertTrue(response.body().contains("this node has learnt nothing from the log yet (42 records behind its end;"
                            + " catching up)"), call[0] + ": " + response.body());
                }
            } finally {
                server.stop(0);
            }
        }
    }
}
