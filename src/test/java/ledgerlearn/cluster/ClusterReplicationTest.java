package ledgerlearn.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import ledgerlearn.dataset.DatasetReader;
import ledgerlearn.learn.Learner;
import ledgerlearn.model.ModelOptions;
import ledgerlearn.sample.Sample;
import ledgerlearn.testing.ClusterNodes;
import ledgerlearn.testing.ForkedServer;
import ledgerlearn.testing.HttpTarget;
import ledgerlearn.testing.KafkaBroker;
import ledgerlearn.testing.RealData;
import ledgerlearn.testing.Samples;
import ledgerlearn.testing.TempDirs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three nodes following one log of a real Kafka broker end identical to each other and to a single server fed
 * the same rows, also when one of them is killed mid-stream and restarted.
 */
final class ClusterReplicationTest {
    private static final int ROWS = 100_000;
    private static final int HELD_OUT = 1_000;
    private static final Duration CONVERGE = Duration.ofMinutes(3);

    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() throws IOException {
        broker = KafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() throws IOException {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void threeNodesFedThroughRandomNodesEqualEachOtherAndASingleServer() throws IOException {
        List<Sample> rows = new ArrayList<>();
        List<Sample> heldOut = new ArrayList<>();
        try (DatasetReader reader = DatasetReader.open(RealData.zip())) {
            for (Sample s = reader.next(); s != null && rows.size() + heldOut.size() < ROWS + HELD_OUT; s = reader.next()) {
                (rows.size() < ROWS ? rows : heldOut).add(s);
            }
        }
        Path singleDir = TempDirs.create("ledgerlearn-single-");
        try (ClusterNodes cluster = ClusterNodes.start(broker, "replication", 3);
             ForkedServer single = ForkedServer.start(ClusterNodes.JVM, singleDir, "--access-log", "false")) {
            Random random = new Random(14);
            long total = 0;
            for (int from = 0; from < rows.size(); ) {
                int to = Math.min(rows.size(), from + 1 + random.nextInt(1000));
                String body = Samples.body(rows.subList(from, to));
                ForkedServer node = cluster.node(random.nextInt(cluster.size()));
                HttpResponse<String> answer = node.post("/sample", body);
                assertEquals(200, answer.statusCode(), answer.body());
                total += to - from;
                // read-your-writes: the answer is this node's own, a single server's
                assertEquals("{\"accepted\":" + (to - from) + ",\"total\":" + total + "}", answer.body());
                assertEquals(answer.body(), single.post("/sample", body).body());
                assertEquals(total, node.samples(), "the answering node holds the batch already");
                from = to;
            }
            cluster.awaitConverged(ROWS, CONVERGE);
            List<HttpTarget> all = new ArrayList<>(cluster.nodes());
            all.add(single);
            for (Sample query : heldOut) {
                String expected = single.post("/predict?top=5&detail=true", Samples.query(query)).body();
                for (ForkedServer node : cluster.nodes()) {
                    assertEquals(expected, node.post("/predict?top=5&detail=true", Samples.query(query)).body());
                }
            }
            for (String path : List.of("/metrics/1", "/metrics/1000", "/metrics/100000?average=weighted",
                    "/metrics/5000?average=micro", "/metrics/1000?company=" + rows.get(0).companyId())) {
                String expected = single.get(path).body();
                for (ForkedServer node : cluster.nodes()) {
                    assertEquals(expected, node.get(path).body(), path);
                }
            }
            byte[] store = java.nio.file.Files.readAllBytes(singleDir.resolve("samples.csv"));
            for (int i = 0; i < cluster.size(); i++) {
                assertArrayEquals(store, cluster.storeBytes(i), "node " + i + "'s store");
            }
            long checksum = checksum(singleDir, single);
            for (int i = 0; i < cluster.size(); i++) {
                assertEquals(checksum, checksum(cluster.dataDir(i), cluster.node(i)), "node " + i + "'s checksum");
            }
        } finally {
            TempDirs.delete(singleDir);
        }
    }

    @Test
    void aNodeKilledMidStreamCatchesUpFromItsStoreAndEqualsTheOthers() throws IOException {
        List<Sample> rows = Samples.stream(30_000, 7);
        try (ClusterNodes cluster = ClusterNodes.start(broker, "crash", 3, "--snapshot-every", "4000")) {
            Random random = new Random(5);
            long total = 0;
            int chunk = 0;
            for (int from = 0; from < rows.size(); chunk++) {
                int to = Math.min(rows.size(), from + 1 + random.nextInt(500));
                if (chunk == 20) {
                    cluster.node(2).kill(); // kill -9, wherever it is
                }
                if (chunk == 45) {
                    cluster.restart(2);
                }
                int target = chunk >= 20 && chunk < 45 ? random.nextInt(2) : random.nextInt(3);
                HttpResponse<String> answer = cluster.node(target).post("/sample", Samples.body(rows.subList(from, to)));
                assertEquals(200, answer.statusCode(), answer.body());
                total += to - from;
                from = to;
            }
            cluster.awaitConverged(total, CONVERGE);
            assertArrayEquals(cluster.storeBytes(0), cluster.storeBytes(2));
            assertArrayEquals(cluster.storeBytes(0), cluster.storeBytes(1));
            // killed again right after catching up, and once more at the very start: it still converges
            cluster.node(2).kill();
            cluster.launch(2).kill();
            cluster.restart(2);
            cluster.awaitConverged(total, CONVERGE);
            long checksum = checksum(cluster.dataDir(0), cluster.node(0));
            assertEquals(checksum, checksum(cluster.dataDir(2), cluster.node(2)));
            assertArrayEquals(cluster.storeBytes(0), cluster.storeBytes(2));
        }
    }

    /** Stops the server gracefully and opens its data dir in this JVM for the learner's checksum. */
    private static long checksum(Path dataDir, ForkedServer server) throws IOException {
        assertEquals(0, server.terminate());
        try (Learner learner = Learner.open(dataDir, false, ModelOptions.DEFAULT)) {
            assertTrue(learner.samples() > 0);
            return learner.checksum();
        }
    }
}
