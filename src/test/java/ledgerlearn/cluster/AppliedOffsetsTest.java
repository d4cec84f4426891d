package ledgerlearn.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class AppliedOffsetsTest {
    @TempDir
    Path dir;

    @Test
    void aNewDataDirHasNoEntry() throws IOException {
        try (AppliedOffsets offsets = AppliedOffsets.open(dir, true)) {
            assertNull(offsets.last());
        }
    }

    @Test
    void theLastEntryWrittenIsTheOneReadBack() throws IOException {
        try (AppliedOffsets offsets = AppliedOffsets.open(dir, true)) {
            offsets.record("t", 0, 0, 0);
            offsets.record("t", 1, 3, 500);
            offsets.record("t.g1", 7, 7, 812);
        }
        try (AppliedOffsets offsets = AppliedOffsets.open(dir, false)) {
            assertEquals(new AppliedOffsets.Entry("t.g1", 7, 7, 812), offsets.last());
        }
    }

    @Test
    void aTornLastLineIsCutAndTheLineBeforeItCounts() throws IOException {
        try (AppliedOffsets offsets = AppliedOffsets.open(dir, true)) {
            offsets.record("t", 41, 41, 1000);
        }
        Files.writeString(dir.resolve(AppliedOffsets.FILE), "t 42 42 10", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (AppliedOffsets offsets = AppliedOffsets.open(dir, true)) {
            assertEquals(new AppliedOffsets.Entry("t", 41, 41, 1000), offsets.last());
            offsets.record("t", 42, 44, 1007);
        }
        assertEquals("t 41 41 1000\nt 42 44 1007\n", Files.readString(dir.resolve(AppliedOffsets.FILE)));
    }

    @Test
    void aLongFileIsCompactedToItsLastEntry() throws IOException {
        try (AppliedOffsets offsets = AppliedOffsets.open(dir, false)) {
            for (int i = 0; i < 80_000; i++) {
                offsets.record("topic", i, i, i * 10L);
            }
        }
        assertTrue(Files.size(dir.resolve(AppliedOffsets.FILE)) < 1 << 20);
        try (AppliedOffsets offsets = AppliedOffsets.open(dir, false)) {
            assertEquals(new AppliedOffsets.Entry("topic", 79_999, 79_999, 799_990), offsets.last());
        }
    }
}
