package ledgerlearn.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eclipsesource.json.Json;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import ledgerlearn.sample.Sample;
import ledgerlearn.testing.ClusterNodes;
import ledgerlearn.testing.ForkedServer;
import ledgerlearn.testing.KafkaBroker;
import ledgerlearn.testing.Samples;
import org.junit.jupiter.api.Test;

/** With the broker gone, /sample answers 503 with Retry-After within seconds and stores nothing; /predict goes on. */
final class BrokerDownTest {

    @Test
    void sampleIs503WithRetryAfterAndPredictAnswersWhileTheBrokerIsDown() throws IOException {
        List<Sample> rows = Samples.stream(3_000, 3);
        try (KafkaBroker broker = KafkaBroker.start();
             ClusterNodes cluster = ClusterNodes.start(broker, "down", 3)) {
            assertEquals(200, cluster.node(0).post("/sample", Samples.body(rows.subList(0, 2_000))).statusCode());
            cluster.awaitConverged(2_000, Duration.ofMinutes(1));

            broker.stop();
            String batch = Samples.body(rows.subList(2_000, 2_100));
            for (ForkedServer node : cluster.nodes()) {
                long started = System.nanoTime();
                HttpResponse<String> answer = node.post("/sample", batch);
                double seconds = (System.nanoTime() - started) / 1e9;
                assertEquals(503, answer.statusCode(), answer.body());
                assertTrue(answer.headers().firstValue("Retry-After").isPresent(), "Retry-After");
                assertTrue(Json.parse(answer.body()).asObject().getString("error", "").contains("not acknowledged"),
                        answer.body());
                assertTrue(seconds < 10, "answered in " + seconds + " s");
                assertEquals(2_000, node.samples(), "nothing stored");
                HttpResponse<String> predict = node.post("/predict?top=3&detail=true", Samples.query(rows.get(2_500)));
                assertEquals(200, predict.statusCode(), predict.body());
                assertEquals(200, node.get("/readyz").statusCode(), "reads go on: the node stays ready");
            }
            ClusterNodes.await(Duration.ofSeconds(30),
                    () -> !ClusterNodes.health(cluster.node(1)).get("cluster").asObject().getBoolean("logReachable", true),
                    () -> "health never said the log is unreachable: " + ClusterNodes.health(cluster.node(1)));

            broker.restart();
            ClusterNodes.await(Duration.ofSeconds(60), () -> cluster.node(2).post("/sample", batch).statusCode() == 200,
                    () -> "/sample did not recover after the broker came back");
            cluster.awaitConverged(2_100, Duration.ofMinutes(1));
            assertArrayEquals(cluster.storeBytes(2), cluster.storeBytes(0));
            assertArrayEquals(cluster.storeBytes(2), cluster.storeBytes(1));
            assertFalse(cluster.node(0).log().contains("Exception"), cluster.node(0).log());
        }
    }
}
