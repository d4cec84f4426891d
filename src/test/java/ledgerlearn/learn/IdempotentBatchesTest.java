package ledgerlearn.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import ledgerlearn.model.Model;
import ledgerlearn.model.ModelOptions;
import ledgerlearn.sample.Column;
import ledgerlearn.sample.Sample;
import ledgerlearn.store.SampleStore;
import ledgerlearn.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A batch sent again with its idempotency key is stored once, and answered as it was the first time. */
final class IdempotentBatchesTest {
    private static final List<Sample> STREAM = Samples.stream(600, 5);

    @TempDir
    Path dir;

    @Test
    void aRetryStoresNothingAndGetsTheFirstAnswerReplayed() throws IOException {
        try (Learner learner = Learner.open(dir, true, ModelOptions.DEFAULT)) {
            assertEquals(new Learner.BatchResult(100, 100), learner.learn(STREAM.subList(0, 100), "chunk-0"));
            assertEquals(new Learner.BatchResult(50, 150), learner.learn(STREAM.subList(100, 150), "chunk-1"));
            byte[] stored = Files.readAllBytes(dir.resolve(SampleStore.FILE_NAME));
            long checksum = learner.checksum();

            assertEquals(new Learner.BatchResult(100, 100, true), learner.learn(STREAM.subList(0, 100), "chunk-0"));

            assertEquals(150, learner.samples());
            assertEquals(checksum, learner.checksum());
            assertTrue(java.util.Arrays.equals(stored, Files.readAllBytes(dir.resolve(SampleStore.FILE_NAME))));
        }
    }

    @Test
    void theSameKeyWithOtherRowsIsAConflictAndStoresNothing() throws IOException {
        try (Learner learner = Learner.open(dir, true, ModelOptions.DEFAULT)) {
            learner.learn(STREAM.subList(0, 10), "k");

            Learner.KeyConflictException e = assertThrows(Learner.KeyConflictException.class,
                    () -> learner.learn(STREAM.subList(0, 11), "k"));

            assertTrue(e.getMessage().contains("Idempotency-Key \"k\" was sent before with other rows"), e.getMessage());
            assertEquals(10, learner.samples());
        }
    }

    @Test
    void keysAreRecognisedAfterARestartWithAndWithoutASnapshot() throws IOException {
        try (Learner learner = Learner.open(dir, true, ModelOptions.DEFAULT, Model.DEFAULT_AUTO_BOOK_PRECISION, 250)) {
            for (int i = 0; i < 6; i++) {
                learner.learn(STREAM.subList(i * 100, (i + 1) * 100), "chunk-" + i);
            }
            learner.snapshotsWritten();
        }
        for (int restart = 0; restart < 2; restart++) {
            try (Learner restarted = Learner.open(dir, true, ModelOptions.DEFAULT, Model.DEFAULT_AUTO_BOOK_PRECISION, 0)) {
                assertTrue(restart == 0 ? restarted.restoredRows() > 0 : restarted.restoredRows() == 0);
                for (int i = 0; i < 6; i++) {
                    assertEquals(new Learner.BatchResult(100, (i + 1) * 100L, true),
                            restarted.learn(STREAM.subList(i * 100, (i + 1) * 100), "chunk-" + i));
                }
                assertEquals(600, restarted.samples());
            }
            ledgerlearn.snapshot.SnapshotFiles.deleteAll(dir);
        }
    }

    @Test
    void batchesWithTheSameKeyAtTheSameTimeAreStoredOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (Learner learner = Learner.open(dir, true, ModelOptions.DEFAULT)) {
            for (int round = 0; round < 5; round++) {
                List<Sample> batch = STREAM.subList(round * 100, round * 100 + 100);
                String key = "round " + round;
                List<Callable<Learner.BatchResult>> same = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    same.add(() -> learner.learn(batch, key));
                }
                List<Learner.BatchResult> results = new ArrayList<>();
                for (Future<Learner.BatchResult> result : pool.invokeAll(same)) {
                    results.add(result.get());
                }

                long total = (round + 1) * 100L;
                assertEquals(1, results.stream().filter(r -> !r.replayed()).count(), results.toString());
                assertTrue(results.stream().allMatch(r -> r.accepted() == 100 && r.total() == total), results.toString());
                assertEquals(total, learner.samples());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void afterADeletionAKeyWhoseRowsAreLeftStillReplaysItsFirstAnswer() throws IOException {
        List<Sample> mixed = STREAM.subList(0, 200);
        String gone = mixed.get(0).companyId();
        try (Learner learner = Learner.open(dir, true, ModelOptions.DEFAULT)) {
            learner.learn(mixed, "mixed");
            List<Sample> onlyGone = STREAM.subList(200, 400).stream().filter(s -> s.companyId().equals(gone)).toList();
            learner.learn(onlyGone, "only the deleted company");
            learner.deleteCompany(gone);

            assertEquals(new Learner.BatchResult(200, 200, true), learner.learn(mixed, "mixed"));
            long left = learner.samples();
            assertEquals(new Learner.BatchResult(onlyGone.size(), left + onlyGone.size()),
                    learner.learn(onlyGone, "only the deleted company"), "its key went with its rows");
        }
    }

    @Test
    void digestTellsBatchesApartEvenWhenTheirValuesRunTogether() {
        Sample a = Samples.sample("int:a", "1", "ab");
        Sample b = Samples.sample("int:a", "1", "a");
        assertEquals(Learner.digest(List.of(a)), Learner.digest(List.of(Samples.sample("int:a", "1", "ab"))));
        assertTrue(!Learner.digest(List.of(a)).equals(Learner.digest(List.of(b))));
        assertTrue(!Learner.digest(List.of(a, b)).equals(Learner.digest(List.of(b, a))));
        assertEquals(32, Learner.digest(List.of(a)).length());
    }

    @Test
    void digestIsTheSha256OfEveryValueLengthPrefixedSoKeysStoredByEarlierVersionsStillMatch() throws Exception {
        // values long and short, so that the digest's buffer fills up within and between values
        List<Sample> batch = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            batch.add(Samples.sample("int:c" + i, String.valueOf(i), "str:x".repeat(i % 7 == 0 ? 2_000 : 1) + " æ" + i));
        }
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (Sample sample : batch) {
            for (Column column : Column.ALL) {
                byte[] value = sample.value(column).getBytes(StandardCharsets.UTF_8);
                sha.update(ByteBuffer.allocate(4).putInt(value.length).array());
                sha.update(value);
            }
        }
        String expected = HexFormat.of().formatHex(sha.digest(), 0, 16);

        assertEquals(expected, Learner.digest(batch));
    }
}
