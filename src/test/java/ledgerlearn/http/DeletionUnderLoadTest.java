package ledgerlearn.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eclipsesource.json.Json;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import ledgerlearn.sample.Sample;
import ledgerlearn.testing.Batch;
import ledgerlearn.testing.BatchWriters;
import ledgerlearn.testing.FromScratch;
import ledgerlearn.testing.Samples;
import ledgerlearn.testing.StoreAudit;
import ledgerlearn.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * A company deleted while writers post batches and readers predict: every batch is stored whole, the deleted
 * company's rows are gone, the store is what a server fed its rows in order would hold, and readers never fail.
 */
final class DeletionUnderLoadTest {
    private static final String GONE = "int:44fa489";
    private static final int PRELOADED = 40;
    private static final int WRITERS = 4;
    private static final int BATCHES_PER_WRITER = 25;

    @Test
    void deletionAmidWritersAndReadersLeavesWholeBatchesAndAFromScratchStore() throws Exception {
        try (TestServer server = TestServer.start()) {
            Set<Integer> goneBatches = new HashSet<>();
            for (int id = 0; id < PRELOADED; id++) {
                Batch batch = preloaded(id);
                if (batch.samples().get(0).companyId().equals(GONE)) {
                    goneBatches.add(id);
                }
                assertEquals(200, server.post("/sample", batch.body()).statusCode());
            }
            long goneRows = goneBatches.stream().mapToLong(id -> preloaded(id).size()).sum();
            AtomicBoolean running = new AtomicBoolean(true);
            Queue<String> readerErrors = new ConcurrentLinkedQueue<>();
            AtomicInteger reads = new AtomicInteger();
            List<Thread> readers = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                List<String> paths = List.of("/predict?top=5&detail=true", "/metrics/100", "/stats", "/health");
                String query = Samples.query(Samples.stream(4, r).get(r));
                readers.add(new Thread(() -> ConcurrentBatchesTest.read(server, paths, query, running, reads, readerErrors), "reader-" + r));
            }
            readers.forEach(Thread::start);
            BatchWriters writers = BatchWriters.start(server, WRITERS, BATCHES_PER_WRITER, new AtomicInteger(PRELOADED),
                    DeletionUnderLoadTest::written);
            assertTrue(writers.awaitAcks(10, 60), "writers got going: " + writers.failed());

            HttpResponse<String> deleted = server.send(HttpRequest.newBuilder(server.uri("/companies/" + GONE)).DELETE());
            int acksAtDeletion = writers.acks().size();

            writers.join(120);
            running.set(false);
            for (Thread reader : readers) {
                reader.join();
            }
            assertEquals(200, deleted.statusCode(), deleted.body());
            assertEquals(goneRows, Json.parse(deleted.body()).asObject().getLong("deleted", -1));
            assertEquals(Map.of(), writers.failed());
            assertEquals(Map.of(), writers.refused());
            assertEquals(List.of(), List.copyOf(readerErrors));

            StoreAudit audit = StoreAudit.of(server.dataDir());
            Set<Integer> expected = new HashSet<>(writers.acks().keySet());
            for (int id = 0; id < PRELOADED; id++) {
                if (!goneBatches.contains(id)) {
                    expected.add(id);
                }
            }
            assertEquals(expected, audit.batches(), "every batch but the deleted company's, each whole");
            assertTrue(audit.rows().stream().noneMatch(row -> row.sample().companyId().equals(GONE)));
            assertEquals(audit.rows().size(), server.samples());
            try (FromScratch scratch = FromScratch.learn(audit.rows())) {
                assertArrayEquals(scratch.storeBytes(), audit.recoveredBytes(), "a store of the rows as a fresh server makes it");
                scratch.assertSameAnswers(server, List.of(Samples.query(Samples.stream(1, 9).get(0)), "{}"));
            }
            System.out.printf("reliability: a company (%d batches, %d rows) deleted while %d writers posted %d batches"
                            + " (%d acknowledged before the deletion answered) and readers made %d requests: every batch"
                            + " whole, the store equal to a from-scratch one of its rows, 0 reader errors%n",
                    goneBatches.size(), goneRows, WRITERS, WRITERS * BATCHES_PER_WRITER, acksAtDeletion, reads.get());
        }
    }

    /** A batch of one company's rows, so that deleting a company deletes whole batches. */
    private static Batch preloaded(int id) {
        Random random = new Random(id * 7919L);
        String company = List.of("int:a055470", GONE, "int:c34046f").get(id % 3);
        List<Sample> rows = Samples.stream(50 + random.nextInt(200), random.nextLong()).stream()
                .map(s -> new Sample("", company, s.date(), s.text(), s.amount(), s.accountName(), s.accountNumber(),
                        s.accountTypeName()))
                .toList();
        return Batch.of(id, rows);
    }

    /** A batch the writers post: rows of the companies that stay. */
    private static Batch written(int id) {
        Random random = new Random(id);
        List<Sample> rows = Samples.stream(1 + random.nextInt(150), random.nextLong()).stream()
                .filter(s -> !s.companyId().equals(GONE))
                .toList();
        return Batch.of(id, rows.isEmpty() ? List.of(Samples.sample("int:a055470", "1", "str:x")) : rows);
    }
}
