package ledgerlearn.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import ledgerlearn.sample.StoredSample;
import ledgerlearn.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What reaches the disk, and when, seen through channels that record every write and force: a batch
 * is forced (and then its commit record, where that must be forced) before {@code sync} returns, so
 * before the 200; nothing is forced with fsync off.
 */
final class StoreDurabilityTest {
    private static final UUID BOOT = UUID.fromString("574ae205-8f4b-418e-9b46-c566664e4763");

    @TempDir
    Path root;

    @Test
    void createsTheStoreFileAndItsDirectoryEntriesDurably() throws IOException {
        Path dir = root.resolve("data");
        RecordingDisk recording = new RecordingDisk();

        try (SampleStore store = SampleStore.open(dir, true, row -> {}, recording.disk(null))) {
            assertEquals(List.of("open", "write 0 " + store.bytes(), "force"), recording.eventsOf(SampleStore.FILE_NAME));
        }

        assertEquals(List.of("force samples.csv", "force data", "force samples.commit", "force data",
                "force samples.csv", "force samples.commit"), forces(recording),
                "the header, then the directory entry of the new file; the commit record, then its entry; then close");
    }

    @Test
    void syncForcesTheBatchThenItsCommitRecordAndOnlyThenReturns() throws IOException {
        RecordingDisk recording = new RecordingDisk();
        try (SampleStore store = SampleStore.open(root, true, row -> {}, recording.disk(null))) {
            long start = store.bytes();
            recording.clear();

            long end = store.append(rows(5));
            assertEquals(List.of("write samples.csv " + start + " " + (end - start), "write samples.commit 0 32"),
                    recording.events(), "appended, nothing forced yet");
            assertEquals(start, store.durableBytes());

            store.sync(end);

            assertEquals(List.of("force samples.csv", "force samples.commit"), forces(recording));
            assertEquals(end, store.durableBytes());
        }
    }

    @Test
    void whileTheMachineRunsTheCommitRecordNeedsNoForce() throws IOException {
        RecordingDisk recording = new RecordingDisk();
        try (SampleStore store = SampleStore.open(root, true, row -> {}, recording.disk(BOOT))) {
            recording.clear();

            store.sync(store.append(rows(3)));

            assertEquals(List.of("force samples.csv"), forces(recording));
        }
    }

    @Test
    void aSyncThatAnEarlierOneCoveredForcesNothing() throws IOException {
        RecordingDisk recording = new RecordingDisk();
        try (SampleStore store = SampleStore.open(root, true, row -> {}, recording.disk(BOOT))) {
            long first = store.append(rows(2));
            long second = store.append(rows(2));
            recording.clear();

            store.sync(second);
            store.sync(second);
            store.sync(first);

            assertEquals(List.of("force samples.csv"), forces(recording));
            assertEquals(1, store.syncDurations().count());
        }
    }

    @Test
    void timesEachGroupCommit() throws IOException {
        try (SampleStore store = SampleStore.open(root, true, row -> {}, new RecordingDisk().disk(BOOT))) {
            assertEquals(0, store.syncDurations().count());

            store.sync(store.append(rows(2)));
            store.sync(store.append(rows(2)));

            assertEquals(2, store.syncDurations().count());
            double seconds = store.syncDurations().sumSeconds();
            assertTrue(seconds >= 0 && seconds < 60, seconds + " s");
        }
    }

    @Test
    void closeForcesWhatWasAppendedButNotYetSyncedThenClosesEveryFile() throws IOException {
        RecordingDisk recording = new RecordingDisk();
        SampleStore store = SampleStore.open(root, true, row -> {}, recording.disk(null));
        long end = store.append(rows(4));
        recording.clear();

        store.close();

        assertEquals(List.of("force samples.csv", "force samples.commit", "close samples.csv", "close samples.commit",
                "close ledgerlearn.lock"), recording.events());
        assertEquals(end, store.durableBytes());
    }

    @Test
    void withoutFsyncNothingIsEverForcedAndEverythingCountsAsWritten() throws IOException {
        RecordingDisk recording = new RecordingDisk();
        try (SampleStore store = SampleStore.open(root.resolve("data"), false, row -> {}, recording.disk(null))) {
            long end = store.append(rows(3));
            assertEquals(end, store.durableBytes());
            store.sync(end);
            assertEquals(0, store.syncDurations().count());
        }
        Files.writeString(root.resolve("data").resolve(SampleStore.FILE_NAME), "torn", StandardOpenOption.APPEND);
        try (SampleStore store = SampleStore.open(root.resolve("data"), false, row -> {}, recording.disk(null))) {
            assertEquals(3, store.rows());
        }

        assertEquals(List.of(), forces(recording));
    }

    @Test
    void aCutTailIsForcedAwayBeforeTheStoreTakesMoreRows() throws IOException {
        long end;
        try (SampleStore store = SampleStore.open(root, true, row -> {})) {
            end = store.append(rows(3));
        }
        Files.writeString(root.resolve(SampleStore.FILE_NAME), "torn,row", StandardOpenOption.APPEND);
        RecordingDisk recording = new RecordingDisk();

        try (SampleStore store = SampleStore.open(root, true, row -> {}, recording.disk(BOOT))) {
            List<String> events = recording.eventsOf(SampleStore.FILE_NAME);
            assertEquals(List.of("open", "truncate " + end, "force"), events);
            assertEquals(end, store.bytes());
        }
    }

    @Test
    void writesEveryByteInItsPlaceWhenTheChannelTakesAFewAtATime() throws IOException {
        List<StoredSample> rows = rows(20);
        try (SampleStore store = SampleStore.open(root, true, row -> {}, new RecordingDisk().writingAtMost(7).disk(BOOT))) {
            store.sync(store.append(rows.subList(0, 10)));
            store.sync(store.append(rows.subList(10, 20)));
        }

        List<StoredSample> replayed = new ArrayList<>();
        try (SampleStore store = SampleStore.open(root, false, replayed::add)) {
            assertEquals(20, store.rows());
        }
        assertEquals(rows, replayed);
    }

    private static List<String> forces(RecordingDisk recording) {
        return recording.events().stream().filter(event -> event.startsWith("force ")).toList();
    }

    private static List<StoredSample> rows(int count) {
        return Samples.stream(count, count).stream().map(sample -> new StoredSample(sample, "6700")).toList();
    }
    @Test
    void aKeyedBatchIsForcedWithItsKeyBeforeSyncReturns() throws IOException {
        RecordingDisk recording = new RecordingDisk();
        try (SampleStore store = SampleStore.open(root, true, row -> {}, recording.disk(null))) {
            recording.clear();
            long end = store.append(rows(3), BatchKey.of("k", BatchKeysTest.DIGEST, 3, 3));
            List<String> appended = recording.events();
            store.sync(end);
            String dir = "open " + root.getFileName() + ", force " + root.getFileName() + ", close " + root.getFileName();
            assertEquals(String.join(", ", List.of("open batch-keys.csv", "truncate batch-keys.csv 0",
                    "write batch-keys.csv 0 55", "force batch-keys.csv", dir, "write batch-keys.csv 55 43",
                    "write samples.csv 141 248", "write samples.commit 0 32")), String.join(", ", appended),
                    "the new key log's header and directory entry forced; the key written before its rows");
            assertEquals(List.of("force samples.csv", "force batch-keys.csv", "force samples.commit"),
                    recording.events().subList(appended.size(), recording.events().size()));
        }
    }

    @Test
    void aRewriteForcesTheCopyAndItsKeysThenEachRenameThenTheCommitRecordBeforeItReturns() throws IOException {
        RecordingDisk recording = new RecordingDisk();
        try (SampleStore store = SampleStore.open(root, true, row -> {}, recording.disk(null))) {
            store.append(rows(3), BatchKey.of("k", BatchKeysTest.DIGEST, 3, 3));
            store.sync(store.append(rows(2)));
            recording.clear();
            int[] n = {0};
            store.rewrite(row -> ++n[0] == 2 ? null : row);
            String dir = "open " + root.getFileName() + ", force " + root.getFileName() + ", close " + root.getFileName();
            assertEquals(String.join(", ", List.of(
                    "open samples.csv, open samples.csv.rewrite, write samples.csv.rewrite 0 141",
                    "write samples.csv.rewrite 141 327, force samples.csv.rewrite, close samples.csv.rewrite",
                    "close samples.csv", // the copy, forced
                    "open batch-keys.csv.rewrite, write batch-keys.csv.rewrite 0 98, force batch-keys.csv.rewrite",
                    "close batch-keys.csv.rewrite", // the keys at their new rows, forced
                    dir, // both new files' directory entries
                    "close samples.commit, close samples.csv", dir, // the new store renamed in place
                    "close batch-keys.csv", dir, // the new key log
                    "open batch-keys.csv, open samples.csv, open samples.commit",
                    "write samples.commit 0 32, force samples.commit", dir)), // the new commit record
                    String.join(", ", recording.events()));
        }
    }
    @Test
    void compactedKeysAreForcedAndRenamedDurablyAndCloseForcesTheKeyLog() throws IOException {
        RecordingDisk recording = new RecordingDisk();
        SampleStore store = SampleStore.open(root, true, row -> {}, recording.disk(null));
        store.append(rows(3), BatchKey.of("k", BatchKeysTest.DIGEST, 3, 3));
        store.sync(store.append(rows(2), BatchKey.of("j", BatchKeysTest.DIGEST, 2, 5)));
        recording.clear();
        store.compactKeys(store.keys().subList(1, 2));
        List<String> compacted = recording.events();
        store.append(rows(1), BatchKey.of("i", BatchKeysTest.DIGEST, 1, 6));
        recording.clear();
        store.close();

        String dir = "open " + root.getFileName() + ", force " + root.getFileName() + ", close " + root.getFileName();
        assertEquals(String.join(", ", List.of("open batch-keys.csv.compact", "write batch-keys.csv.compact 0 98",
                "force batch-keys.csv.compact", "close batch-keys.csv.compact", dir, "close batch-keys.csv",
                "open batch-keys.csv")), String.join(", ", compacted), "the kept keys forced, then renamed in place durably");
        assertEquals(List.of("force samples.csv", "force batch-keys.csv", "force samples.commit", "close batch-keys.csv",
                "close samples.csv", "close samples.commit", "close ledgerlearn.lock"), recording.events(),
                "the last batch and its key forced, then every file closed");
    }
    @Test
    void resumingForcesTheStoreItsKeysAndItsCommitRecordAndTheProbeReachesTheDisk() throws IOException {
        RecordingDisk recording = new RecordingDisk();
        try (SampleStore store = SampleStore.open(root, true, row -> {}, recording.disk(null))) {
            store.sync(store.append(rows(3), BatchKey.of("k", BatchKeysTest.DIGEST, 3, 3)));
            recording.clear();
            store.cutToDurable();
            List<String> cut = recording.events();
            recording.clear();
            store.probe();
            List<String> probed = recording.events();
            recording.clear();
            store.resume();

            assertEquals(List.of("write samples.commit 0 32"), cut, "nothing to cut: the commit record rewritten");
            assertEquals(List.of("open ledgerlearn.probe", "write ledgerlearn.probe 0 1048576", "force ledgerlearn.probe",
                    "close ledgerlearn.probe"), probed, "a big batch's worth, forced");
            assertEquals(List.of("write samples.commit 0 32", "force samples.csv", "force samples.commit"),
                    recording.events(), "the store and its commit record forced again (the key log holds nothing unforced)");
        }
    }
}
