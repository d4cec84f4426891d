package ledgerlearn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eclipsesource.json.Json;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import ledgerlearn.testing.Batch;
import ledgerlearn.testing.BatchWriters;
import ledgerlearn.testing.Samples;
import ledgerlearn.testing.ForkedServer;
import ledgerlearn.testing.StoreAudit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM while writers stream batches: the server finishes what it took, refuses the rest, and exits 0. */
final class GracefulShutdownTest {
    private static final long SEED = 7_340_033L;
    private static final int STOPS = 3;
    private static final int WRITERS = 4;

    @TempDir
    Path dataDir;

    @Test
    void sigtermStoresAndAcknowledgesEachBatchInFlightOrNoneOfItAndExitsZero() throws Exception {
        Random schedule = new Random(SEED);
        AtomicInteger nextId = new AtomicInteger();
        int acknowledged = 0;
        int refused = 0;
        int unanswered = 0;
        for (int stop = 0; stop < STOPS; stop++) {
            BatchWriters writers;
            long before;
            try (ForkedServer server = ForkedServer.start(dataDir, "--threads", "4")) {
                before = server.samples();
                int stopAfter = 1 + schedule.nextInt(15);
                writers = BatchWriters.start(server, WRITERS, Integer.MAX_VALUE, nextId, GracefulShutdownTest::batch);
                assertTrue(writers.awaitAcks(stopAfter, 60), "writers got " + stopAfter + " acks: " + writers.failed());

                assertEquals(0, server.terminate(), server.log());
                writers.join(60);
                assertTrue(server.log().contains("stopped; store closed"), server.log());
            }

            StoreAudit audit = StoreAudit.of(dataDir);
            assertEquals(0, audit.bytesCut(), "a graceful stop leaves nothing to cut");
            Map<Integer, Long> acks = writers.acks();
            assertEquals(acks.keySet(), audit.batches().stream().filter(id -> !storedBefore(audit, id, before))
                    .collect(Collectors.toSet()), "stored this run ⇔ acknowledged");
            acks.forEach((id, total) -> assertEquals(total, audit.endOf(id), "batch " + id + " where its 200 said"));
            writers.refused().values().forEach(answer ->
                    assertTrue(answer.startsWith("503 ") && answer.contains("shutting down"), answer));
            acknowledged += acks.size();
            refused += writers.refused().size();
            unanswered += writers.failed().size();
        }

        try (ForkedServer server = ForkedServer.start(dataDir)) {
            long stored = server.samples();
            Batch batch = batch(nextId.getAndIncrement());
            HttpResponse<String> response = server.post("/sample", batch.body());
            assertEquals(200, response.statusCode(), response.body());
            assertEquals(stored + batch.size(), Json.parse(response.body()).asObject().getLong("total", -1));
        }
        System.out.printf("reliability: graceful shutdown, %d SIGTERMs under %d writers: exit 0 each time; %d batches"
                + " acknowledged and stored, %d refused with 503 and %d unanswered (none of those stored);"
                + " 0 stored without acknowledgement, 0 partial%n", STOPS, WRITERS, acknowledged, refused, unanswered);
    }

    /** Whether batch {@code id} ends within the first {@code rowsBefore} rows: stored by an earlier run. */
    private static boolean storedBefore(StoreAudit audit, int id, long rowsBefore) {
        return audit.endOf(id) <= rowsBefore;
    }

    private static Batch batch(int id) {
        Random random = new Random(SEED * 31 + id);
        return Batch.of(id, Samples.stream(1 + random.nextInt(300), random.nextLong()));
    }
}
