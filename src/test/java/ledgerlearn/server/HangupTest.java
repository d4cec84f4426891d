package ledgerlearn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import ledgerlearn.testing.ForkedServer;
import ledgerlearn.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGHUP (the terminal went away) is a graceful stop, as SIGTERM is: exit 0, and a snapshot to start from. */
final class HangupTest {
    @TempDir
    Path dataDir;

    @Test
    void sighupStopsTheServerGracefullyWithASnapshot() throws Exception {
        try (ForkedServer server = ForkedServer.start(dataDir)) {
            assertEquals(200, server.post("/sample", Samples.body(Samples.stream(50, 1))).statusCode());

            Process kill = new ProcessBuilder("kill", "-s", "HUP", String.valueOf(server.pid())).inheritIO().start();
            assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0);

            // it stops by itself; terminate() then only reads the exit code of a process already gone
            ProcessHandle.of(server.pid()).ifPresent(process -> process.onExit().orTimeout(60, TimeUnit.SECONDS).join());
            assertEquals(0, server.terminate(), "SIGHUP is a graceful stop, not the JVM's exit 129:\n" + server.log());
            assertTrue(hasSnapshot(), "a graceful stop writes a snapshot:\n" + server.log());
        }
    }

    private boolean hasSnapshot() throws IOException {
        try (Stream<Path> files = Files.list(dataDir)) {
            return files.anyMatch(file -> file.getFileName().toString().startsWith("snapshot-"));
        }
    }
}
