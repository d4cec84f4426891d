package ledgerlearn.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eclipsesource.json.Json;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import ledgerlearn.sample.Sample;
import ledgerlearn.store.SampleStore;
import ledgerlearn.sample.StoredSample;
import ledgerlearn.testing.Batch;
import ledgerlearn.testing.BatchWriters;
import ledgerlearn.testing.FromScratch;
import ledgerlearn.testing.Samples;
import ledgerlearn.testing.ForkedServer;
import ledgerlearn.testing.StoreAudit;
import ledgerlearn.testing.StoreRows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server in its own JVM is SIGKILLed while writers stream batches to it, at points drawn from a
 * seeded schedule, and restarted on the same data dir each time.
 */
final class CrashRecoveryTest {
    private static final long SEED = 20_161_010L;
    private static final int KILLS = 5;
    private static final int WRITERS = 3;
    private static final int MAX_BATCH = 400;
    /** After this kill, the store gets the start of a batch that was never sent, as if the kill had cut its write. */
    private static final int INTERRUPTED_WRITE_AFTER_KILL = 2;

    @TempDir
    Path dataDir;

    @Test
    void everyAcknowledgedBatchSurvivesSigkillWholeAndTheModelEqualsAFromScratchReplay() throws Exception {
        Random schedule = new Random(SEED);
        AtomicInteger nextId = new AtomicInteger();
        Map<Integer, Long> acked = new HashMap<>();
        List<Integer> sent = new ArrayList<>();
        List<String> queries = queries();
        int unacknowledgedStored = 0;
        int restartsThatCut = 0;
        long bytesCut = 0;
        int answersCompared = 0;
        Batch interrupted = null;

        for (int round = 0; round <= KILLS; round++) {
            StoreAudit audit = round == 0 ? null : StoreAudit.of(dataDir);
            if (audit != null) {
                for (Map.Entry<Integer, Long> ack : acked.entrySet()) {
                    assertEquals(ack.getValue(), audit.endOf(ack.getKey()),
                            "batch " + ack.getKey() + " stored where its 200 said");
                }
                assertTrue(sent.containsAll(audit.batches()), "only batches that were sent are stored");
                unacknowledgedStored = (int) audit.batches().stream().filter(id -> !acked.containsKey(id)).count();
                if (interrupted != null) {
                    assertTrue(audit.bytesCut() > 0 && !audit.batches().contains(interrupted.id()),
                            "the interrupted write of batch " + interrupted.id() + " is cut");
                    interrupted = null;
                }
                restartsThatCut += audit.bytesCut() > 0 ? 1 : 0;
                bytesCut += audit.bytesCut();
            }
            // snapshots every few hundred rows, so that some kills land while one is being written
            try (ForkedServer server = ForkedServer.start(dataDir, "--threads", "4", "--snapshot-every", "300")) {
                if (audit != null) {
                    assertArrayEquals(audit.recoveredBytes(), Files.readAllBytes(dataDir.resolve(SampleStore.FILE_NAME)),
                            "the restarted server recovered the store as the audit did");
                    assertEquals(audit.rows().size(), server.samples());
                    try (FromScratch scratch = FromScratch.learn(audit.rows())) {
                        assertArrayEquals(scratch.storeBytes(), audit.recoveredBytes(),
                                "stored predictions equal those of a model trained from scratch");
                        answersCompared += scratch.assertSameAnswers(server, queries);
                    }
                }
                if (round == KILLS) {
                    Batch batch = batch(nextId.getAndIncrement());
                    HttpResponse<String> response = server.post("/sample", batch.body());
                    assertEquals(200, response.statusCode(), response.body());
                    assertEquals(audit.rows().size() + batch.size(),
                            Json.parse(response.body()).asObject().getLong("total", -1));
                    break;
                }
                int killAfter = 2 + schedule.nextInt(20);
                BatchWriters writers = BatchWriters.start(server, WRITERS, Integer.MAX_VALUE, nextId,
                        CrashRecoveryTest::batch);
                assertTrue(writers.awaitAcks(killAfter, 60), "writers got " + killAfter + " acks: " + writers.failed());
                server.kill();
                writers.join(60);
                assertEquals(Map.of(), writers.refused(), "nothing refused before the kill");
                acked.putAll(writers.acks());
                sent.addAll(writers.sent());
            }
            if (round + 1 == INTERRUPTED_WRITE_AFTER_KILL) {
                interrupted = Batch.of(nextId.getAndIncrement(), Samples.stream(50, round));
                byte[] rows = StoreRows.encode(interrupted.samples().stream().map(s -> new StoredSample(s, "")).toList());
                // whole lines of the batch, then half a line: what a kill inside its write can leave
                Files.write(dataDir.resolve(SampleStore.FILE_NAME), Arrays.copyOf(rows, rows.length * 2 / 3),
                        StandardOpenOption.APPEND);
            }
        }

        long ackedRows = acked.keySet().stream().mapToLong(id -> batch(id).size()).sum();
        System.out.printf("reliability: crash test survived %d SIGKILLs mid-stream (%d writers): %d acknowledged"
                        + " batches (%d rows) all stored whole where their 200 said, 0 lost; %d unacknowledged batches"
                        + " stored whole; %d restarts cut an unfinished tail (%d bytes, one write interrupted on"
                        + " purpose); 0 torn, partial or duplicated"
                        + " batches; %d answers equal to a from-scratch replay%n",
                KILLS, WRITERS, acked.size(), ackedRows, unacknowledgedStored, restartsThatCut, bytesCut,
                answersCompared);
    }

    /** Batch {@code id}: 1..{@value #MAX_BATCH} learnable rows, the same for the same id. */
    private static Batch batch(int id) {
        Random random = new Random(SEED * 31 + id);
        return Batch.of(id, Samples.stream(1 + random.nextInt(MAX_BATCH), random.nextLong()));
    }

    private static List<String> queries() {
        List<String> queries = new ArrayList<>();
        for (Sample sample : Samples.stream(8, SEED)) {
            queries.add(Samples.query(sample));
        }
        queries.add(Samples.query(Samples.sample("int:never-seen", "1", "str:unseen token")));
        queries.add("{}");
        return queries;
    }
}
