package ledgerlearn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import ledgerlearn.cli.ServerOptions;
import ledgerlearn.testing.ForkedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warm-up feeds a throwaway server until its deadline and leaves nothing behind; the real server does
 * it before it listens. How much faster the first clients are served is measured by the bench, not here.
 */
final class WarmUpTest {

    @Test
    void feedsAThrowawayServerUntilTheDeadlineAndDeletesItsDataDir(@TempDir Path dir) throws Exception {
        List<Path> before = warmUpDirs();

        WarmUp.Result result = WarmUp.run(ServerOptions.throwaway(dir.resolve("real")), System.nanoTime() + 1_500_000_000L);

        assertTrue(result.requests() > 0 && result.samples() > 0, result.toString());
        assertTrue(result.seconds() < 15, "stops at its deadline, give or take a request: " + result);
        assertEquals(before, warmUpDirs(), "the throwaway data dir is deleted");
        assertTrue(Files.notExists(dir.resolve("real")), "the real data dir is not touched");
    }

    @Test
    void doesNothingWhenTheDeadlineLeavesTooLittleTime(@TempDir Path dir) {
        WarmUp.Result result = WarmUp.run(ServerOptions.throwaway(dir), System.nanoTime() + WarmUp.MINIMUM_NANOS / 2);

        assertEquals(new WarmUp.Result(0, 0, 0), result);
    }

    @Test
    void theServerWarmsUpBeforeItListensAndNotWhenToldNot(@TempDir Path dir) throws Exception {
        try (ForkedServer server = ForkedServer.start(dir.resolve("warm"), "--warm-up", "3")) {
            String log = server.log();
            assertTrue(log.indexOf("warmed up in ") >= 0 && log.indexOf("warmed up in ") < log.indexOf("listening on"), log);
            assertTrue(server.get("/health").body().contains("\"samples\":0"), "none of the warm-up's samples");
            assertTrue(!log.contains("snapshot"), "the throwaway server writes no snapshot to log about:\n" + log);
        }
        try (ForkedServer server = ForkedServer.start(dir.resolve("cold"), "--warm-up", "0")) {
            assertTrue(!server.log().contains("warmed up"), server.log());
        }
    }

    private static List<Path> warmUpDirs() throws Exception {
        try (Stream<Path> paths = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return paths.filter(path -> path.getFileName().toString().startsWith("ledgerlearn-warm-up-")).sorted().toList();
        }
    }
}
