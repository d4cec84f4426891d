package ledgerlearn.http;

import static ledgerlearn.http.ErrorResponsesTest.assertJsonError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.logging.Level;
import java.util.stream.Stream;
import ledgerlearn.cli.ServerOptions;
import ledgerlearn.learn.Learner;
import ledgerlearn.testing.CapturedLog;
import ledgerlearn.testing.Samples;
import ledgerlearn.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * {@code rm -rf} of the data dir under a running server: it stops acknowledging batches, says so loudly
 * (an ERROR line, /health, /readyz), and a second server on the recreated dir does not meet a first one
 * still appending to a file nobody can see.
 */
final class DataDirDeletedTest {

    @Test
    void aDeletedDataDirStopsAcknowledgementsLoudlyAndASecondServerTakesTheNewOne() throws Exception {
        try (TestServer server = TestServer.start(); CapturedLog log = CapturedLog.of("ledgerlearn")) {
            assertEquals(200, server.post("/sample", Samples.body(Samples.stream(20, 1))).statusCode());

            deleteRecursively(server.dataDir());

            assertJsonError(server.post("/sample", Samples.body(Samples.stream(5, 2))), 503,
                    "server cannot store samples: data dir changed under the server: " + server.storeFile() + " is gone");
            JsonObject store = Json.parse(server.get("/health").body()).asObject().get("store").asObject();
            assertEquals("lost", store.getString("status", ""));
            assertEquals(503, server.get("/readyz").statusCode());
            assertTrue(log.records().stream().anyMatch(r -> r.getLevel() == Level.SEVERE
                    && r.getMessage().contains("data dir changed under the server")), log.messages().toString());

            // a second server on the recreated directory is the store's only writer
            Files.createDirectories(server.dataDir());
            ServerOptions options = ServerOptions.throwaway(server.dataDir());
            try (Learner second = Learner.open(server.dataDir(), true, options.model(), options.autoBookPrecision())) {
                second.learn(Samples.stream(5, 3));
                assertEquals(503, server.post("/sample", Samples.body(Samples.stream(5, 4))).statusCode());
                assertEquals(5, second.samples());
            }
            System.out.println("reliability: data dir deleted under a running server: the next batch refused (503),"
                    + " an ERROR line, /health lost and /readyz 503; a second server on the recreated dir took batches alone");
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
