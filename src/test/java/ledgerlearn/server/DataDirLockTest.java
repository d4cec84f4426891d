package ledgerlearn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import ledgerlearn.testing.Samples;
import ledgerlearn.testing.ForkedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two server processes on one data dir would interleave their appends; the second one refuses to start. */
final class DataDirLockTest {
    @TempDir
    Path dataDir;

    @Test
    void secondServerOnTheSameDataDirExitsOneNamingTheDirAndTheFirstStaysUntouched() throws Exception {
        try (ForkedServer first = ForkedServer.start(dataDir)) {
            assertEquals(200, first.post("/sample", Samples.body(Samples.stream(5, 1))).statusCode());

            ForkedServer.Exit second = ForkedServer.runToExit(dataDir);

            assertEquals(1, second.code(), second.output());
            assertTrue(second.output().contains("data dir " + dataDir.toAbsolutePath() + " is in use by another"
                    + " ledgerlearn server (pid " + first.pid() + ")"), second.output());
            assertEquals(200, first.post("/sample", Samples.body(Samples.stream(5, 2))).statusCode());
        }
        // the lock dies with its process, however it dies (close() SIGKILLs it)
        try (ForkedServer again = ForkedServer.start(dataDir)) {
            assertEquals(10, again.samples());
        }
    }
}
