package ledgerlearn.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import ledgerlearn.bench.LoadGenerator.LoadResult;
import ledgerlearn.testing.Samples;
import ledgerlearn.testing.TestServer;
import org.junit.jupiter.api.Test;

final class LoadGeneratorTest {

    @Test
    void everyConnectionGetsItsPredictionsAnsweredAndTimed() throws Exception {
        try (TestServer server = TestServer.start()) {
            InetSocketAddress address = learnt(server);
            LoadResult result = LoadGenerator.run(address, predictions(address), 3, Duration.ofMillis(300));
            assertEquals(0, result.failures(), result.firstFailure());
            assertEquals(3, result.connections());
            assertTrue(result.latencies().count() > 0);
            assertTrue(result.perSecond() > 0);
        }
    }

    @Test
    void countsAnswersOtherThan200AsFailuresWithTheFirstReason() throws Exception {
        try (TestServer server = TestServer.start()) {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.uri("/").getPort());
            // nothing learnt yet: every /predict is a 503
            LoadResult result = LoadGenerator.run(address, predictions(address), 1, Duration.ofMillis(100));
            assertTrue(result.failures() > 0);
            assertEquals(0, result.latencies().count());
            assertTrue(result.firstFailure().startsWith("HTTP 503"), result.firstFailure());
        }
    }

    @Test
    void aPacedLoadSendsAboutItsRate() throws Exception {
        try (TestServer server = TestServer.start()) {
            InetSocketAddress address = learnt(server);
            LoadGenerator load = new LoadGenerator(address, predictions(address), 2, 100);
            load.start();
            Thread.sleep(500);
            LoadResult result = load.stop();
            assertEquals(0, result.failures(), result.firstFailure());
            // each connection's first request leaves at once and is answered before stop() returns;
            // after that, pacing never gets ahead of the schedule
            long sent = result.latencies().count();
            assertTrue(sent >= 2, "requests: " + sent);
            assertTrue(sent <= 100 * result.seconds() + 2, "requests: " + sent + " in " + result.seconds() + " s");
        }
    }

    private static InetSocketAddress learnt(TestServer server) {
        assertEquals(200, server.post("/sample", Samples.body(Samples.stream(50, 7))).statusCode());
        return new InetSocketAddress("127.0.0.1", server.uri("/").getPort());
    }

    private static List<byte[]> predictions(InetSocketAddress address) {
        return Samples.stream(20, 8).stream()
                .map(s -> HttpConnection.request("POST", address, "/predict",
                        Samples.query(s).getBytes(StandardCharsets.UTF_8)))
                .toList();
    }
}
