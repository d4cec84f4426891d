package ledgerlearn.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import ledgerlearn.sample.Sample;
import ledgerlearn.sample.StoredSample;
import ledgerlearn.testing.FullDisk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store on a disk that fills up or fails, recovering once it works again; and a data dir deleted under it. */
final class StoreRecoveryTest {
    @TempDir
    Path dir;

    @Test
    void afterAFailedForceTheUnacknowledgedBatchesAreCutAndNeverForcedLater() throws IOException {
        FullDisk disk = new FullDisk();
        try (SampleStore store = SampleStore.open(dir, true, row -> {}, disk.disk())) {
            store.sync(store.append(rows(0, 3)));
            long durable = store.bytes();
            long first = store.append(rows(3, 2));
            long second = store.append(rows(5, 2));
            disk.failForces();

            assertEquals("Input/output error", assertThrows(IOException.class, () -> store.sync(first)).getMessage());
            disk.free();
            // the force would succeed now, but what was written before it failed is not trusted to it
            assertThrows(IOException.class, () -> store.sync(second));

            store.cutToDurable();
            assertEquals(durable, store.bytes());
            assertEquals(durable, Files.size(store.file()));
            assertEquals(3, store.rows());
            assertThrows(IOException.class, () -> store.sync(second), "a batch that was cut is never acknowledged");
            assertThrows(IOException.class, () -> store.append(rows(7, 1)), "refused until resumed");

            store.probe();
            store.resume();
            assertNull(store.failure());
            store.sync(store.append(rows(7, 1)));
        }
        List<StoredSample> expected = new ArrayList<>(rows(0, 3));
        expected.addAll(rows(7, 1));
        assertEquals(expected, replay(dir));
    }

    @Test
    void aFullDiskFailsTheProbeUntilSpaceIsFreedThenTheStoreTakesBatchesAgain() throws IOException {
        FullDisk disk = new FullDisk();
        try (SampleStore store = SampleStore.open(dir, true, row -> {}, disk.disk())) {
            store.sync(store.append(rows(0, 2)));
            disk.fill();

            assertEquals("No space left on device", assertThrows(IOException.class, () -> store.append(rows(2, 2))).getMessage());
            assertEquals("write failed: No space left on device", store.failure());
            store.cutToDurable();
            assertThrows(IOException.class, store::probe);
            assertTrue(Files.notExists(dir.resolve(SampleStore.PROBE_NAME)), "no probe left behind");

            disk.free();
            store.probe();
            store.resume();
            store.sync(store.append(rows(4, 1)));
            assertEquals(3, store.rows());
        }
        List<StoredSample> expected = new ArrayList<>(rows(0, 2));
        expected.addAll(rows(4, 1));
        assertEquals(expected, replay(dir));
    }

    @Test
    void replayHandsEveryRowTheStoreHoldsInOrder() throws IOException {
        try (SampleStore store = SampleStore.open(dir, true, row -> {})) {
            store.sync(store.append(rows(0, 40)));
            store.append(rows(40, 3));
            List<StoredSample> replayed = new ArrayList<>();

            store.replay(replayed::add);

            assertEquals(rows(0, 43), replayed);
        }
    }

    @Test
    void noticesADataDirDeletedOrReplacedUnderIt() throws IOException {
        Path data = dir.resolve("data");
        try (SampleStore store = SampleStore.open(data, true, row -> {})) {
            store.checkIdentity();
            deleteRecursively(data);

            DataDirLostException gone = assertThrows(DataDirLostException.class, store::checkIdentity);
            assertTrue(gone.getMessage().contains(data.resolve(SampleStore.FILE_NAME) + " is gone"), gone.getMessage());

            Files.createDirectories(data);
            Files.writeString(data.resolve(SampleStore.FILE_NAME), "another store\n");
            DataDirLostException replaced = assertThrows(DataDirLostException.class, store::checkIdentity);
            assertTrue(replaced.getMessage().endsWith("is another file than the one this server opened"),
                    replaced.getMessage());
        }
    }

    private static List<StoredSample> rows(int from, int count) {
        return IntStream.range(from, from + count).mapToObj(i -> new StoredSample(new Sample(String.valueOf(i),
                "int:c" + (i % 3), "2016-01-0" + (1 + i % 9), "str:t" + i, "> -100", "n", "6" + (i % 4), ""),
                i == 0 ? "" : "6" + ((i + 1) % 4), i == 0 ? null : 0.5)).toList();
    }

    private static List<StoredSample> replay(Path dir) throws IOException {
        List<StoredSample> rows = new ArrayList<>();
        try (SampleStore store = SampleStore.open(dir, false, rows::add)) {
            return rows;
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
