package ledgerlearn.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import ledgerlearn.metrics.Average;
import ledgerlearn.metrics.Scores;
import ledgerlearn.model.Model;
import ledgerlearn.model.ModelOptions;
import ledgerlearn.sample.Sample;
import ledgerlearn.testing.FullDisk;
import ledgerlearn.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A batch the store refuses (disk full, or an fsync that fails) is not learnt: by the time the refusal is
 * thrown the model, the metrics and the counts are those of the store; batches are refused until the disk
 * takes writes again, and then taken.
 */
final class StoreFailureTest {
    private static final List<Sample> STREAM = Samples.stream(600, 5);
    /** A batch of an account never booked before, for a company of its own: a model that learnt it says so. */
    private static final List<Sample> REFUSED = List.of(
            new Sample("", "int:refused", "2016-03-01", "str:refused", "> -1000", "str:x", "9999", ""),
            new Sample("", "int:refused", "2016-03-02", "str:refused", "> -1000", "str:x", "9999", ""));

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"write", "fsync"})
    void aBatchTheStoreRefusesIsNotLearntAndTheStoreIsTakenAgainOnceTheDiskWorks(String failure) throws Exception {
        FullDisk disk = new FullDisk();
        try (Learner learner = Learner.open(dir, true, ModelOptions.DEFAULT, Model.DEFAULT_AUTO_BOOK_PRECISION, disk.disk())) {
            learner.learn(STREAM.subList(0, 300));
            Snapshot before = Snapshot.of(learner);
            if (failure.equals("write")) {
                disk.fill();
            } else {
                disk.failForces();
            }

            Learner.StoreFailedException refused = assertThrows(Learner.StoreFailedException.class,
                    () -> learner.learn(REFUSED));

            assertTrue(refused.getMessage().startsWith("storage failure: the batch was not stored"), refused.getMessage());
            assertEquals(Learner.RETRY_AFTER_SECONDS, refused.retryAfterSeconds());
            assertEquals(before, Snapshot.of(learner), "model, metrics and counts are the store's");
            assertNotEquals("9999", learner.predict(REFUSED.get(0).transaction(), 1).get(0));
            assertEquals("failing", learner.storeHealth().status());
            assertTrue(learner.storeHealth().reason().contains(failure.equals("write") ? "No space left" : "Input/output"),
                    learner.storeHealth().reason());
            Learner.StoreFailedException whileFailing = assertThrows(Learner.StoreFailedException.class,
                    () -> learner.learn(STREAM.subList(300, 310)));
            assertTrue(whileFailing.getMessage().startsWith("server cannot store samples: "), whileFailing.getMessage());
            assertEquals(before, Snapshot.of(learner));

            disk.free();
            long waited = awaitHealthy(learner);
            learner.learn(STREAM.subList(300, 600));
            System.out.printf("reliability: %s failure: the refused batch was not learnt (model, metrics and counts"
                    + " equal to the store's before the 503), and the store took batches again %d ms after the disk"
                    + " was freed%n", failure, waited);
        }
        try (Learner restarted = Learner.open(dir, true, ModelOptions.DEFAULT);
             Learner fromScratch = Learner.open(dir.resolveSibling(dir.getFileName() + "-scratch"), false, ModelOptions.DEFAULT)) {
            fromScratch.learn(STREAM);
            assertEquals(STREAM.size(), restarted.samples());
            assertEquals(Snapshot.of(fromScratch), Snapshot.of(restarted), "the store holds exactly the batches taken");
        }
    }

    @Test
    void batchesThatWaitedBehindAFailedFsyncAreRefusedAndUnlearntToo() throws Exception {
        FullDisk disk = new FullDisk();
        try (Learner learner = Learner.open(dir, true, ModelOptions.DEFAULT, Model.DEFAULT_AUTO_BOOK_PRECISION, disk.disk())) {
            learner.learn(STREAM.subList(0, 100));
            Snapshot before = Snapshot.of(learner);
            disk.failForces();
            List<Thread> writers = new ArrayList<>();
            List<Throwable> outcomes = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int i = 0; i < 4; i++) {
                List<Sample> batch = STREAM.subList(100 + 50 * i, 150 + 50 * i);
                Thread writer = new Thread(() -> {
                    try {
                        learner.learn(batch);
                        outcomes.add(null);
                    } catch (Learner.StoreFailedException e) {
                        outcomes.add(e);
                    }
                });
                writers.add(writer);
                writer.start();
            }
            for (Thread writer : writers) {
                writer.join(60_000);
            }

            assertEquals(4, outcomes.size());
            assertTrue(outcomes.stream().allMatch(e -> e instanceof Learner.StoreFailedException), outcomes.toString());
            assertEquals(before, Snapshot.of(learner));
            assertEquals(100, learner.samples());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"write", "fsync"})
    void theKeyOfARefusedBatchIsForgottenSoItsRetryIsStoredNotAnsweredAsStored(String failure) throws Exception {
        FullDisk disk = new FullDisk();
        List<Sample> refused = STREAM.subList(100, 110);
        try (Learner learner = Learner.open(dir, true, ModelOptions.DEFAULT, Model.DEFAULT_AUTO_BOOK_PRECISION, disk.disk())) {
            // the key log exists: the refused batch's key line is written in it before its rows fail
            learner.learn(STREAM.subList(0, 100), "key-0");
            if (failure.equals("write")) {
                disk.fillBut("batch-keys.csv");
            } else {
                disk.failForces();
            }
            assertThrows(Learner.StoreFailedException.class, () -> learner.learn(refused, "key-1"));
            disk.free();
            awaitHealthy(learner);
            // other rows take the refused batch's place in the store: its key must not name them
            learner.learn(STREAM.subList(200, 210));

            Learner.BatchResult retried = learner.learn(refused, "key-1");

            assertFalse(retried.replayed(), "the refused batch was never stored");
            assertEquals(120, retried.total());
        }
        try (Learner restarted = Learner.open(dir, true, ModelOptions.DEFAULT)) {
            Learner.BatchResult again = restarted.learn(refused, "key-1");
            assertTrue(again.replayed());
            assertEquals(120, again.total());
            assertEquals(120, restarted.samples());
        }
    }

    private static long awaitHealthy(Learner learner) throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + TimeUnit.SECONDS.toNanos(30);
        while (!learner.storeHealth().ok()) {
            assertTrue(System.nanoTime() < deadline, "still " + learner.storeHealth());
            Thread.sleep(20);
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    /** What a learner answers: its counts, predictions for a few queries, and its metrics. */
    private record Snapshot(long samples, int classes, long scored, List<List<String>> predictions, List<Scores> scores,
                            Object byCompany) {
        static Snapshot of(Learner learner) {
            List<List<String>> predictions = new ArrayList<>();
            for (Sample sample : Samples.stream(40, 77)) {
                predictions.add(learner.predict(sample.transaction(), 3));
            }
            predictions.add(learner.predict(REFUSED.get(0).transaction(), 3));
            List<Scores> scores = new ArrayList<>();
            for (int n : new int[] {10, 1000}) {
                scores.add(learner.scores(n, Average.MACRO));
            }
            return new Snapshot(learner.samples(), learner.classes(), learner.scored(), predictions, scores,
                    new java.util.TreeMap<>(learner.samplesByCompany()));
        }
    }

    @Test
    void aClosedLearnerRefusesWithoutRetryAfter() throws IOException {
        Learner learner = Learner.open(dir, false, ModelOptions.DEFAULT);
        learner.close();
        Learner.StoreFailedException e = assertThrows(Learner.StoreFailedException.class, () -> learner.learn(REFUSED));
        assertEquals("server is shutting down", e.getMessage());
        assertFalse(e.retryAfterSeconds() > 0);
    }
}
