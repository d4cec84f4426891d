package ledgerlearn.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import ledgerlearn.sample.StoredSample;
import ledgerlearn.snapshot.SnapshotFiles;
import ledgerlearn.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store's position, as a snapshot records it: which stores hold it, and a start that replays only what follows. */
final class StoreResumeTest {
    @TempDir
    Path dir;

    private static List<StoredSample> rows(int from, int to) {
        return Samples.stream(to, 7).subList(from, to).stream().map(sample -> new StoredSample(sample, "6700")).toList();
    }

    @Test
    void aStoreHoldsEachOfItsEarlierPositionsAndNoOther() throws IOException {
        SnapshotFiles.Position empty;
        SnapshotFiles.Position first;
        SnapshotFiles.Position second;
        try (SampleStore store = SampleStore.open(dir, true, row -> {})) {
            empty = store.position();
            store.sync(store.append(rows(0, 300)));
            first = store.position();
            store.sync(store.append(rows(300, 310)));
            second = store.position();
        }
        assertEquals(new SnapshotFiles.Position(300, first.bytes(), first.tail()), first);
        assertEquals(310, second.rows());
        assertTrue(first.bytes() > 4096, "a tail checksum over the last 4096 bytes");

        for (SnapshotFiles.Position held : List.of(empty, first, second)) {
            assertTrue(SampleStore.matches(dir, held), held.toString());
        }
        List<SnapshotFiles.Position> foreign = List.of(
                new SnapshotFiles.Position(300, first.bytes(), first.tail() + 1),
                new SnapshotFiles.Position(300, first.bytes() + 1, first.tail()),
                new SnapshotFiles.Position(311, second.bytes() + 1, second.tail()),
                new SnapshotFiles.Position(0, empty.bytes() - 1, empty.tail()));
        for (SnapshotFiles.Position other : foreign) {
            assertFalse(SampleStore.matches(dir, other), other.toString());
        }
        assertFalse(SampleStore.matches(dir.resolve("none"), empty), "no store file");

        List<StoredSample> replayed = new ArrayList<>();
        try (SampleStore store = SampleStore.open(dir, true, first, replayed::add)) {
            assertEquals(rows(300, 310), replayed, "only the rows after the position");
            assertEquals(310, store.rows());
            assertEquals(second, store.position());
        }
        replayed.clear();
        try (SampleStore store = SampleStore.open(dir, true, empty, replayed::add)) {
            assertEquals(rows(0, 310), replayed, "a position at the header replays every row");
            assertEquals(310, store.rows());
        }
        replayed.clear();
        try (SampleStore store = SampleStore.open(dir, true, second, replayed::add)) {
            assertEquals(List.of(), replayed);
            assertEquals(second, store.position());
        }
        for (SnapshotFiles.Position other : foreign) {
            assertThrows(IOException.class, () -> SampleStore.open(dir, true, other, row -> {}).close(), other.toString());
        }
    }
}
