package ledgerlearn.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class CommitFileTest {
    private static final UUID BOOT = UUID.fromString("574ae205-8f4b-418e-9b46-c566664e4763");

    @TempDir
    Path dir;

    @Test
    void readsBackTheLastLengthWrittenDuringTheSameBoot() throws IOException {
        try (CommitFile commits = CommitFile.open(dir, BOOT)) {
            assertEquals(-1, commits.read(), "a new file holds no record");
            commits.write(123);
            commits.write(456_789_012_345L);
            assertEquals(456_789_012_345L, commits.read());
        }
        try (CommitFile commits = CommitFile.open(dir, BOOT)) {
            assertEquals(456_789_012_345L, commits.read());
        }
    }

    @Test
    void distrustsARecordFromAnEarlierBoot() throws IOException {
        try (CommitFile commits = CommitFile.open(dir, BOOT)) {
            commits.write(123);
        }
        // it may never have reached the disk in full before the machine went down
        try (CommitFile commits = CommitFile.open(dir, UUID.randomUUID())) {
            assertEquals(-1, commits.read());
        }
    }

    @Test
    void withoutABootIdTheRecordIsAlwaysTrusted() throws IOException {
        try (CommitFile commits = CommitFile.open(dir, null)) {
            commits.write(77);
            commits.force();
        }
        try (CommitFile commits = CommitFile.open(dir, null)) {
            assertEquals(77, commits.read());
        }
    }

    @Test
    void ignoresADamagedRecord() throws IOException {
        try (CommitFile commits = CommitFile.open(dir, BOOT)) {
            commits.write(123);
        }
        byte[] bytes = Files.readAllBytes(dir.resolve(CommitFile.FILE_NAME));
        bytes[6] ^= 1;
        Files.write(dir.resolve(CommitFile.FILE_NAME), bytes);

        try (CommitFile commits = CommitFile.open(dir, BOOT)) {
            assertEquals(-1, commits.read());
        }
    }
}
