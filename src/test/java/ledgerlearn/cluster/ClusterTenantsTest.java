package ledgerlearn.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import ledgerlearn.sample.Sample;
import ledgerlearn.store.SampleStore;
import ledgerlearn.testing.ClusterNodes;
import ledgerlearn.testing.ForkedServer;
import ledgerlearn.testing.KafkaBroker;
import ledgerlearn.testing.Samples;
import ledgerlearn.testing.TempDirs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tenants' promises in a cluster: a batch sent again with its Idempotency-Key through any node is stored once,
 * and a company deleted through one node is gone from every node and from the Kafka log itself.
 */
final class ClusterTenantsTest {
    private static final Duration CONVERGE = Duration.ofMinutes(3);

    /** This JVM's own Kafka clients (the test reads the log) log their settings at INFO: kept quiet. */
    private static final java.util.logging.Logger KAFKA_LOG = java.util.logging.Logger.getLogger("org.apache.kafka");

    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() throws IOException {
        KAFKA_LOG.setLevel(java.util.logging.Level.WARNING);
        broker = KafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() throws IOException {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aRetryWithTheSameKeyThroughAnyNodeIsStoredOnce() throws IOException {
        List<Sample> rows = Samples.stream(3_000, 21);
        try (ClusterNodes cluster = ClusterNodes.start(broker, "keys", 3)) {
            String first = Samples.body(rows.subList(0, 1_000));
            HttpResponse<String> stored = sample(cluster.node(0), first, "batch-1");
            assertEquals(200, stored.statusCode(), stored.body());
            assertEquals("{\"accepted\":1000,\"total\":1000}", stored.body());
            // the client lost that answer and sends the batch again, through the other nodes
            for (int i : new int[] {1, 2, 0}) {
                HttpResponse<String> retry = sample(cluster.node(i), first, "batch-1");
                assertEquals(200, retry.statusCode(), retry.body());
                assertEquals("{\"accepted\":1000,\"total\":1000,\"replayed\":true}", retry.body(), "node " + i);
            }
            // the same key with other rows: a conflict on whichever node, nothing stored
            HttpResponse<String> conflict = sample(cluster.node(2), Samples.body(rows.subList(1_000, 1_500)), "batch-1");
            assertEquals(409, conflict.statusCode(), conflict.body());

            // the same new batch through two nodes at once: one of them stores it, the other replays it
            String second = Samples.body(rows.subList(1_000, 3_000));
            CompletableFuture<HttpResponse<String>> viaNode1 =
                    CompletableFuture.supplyAsync(() -> sample(cluster.node(1), second, "batch-2"));
            HttpResponse<String> viaNode2 = sample(cluster.node(2), second, "batch-2");
            List<JsonObject> answers = List.of(Json.parse(viaNode1.join().body()).asObject(),
                    Json.parse(viaNode2.body()).asObject());
            assertEquals(1, answers.stream().filter(a -> !a.getBoolean("replayed", false)).count(), answers.toString());
            for (JsonObject answer : answers) {
                assertEquals(2_000, answer.getInt("accepted", -1));
                assertEquals(3_000, answer.getLong("total", -1));
            }

            cluster.awaitConverged(3_000, CONVERGE);
            for (int i = 0; i < cluster.size(); i++) {
                assertEquals(3_000, cluster.node(i).samples());
                assertArrayEquals(cluster.storeBytes(0), cluster.storeBytes(i), "node " + i + "'s store");
                assertArrayEquals(keyLog(cluster.dataDir(0)), keyLog(cluster.dataDir(i)), "node " + i + "'s keys");
            }
            // every node holds both keys: a retry after a restart of another node still replays
            cluster.restart(1);
            HttpResponse<String> afterRestart = sample(cluster.node(1), first, "batch-1");
            assertEquals("{\"accepted\":1000,\"total\":1000,\"replayed\":true}", afterRestart.body());
            assertEquals(3_000, cluster.node(1).samples());
        }
    }

    @Test
    void aCompanyDeletedThroughOneNodeIsGoneFromEveryNodeAndFromTheLog() throws IOException {
        String topic = "deletion";
        List<Sample> rows = Samples.stream(12_000, 33);
        String deleted = rows.get(0).companyId();
        List<Sample> others = rows.stream().filter(s -> !s.companyId().equals(deleted)).toList();
        assertTrue(others.size() < rows.size() && !others.isEmpty());
        Path singleDir = TempDirs.create("ledgerlearn-single-");
        Path lateDir = TempDirs.create("ledgerlearn-late-");
        try (ClusterNodes cluster = ClusterNodes.start(broker, topic, 3);
             ForkedServer single = ForkedServer.start(ClusterNodes.JVM, singleDir, "--access-log", "false")) {
            Random random = new Random(3);
            List<Sample> before = rows.subList(0, 10_000);
            for (int from = 0; from < before.size(); ) {
                int to = Math.min(before.size(), from + 1 + random.nextInt(700));
                HttpResponse<String> answer = cluster.node(random.nextInt(3)).post("/sample",
                        Samples.body(before.subList(from, to)));
                assertEquals(200, answer.statusCode(), answer.body());
                from = to;
            }
            cluster.awaitConverged(before.size(), CONVERGE);
            // node 2 is down while the company is deleted: it learns of it when it comes back
            cluster.node(2).kill();

            assertEquals(404, delete(cluster.node(1), "int:nobody").statusCode());
            HttpResponse<String> deletion = delete(cluster.node(1), deleted);
            long deletedRows = before.stream().filter(s -> s.companyId().equals(deleted)).count();
            assertEquals(200, deletion.statusCode(), deletion.body());
            assertEquals("{\"deleted\":" + deletedRows + ",\"total\":" + (before.size() - deletedRows) + "}",
                    deletion.body());
            assertEquals(before.size() - deletedRows, cluster.node(1).samples(), "the answering node deleted it");

            // rows sent after the deletion, the deleted company among them again, go into the new generation
            List<Sample> after = rows.subList(10_000, rows.size());
            for (int from = 0; from < after.size(); from += 500) {
                HttpResponse<String> answer = cluster.node(from / 500 % 2).post("/sample",
                        Samples.body(after.subList(from, Math.min(after.size(), from + 500))));
                assertEquals(200, answer.statusCode(), answer.body());
            }
            cluster.restart(2);
            long total = before.size() - deletedRows + after.size();
            cluster.awaitConverged(total, CONVERGE);

            // the single server: the other rows, then the rows after the deletion, in the same order
            List<Sample> singleRows = new ArrayList<>(before.stream().filter(s -> !s.companyId().equals(deleted)).toList());
            singleRows.addAll(after);
            for (int from = 0; from < singleRows.size(); from += 1_000) {
                assertEquals(200, single.post("/sample",
                        Samples.body(singleRows.subList(from, Math.min(singleRows.size(), from + 1_000)))).statusCode());
            }
            byte[] expected = Files.readAllBytes(singleDir.resolve(SampleStore.FILE_NAME));
            for (int i = 0; i < cluster.size(); i++) {
                assertArrayEquals(expected, cluster.storeBytes(i), "node " + i + "'s store");
            }
            // a node that joins now starts from the new generation and ends the same
            try (ForkedServer late = ForkedServer.start(ClusterNodes.JVM, lateDir, cluster.flags().toArray(String[]::new))) {
                ClusterNodes.await(CONVERGE, () -> late.get("/readyz").statusCode() == 200 && late.samples() == total,
                        () -> "the late node: " + late.get("/health").body());
                assertArrayEquals(expected, Files.readAllBytes(lateDir.resolve(SampleStore.FILE_NAME)));
                String query = Samples.query(rows.get(1));
                assertEquals(single.post("/predict?top=5&detail=true", query).body(),
                        late.post("/predict?top=5&detail=true", query).body());
            }

            // the log: the old generation is gone, and no record left in the topic holds the deleted rows before
            // the deletion (rows sent after it are new rows of the company, as a single server would keep them)
            try (Admin admin = Admin.create(KafkaSettings.admin(List.of(broker.bootstrap()), "test"))) {
                Set<String> topics = admin.listTopics().names().get();
                assertFalse(topics.contains(topic), topics.toString());
                assertTrue(topics.contains(topic + ".g1"), topics.toString());
            } catch (java.util.concurrent.ExecutionException | InterruptedException e) {
                throw new AssertionError(e);
            }
            List<String> logged = readLog(topic + ".g1").stream().map(s -> Samples.json(s).toString()).toList();
            assertEquals(singleRows.stream().map(s -> Samples.json(s).toString()).toList(), logged);
            // nor on the broker's disk: the old topic's partition directory is deleted, not only hidden
            ClusterNodes.await(Duration.ofSeconds(30), () -> !brokerDiskHolds(topic + "-0"),
                    () -> "the deleted topic's files are still on the broker's disk: " + brokerDisk());
        } finally {
            TempDirs.delete(singleDir);
            TempDirs.delete(lateDir);
        }
    }

    @Test
    void aDeletionWhoseNodeStoppedBeforeRewritingTheLogIsRewrittenByAnotherNode() throws Exception {
        String topic = "stalled";
        List<Sample> rows = Samples.stream(3_000, 41);
        String stalled = rows.get(0).companyId();
        String next = rows.stream().map(Sample::companyId).filter(c -> !c.equals(stalled)).findFirst().orElseThrow();
        try (ClusterNodes cluster = ClusterNodes.start(broker, topic, 2)) {
            feed(cluster, rows);
            // what a node leaves that stops right after its deletion was applied: the deletion, and no seal after it
            long stalledRows = rows.stream().filter(r -> r.companyId().equals(stalled)).count();
            try (KafkaProducer<byte[], byte[]> producer = stoppedNode()) {
                producer.send(stalled(topic, Records.DELETE, Records.COMPANY, stalled)).get();
            }
            cluster.awaitConverged(rows.size() - stalledRows, CONVERGE);

            long left = deleteAnother(cluster, rows, stalled, next);

            // both deletions are out of the log: the stalled one's rewrite, then this one's
            assertLogHoldsNeither(topic + ".g2", left, stalled, next);
            // and the cluster takes batches and deletions again
            assertEquals(200, cluster.node(0).post("/sample", Samples.body(rows.subList(0, 10))).statusCode());
        }
    }

    @Test
    void aRewriteWhoseNodeStoppedAfterSealingIsFinishedByAnotherNodeInAFreshGeneration() throws Exception {
        String topic = "sealed";
        List<Sample> rows = Samples.stream(3_000, 43);
        String stalled = rows.get(0).companyId();
        String next = rows.stream().map(Sample::companyId).filter(c -> !c.equals(stalled)).findFirst().orElseThrow();
        try (ClusterNodes cluster = ClusterNodes.start(broker, topic, 2)) {
            feed(cluster, rows);
            // what a node leaves that stops while it copies: its deletion, its seal, and the next generation part-filled
            long stalledRows = rows.stream().filter(r -> r.companyId().equals(stalled)).count();
            try (KafkaProducer<byte[], byte[]> producer = stoppedNode()) {
                producer.send(stalled(topic, Records.DELETE, Records.COMPANY, stalled)).get();
                producer.send(stalled(topic, Records.SEAL, Records.NEXT, topic + ".g1")).get();
                try (Admin admin = Admin.create(KafkaSettings.admin(List.of(broker.bootstrap()), "test"))) {
                    admin.createTopics(List.of(new NewTopic(topic + ".g1", 1, (short) 1))).all().get();
                }
                producer.send(new ProducerRecord<>(topic + ".g1", 0, null, null,
                        Records.encode(rows.subList(1, 3)))).get();
            }
            cluster.awaitConverged(rows.size() - stalledRows, CONVERGE);
            // the nodes see the seal 30 s old and one of them finishes the rewrite by itself: batches are taken again
            ClusterNodes.await(CONVERGE, () -> cluster.node(0).get("/readyz").statusCode() == 200
                            && cluster.node(1).get("/readyz").statusCode() == 200
                            && ClusterNodes.health(cluster.node(0)).get("cluster").asObject().getString("topic", "")
                                    .equals(topic + ".g2"),
                    () -> "the log goes on in " + topic + ".g2: " + cluster.node(0).get("/health").body());

            long left = deleteAnother(cluster, rows, stalled, next);

            // the part-filled generation was passed over and deleted with the old one
            try (Admin admin = Admin.create(KafkaSettings.admin(List.of(broker.bootstrap()), "test"))) {
                ClusterNodes.await(Duration.ofSeconds(30), () -> {
                    try {
                        Set<String> topics = admin.listTopics().names().get();
                        return !topics.contains(topic) && !topics.contains(topic + ".g1") && !topics.contains(topic + ".g2")
                                && topics.contains(topic + ".g3");
                    } catch (java.util.concurrent.ExecutionException | InterruptedException e) {
                        throw new AssertionError(e);
                    }
                }, () -> "the old generations are deleted, the newest is " + topic + ".g3");
            }
            assertLogHoldsNeither(topic + ".g3", left, stalled, next);
            assertEquals(200, cluster.node(0).get("/readyz").statusCode());
            assertEquals(200, cluster.node(0).post("/sample", Samples.body(rows.subList(0, 10))).statusCode());
        }
    }

    /** Sends {@code rows} through the two nodes in turn, 500 a batch, and waits until both hold them. */
    private static void feed(ClusterNodes cluster, List<Sample> rows) {
        for (int from = 0; from < rows.size(); from += 500) {
            assertEquals(200, cluster.node(from / 500 % 2).post("/sample",
                    Samples.body(rows.subList(from, Math.min(rows.size(), from + 500)))).statusCode());
        }
        cluster.awaitConverged(rows.size(), CONVERGE);
    }

    /** A producer writing as a node does that stopped afterwards. */
    /**
     * Deletes {@code next} through node 1 once {@code stalled}'s deletion was taken over: both nodes end with the rows
     * of neither company, their stores equal. Returns how many rows are left.
     */
    private static long deleteAnother(ClusterNodes cluster, List<Sample> rows, String stalled, String next) throws IOException {
        HttpResponse<String> deletion = delete(cluster.node(1), next);

        assertEquals(200, deletion.statusCode(), deletion.body());
        long left = rows.stream().filter(r -> !r.companyId().equals(stalled) && !r.companyId().equals(next)).count();
        cluster.awaitConverged(left, CONVERGE);
        assertArrayEquals(cluster.storeBytes(0), cluster.storeBytes(1));
        return left;
    }

    private static void assertLogHoldsNeither(String topic, long rows, String stalled, String next) {
        List<Sample> logged = readLog(topic);
        assertEquals(rows, logged.size());
        assertTrue(logged.stream().noneMatch(r -> r.companyId().equals(stalled) || r.companyId().equals(next)));
    }

    private static KafkaProducer<byte[], byte[]> stoppedNode() {
        return new KafkaProducer<>(KafkaSettings.producer(List.of(broker.bootstrap()), "test-stopped-node"));
    }

    /** A record of {@code type} with one header, from a node that stopped, appended longer ago than a take-over waits. */
    private static ProducerRecord<byte[], byte[]> stalled(String topic, String type, String header, String value) {
        long appended = System.currentTimeMillis() - ClusterNode.TAKE_OVER_AFTER.toMillis() - 1_000;
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, 0, appended, null, new byte[0]);
        record.headers().add(new RecordHeader(Records.TYPE, Records.utf8(type)));
        record.headers().add(new RecordHeader(Records.NODE, Records.utf8("a-node-that-stopped")));
        record.headers().add(new RecordHeader(header, Records.utf8(value)));
        return record;
    }

    private static HttpResponse<String> sample(ForkedServer node, String body, String key) {
        return node.send(HttpRequest.newBuilder(node.uri("/sample")).header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> delete(ForkedServer node, String company) {
        return node.send(HttpRequest.newBuilder(node.uri("/companies/" + java.net.URLEncoder.encode(company,
                StandardCharsets.UTF_8))).DELETE());
    }

    private static byte[] keyLog(Path dataDir) throws IOException {
        Path file = dataDir.resolve("batch-keys.csv");
        return Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
    }

    /** Every row of every batch record in {@code topic}, in log order, as a new consumer reads them. */
    private static List<Sample> readLog(String topic) {
        List<Sample> rows = new ArrayList<>();
        TopicPartition partition = new TopicPartition(topic, 0);
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(KafkaSettings.consumer(List.of(broker.bootstrap()), "test-reader"))) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    String type = Records.header(record.headers(), Records.TYPE);
                    if (type == null || type.equals(Records.BATCH)) {
                        rows.addAll(Records.decode(record.value()));
                    }
                }
            }
        } catch (Records.UnreadableRecordException e) {
            throw new AssertionError(e);
        }
        return rows;
    }

    private static List<String> brokerDisk() {
        try (Stream<Path> dirs = Files.list(broker.logDir())) {
            return dirs.map(dir -> dir.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Whether a directory of the broker's log dir still holds the partition {@code name} (deleted or not). */
    private static boolean brokerDiskHolds(String name) {
        try (Stream<Path> dirs = Files.list(broker.logDir())) {
            return dirs.anyMatch(dir -> dir.getFileName().toString().equals(name)
                    || dir.getFileName().toString().startsWith(name + "."));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
