package ledgerlearn.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store that cannot open leaves nothing open behind it: its files are closed and the data dir is free again. */
final class StoreOpenFailureTest {

    @TempDir
    Path dir;

    @Test
    void aRefusedOpenClosesItsFilesAndFreesTheDataDir() throws IOException {
        Files.writeString(dir.resolve(SampleStore.FILE_NAME), "id,name\n1,x\n");
        RecordingDisk recording = new RecordingDisk();

        assertThrows(IOException.class, () -> SampleStore.open(dir, true, row -> {}, recording.disk(null)));

        assertClosed(recording, SampleStore.FILE_NAME, CommitFile.FILE_NAME, DataDirLock.FILE_NAME);
        assertFree(dir);
    }

    @Test
    void aFileThatFailsToCloseIsReportedBesideTheReasonTheOpenFailed() throws IOException {
        Files.writeString(dir.resolve(SampleStore.FILE_NAME), "id,name\n1,x\n");
        RecordingDisk recording = new RecordingDisk().failingToClose(path -> path.endsWith(SampleStore.FILE_NAME));

        IOException e = assertThrows(IOException.class, () -> SampleStore.open(dir, true, row -> {}, recording.disk(null)));

        assertTrue(e.getMessage().contains("not a sample store"), e.getMessage());
        assertEquals(1, e.getSuppressed().length);
        assertEquals("samples.csv: Input/output error on close", e.getSuppressed()[0].getMessage());
        assertClosed(recording, CommitFile.FILE_NAME, DataDirLock.FILE_NAME);
        assertFree(dir);
    }

    @Test
    void aDirectoryThatCannotBeForcedFailsTheOpenAndFreesTheDataDir() throws IOException {
        assumeFalse(System.getProperty("os.name", "").startsWith("Windows"), "Windows cannot force a directory");
        Path data = dir.resolve("data");
        RecordingDisk recording = new RecordingDisk().refusingToOpen(path -> path.equals(data));

        IOException e = assertThrows(IOException.class, () -> SampleStore.open(data, true, row -> {}, recording.disk(null)));

        assertEquals(data + ": Permission denied", e.getMessage());
        assertClosed(recording, SampleStore.FILE_NAME, CommitFile.FILE_NAME, DataDirLock.FILE_NAME);
        assertFree(data);
    }

    @Test
    void aReplayThatRunsOutOfHeapClosesItsFilesAndFreesTheDataDir() throws IOException {
        try (SampleStore store = SampleStore.open(dir, true, row -> {})) {
            store.sync(store.append(List.of(SampleStoreTest.row(0), SampleStoreTest.row(1))));
        }
        RecordingDisk recording = new RecordingDisk();

        assertThrows(OutOfMemoryError.class, () -> SampleStore.open(dir, true, row -> {
            throw new OutOfMemoryError("a learner larger than the heap");
        }, recording.disk(null)));

        assertClosed(recording, SampleStore.FILE_NAME, CommitFile.FILE_NAME, DataDirLock.FILE_NAME);
        assertFree(dir);
    }

    @Test
    void aLockThatCannotBeTakenClosesTheLockFile() {
        RecordingDisk recording = new RecordingDisk().failingToLock();

        IOException e = assertThrows(IOException.class, () -> SampleStore.open(dir, true, row -> {}, recording.disk(null)));

        assertEquals("ledgerlearn.lock: No locks available", e.getMessage());
        assertEquals(List.of("open ledgerlearn.lock", "close ledgerlearn.lock"), recording.events());
    }

    @Test
    void aDataDirInUseClosesTheLockFileOfTheStoreItRefuses() throws IOException {
        try (SampleStore first = SampleStore.open(dir, true, row -> {})) {
            RecordingDisk recording = new RecordingDisk();

            IOException e = assertThrows(IOException.class, () -> SampleStore.open(dir, true, row -> {}, recording.disk(null)));

            assertTrue(e.getMessage().contains("is in use by another ledgerlearn server"), e.getMessage());
            assertEquals(List.of("open ledgerlearn.lock", "close ledgerlearn.lock"), recording.events());
        }
    }

    private static void assertClosed(RecordingDisk recording, String... names) {
        for (String name : names) {
            List<String> events = recording.eventsOf(name);
            assertEquals("close", events.get(events.size() - 1), name + ": " + events);
        }
    }

    /** Another store can take the directory: the failed one let go of its lock. */
    private static void assertFree(Path dir) throws IOException {
        try (DataDirLock lock = DataDirLock.acquire(dir, Disk.local())) {
            assertTrue(Files.exists(dir.resolve(DataDirLock.FILE_NAME)));
        }
    }
}
