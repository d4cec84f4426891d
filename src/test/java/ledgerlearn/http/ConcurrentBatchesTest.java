package ledgerlearn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import ledgerlearn.testing.Batch;
import ledgerlearn.testing.BatchWriters;
import ledgerlearn.testing.Samples;
import ledgerlearn.testing.StoreAudit;
import ledgerlearn.testing.TestServer;
import org.junit.jupiter.api.Test;

/** Many writers and readers at once: every batch is stored whole, in one piece, where its answer says. */
final class ConcurrentBatchesTest {
    private static final int WRITERS = 8;
    private static final int BATCHES_PER_WRITER = 50;
    private static final int ROWS = 100;
    private static final int READERS = 4;

    @Test
    void eightWritersAndReadersAtOnceStoreEveryBatchWholeAtItsTotalAndReadersNeverFail() throws Exception {
        try (TestServer server = TestServer.start()) {
            // the first batch alone, so that readers find a model from the start
            assertEquals(200, server.post("/sample", batch(0).body()).statusCode());
            AtomicInteger nextId = new AtomicInteger(1);
            AtomicBoolean writing = new AtomicBoolean(true);
            Queue<String> readerErrors = new ConcurrentLinkedQueue<>();
            AtomicInteger reads = new AtomicInteger();
            List<Thread> readers = new ArrayList<>();
            for (int r = 0; r < READERS; r++) {
                List<String> paths = r % 2 == 0
                        ? List.of("/predict?top=3", "/predict")
                        : List.of("/metrics/100", "/metrics/1000?average=weighted", "/metrics/5?average=micro", "/health");
                String query = Samples.query(Samples.stream(r + 1, r).get(r));
                readers.add(new Thread(() -> read(server, paths, query, writing, reads, readerErrors), "reader-" + r));
            }
            readers.forEach(Thread::start);

            BatchWriters writers = BatchWriters.start(server, WRITERS, BATCHES_PER_WRITER, nextId,
                    ConcurrentBatchesTest::batch);
            writers.join(120);
            writing.set(false);
            for (Thread reader : readers) {
                reader.join();
            }

            assertEquals(Map.of(), writers.failed());
            assertEquals(Map.of(), writers.refused());
            assertEquals(List.of(), List.copyOf(readerErrors));
            int batches = WRITERS * BATCHES_PER_WRITER;
            long rows = (batches + 1L) * ROWS;
            assertEquals(rows, server.samples());

            StoreAudit audit = StoreAudit.of(server.dataDir());
            assertEquals(rows, audit.rows().size());
            assertEquals(0, audit.bytesCut());
            Set<Integer> all = IntStream.rangeClosed(0, batches).boxed().collect(Collectors.toSet());
            assertEquals(all, audit.batches());
            writers.acks().forEach((id, total) -> assertEquals(total, audit.endOf(id), "batch " + id));
            System.out.printf("reliability: %d concurrent writers posted %d batches of %d rows (%d rows stored, count"
                    + " exact) with %d /predict, /metrics and /health reads alongside: every batch whole and contiguous"
                    + " at its total, 0 interleaved lines, 0 reader errors%n", WRITERS, batches, ROWS, rows, reads.get());
        }
    }

    /** Asks {@code paths} in turn while {@code writing}; a failure or an answer other than a 200 is an error. */
    static void read(TestServer server, List<String> paths, String query, AtomicBoolean writing,
                             AtomicInteger reads, Queue<String> errors) {
        int i = 0;
        while (writing.get()) {
            String path = paths.get(i++ % paths.size());
            try {
                HttpResponse<String> response = path.startsWith("/predict") ? server.post(path, query) : server.get(path);
                if (response.statusCode() != 200 || response.body().contains("\"error\"")) {
                    errors.add(path + " → " + response.statusCode() + " " + response.body());
                }
                reads.incrementAndGet();
            } catch (RuntimeException e) {
                errors.add(path + " → " + e);
            }
        }
    }

    private static Batch batch(int id) {
        return Batch.of(id, Samples.stream(ROWS, new Random(id).nextLong()));
    }
}
