package ledgerlearn.http;

import static ledgerlearn.http.ErrorResponsesTest.assertJsonError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eclipsesource.json.Json;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import ledgerlearn.sample.Sample;
import ledgerlearn.testing.ForkedServer;
import ledgerlearn.testing.HttpTarget;
import ledgerlearn.testing.RawHttp;
import ledgerlearn.testing.Samples;
import ledgerlearn.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POST /sample with an Idempotency-Key: stored once, answered the same, across restarts and concurrent retries. */
final class IdempotencyKeyTest {
    private static final List<Sample> STREAM = Samples.stream(400, 17);

    @Test
    void aRetryGetsTheFirstAnswerWithReplayedAndStoresNothing() throws Exception {
        try (TestServer server = TestServer.start()) {
            String first = post(server, "chunk 0", STREAM.subList(0, 100)).body();
            post(server, "chunk 1", STREAM.subList(100, 150));
            byte[] stored = Files.readAllBytes(server.storeFile());

            HttpResponse<String> retry = post(server, "chunk 0", STREAM.subList(0, 100));

            assertEquals("{\"accepted\":100,\"total\":100}", first);
            assertEquals(200, retry.statusCode());
            assertEquals("{\"accepted\":100,\"total\":100,\"replayed\":true}", retry.body());
            assertArrayEquals(stored, Files.readAllBytes(server.storeFile()));
        }
    }

    @Test
    void keysAreRecognisedAfterARestart() throws Exception {
        try (TestServer server = TestServer.start()) {
            post(server, "chunk 0", STREAM.subList(0, 100));
            server.restart();

            assertEquals("{\"accepted\":100,\"total\":100,\"replayed\":true}",
                    post(server, "chunk 0", STREAM.subList(0, 100)).body());
            assertEquals(100, server.samples());
        }
    }

    @Test
    void aKeyIsRecognisedAfterASigkillRightAfterItsAnswer(@TempDir Path dataDir) throws Exception {
        try (ForkedServer server = ForkedServer.start(dataDir)) {
            assertEquals(200, post(server, "chunk 0", STREAM.subList(0, 100)).statusCode());
            HttpResponse<String> answered = post(server, "chunk 1", STREAM.subList(100, 300));
            server.kill();
            assertEquals("{\"accepted\":200,\"total\":300}", answered.body());
        }
        try (ForkedServer restarted = ForkedServer.start(dataDir)) {
            assertEquals("{\"accepted\":200,\"total\":300,\"replayed\":true}",
                    post(restarted, "chunk 1", STREAM.subList(100, 300)).body());
            assertEquals(300, restarted.samples());
        }
    }

    @Test
    void theSameKeyWithAnotherBodyIs409AndStoresNothing() throws Exception {
        try (TestServer server = TestServer.start()) {
            post(server, "chunk 0", STREAM.subList(0, 100));

            assertJsonError(post(server, "chunk 0", STREAM.subList(0, 99)), 409,
                    "Idempotency-Key \"chunk 0\" was sent before with other rows (a batch of 100); nothing was stored");
            assertEquals(100, server.samples());
        }
    }

    @Test
    void concurrentRequestsWithTheSameKeyStoreTheBatchOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try (TestServer server = TestServer.start()) {
            for (int round = 0; round < 4; round++) {
                List<Sample> batch = STREAM.subList(round * 100, round * 100 + 100);
                String key = "round-" + round;
                List<Callable<HttpResponse<String>>> same = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    same.add(() -> post(server, key, batch));
                }
                int replayed = 0;
                for (Future<HttpResponse<String>> response : pool.invokeAll(same)) {
                    assertEquals(200, response.get().statusCode(), response.get().body());
                    assertEquals((round + 1) * 100L, Json.parse(response.get().body()).asObject().getLong("total", -1));
                    replayed += response.get().body().contains("\"replayed\":true") ? 1 : 0;
                }
                assertEquals(5, replayed);
                assertEquals((round + 1) * 100L, server.samples());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aKeyMustBePrintableAsciiOfAtMost128CharactersAndGivenOnce() throws Exception {
        try (TestServer server = TestServer.start()) {
            List<Sample> batch = STREAM.subList(0, 1);
            assertJsonError(post(server, "k".repeat(129), batch), 400, "Idempotency-Key must be 1..128 printable ASCII");
            assertJsonError(post(server, "", batch), 400, "Idempotency-Key must be 1..128 printable ASCII");
            assertJsonError(server.send(HttpRequest.newBuilder(server.uri("/sample")).header("Idempotency-Key", "a")
                    .header("Idempotency-Key", "b").POST(HttpRequest.BodyPublishers.ofString(Samples.body(batch)))),
                    400, "header Idempotency-Key given more than once");
            // "héllo" in UTF-8: the header's bytes, the first one past ASCII named
            RawHttp.Reply accented = RawHttp.exchange(server.uri("/").getPort(), RawHttp.request("POST", "/sample",
                    Map.of("Idempotency-Key", "h\u00c3\u00a9llo"), Samples.body(batch).getBytes(StandardCharsets.UTF_8)));
            assertEquals(400, accented.status());
            assertTrue(new String(accented.body(), StandardCharsets.UTF_8).contains("got byte 0xC3 at position 1"),
                    new String(accented.body(), StandardCharsets.UTF_8));
            assertEquals(0, server.samples());
            assertEquals(200, post(server, " ~!\"#$%&'()*+,-./0123456789:;<=>?@AZ[\\]^_`az{|}", batch).statusCode());
        }
    }

    private static HttpResponse<String> post(HttpTarget server, String key, List<Sample> batch) {
        return server.send(HttpRequest.newBuilder(server.uri("/sample")).header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(Samples.body(batch))));
    }
}
