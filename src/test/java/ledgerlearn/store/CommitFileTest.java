package ledgerlearn.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class CommitFileTest {
    private static final UUID BOOT = UUID.fromString("574ae205-8f4b-418e-9b46-c566664e4763");

    @TempDir
    Path dir;

    @Test
    void readsBackTheLastLengthWrittenDuringTheSameBoot() throws IOException {
        try (CommitFile commits = CommitFile.open(dir, disk(BOOT))) {
            assertEquals(-1, commits.read(), "a new file holds no record");
            commits.write(123);
            commits.write(456_789_012_345L);
            assertEquals(456_789_012_345L, commits.read());
        }
        try (CommitFile commits = CommitFile.open(dir, disk(BOOT))) {
            assertEquals(456_789_012_345L, commits.read());
        }
    }

    @Test
    void distrustsARecordFromAnEarlierBoot() throws IOException {
        try (CommitFile commits = CommitFile.open(dir, disk(BOOT))) {
            commits.write(123);
        }
        // it may never have reached the disk in full before the machine went down
        try (CommitFile commits = CommitFile.open(dir, disk(UUID.randomUUID()))) {
            assertEquals(-1, commits.read());
        }
    }

    @Test
    void withoutABootIdTheRecordIsAlwaysTrusted() throws IOException {
        try (CommitFile commits = CommitFile.open(dir, disk(null))) {
            commits.write(77);
            commits.force();
        }
        try (CommitFile commits = CommitFile.open(dir, disk(null))) {
            assertEquals(77, commits.read());
        }
    }

    @Test
    void ignoresADamagedRecord() throws IOException {
        try (CommitFile commits = CommitFile.open(dir, disk(BOOT))) {
            commits.write(123);
        }
        byte[] bytes = Files.readAllBytes(dir.resolve(CommitFile.FILE_NAME));
        bytes[6] ^= 1;
        Files.write(dir.resolve(CommitFile.FILE_NAME), bytes);

        try (CommitFile commits = CommitFile.open(dir, disk(BOOT))) {
            assertEquals(-1, commits.read());
        }
    }

    @Test
    void readsBackALengthOfZero() throws IOException {
        try (CommitFile commits = CommitFile.open(dir, disk(BOOT))) {
            commits.write(0);
            assertEquals(0, commits.read());
        }
    }

    @Test
    void forcesTheRecordOnlyWhereThereIsNoBootIdToDateIt() throws IOException {
        RecordingDisk withoutBoot = new RecordingDisk();
        try (CommitFile commits = CommitFile.open(dir, withoutBoot.disk(null))) {
            commits.write(77);
            commits.force();
        }
        RecordingDisk withBoot = new RecordingDisk();
        try (CommitFile commits = CommitFile.open(dir, withBoot.disk(BOOT))) {
            commits.write(78);
            commits.force();
        }

        assertEquals(List.of("open", "write 0 32", "force", "close"), withoutBoot.eventsOf(CommitFile.FILE_NAME));
        assertEquals(List.of("open", "write 0 32", "close"), withBoot.eventsOf(CommitFile.FILE_NAME));
    }

    @Test
    void knowsWhetherItCreatedTheFile() throws IOException {
        try (CommitFile commits = CommitFile.open(dir, disk(BOOT))) {
            assertTrue(commits.created());
        }
        try (CommitFile commits = CommitFile.open(dir, disk(BOOT))) {
            assertFalse(commits.created());
        }
    }

    @Test
    void datesRecordsWithTheKernelsBootIdWhereThereIsOne() throws IOException {
        Path bootId = Path.of("/proc/sys/kernel/random/boot_id");
        UUID expected = Files.isReadable(bootId) ? UUID.fromString(Files.readString(bootId).strip()) : null;

        assertEquals(expected, CommitFile.currentBoot());
    }

    private static Disk disk(UUID boot) {
        return new Disk(FileChannel::open, boot);
    }
}
