package ledgerlearn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eclipsesource.json.Json;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import ledgerlearn.testing.Samples;
import ledgerlearn.testing.TestServer;
import org.junit.jupiter.api.Test;

/** With one worker and one queue slot, batches that arrive together beyond those two get an immediate 503. */
final class BusyServerTest {
    private static final int BATCHES = 30;
    private static final int ROWS = 2_000;

    @Test
    void requestsBeyondTheWorkerAndTheQueueGet503WithRetryAfterAndChangeNothing() throws Exception {
        try (TestServer server = TestServer.startWith("--threads", "1", "--queue", "1")) {
            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < BATCHES; i++) {
                bodies.add(Samples.body(Samples.stream(ROWS, 100 + i)));
            }
            ExecutorService clients = Executors.newFixedThreadPool(BATCHES);
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (String body : bodies) {
                answers.add(CompletableFuture.supplyAsync(() -> {
                    await(go);
                    return server.post("/sample", body);
                }, clients));
            }
            go.countDown();
            Map<Integer, Integer> statuses = new TreeMap<>();
            long stored = 0;
            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get(120, TimeUnit.SECONDS);
                statuses.merge(response.statusCode(), 1, Integer::sum);
                if (response.statusCode() == 200) {
                    stored += ROWS;
                } else {
                    assertEquals(503, response.statusCode(), response.body());
                    assertEquals("1", response.headers().firstValue("Retry-After").orElse(""));
                    assertEquals(Json.parse("{\"error\":\"server busy, retry later\"}"), Json.parse(response.body()));
                }
            }
            clients.shutdown();

            assertTrue(statuses.getOrDefault(503, 0) >= 1, "some batches were refused: " + statuses);
            assertTrue(statuses.getOrDefault(200, 0) >= 2, "the worker's and the queued one were served: " + statuses);
            assertEquals(stored, server.samples(), "exactly the batches acknowledged were stored");
            System.out.printf("reliability: busy server (1 worker, queue 1): %d batches of %d rows at once: %d stored,"
                    + " %d refused at once with 503 and Retry-After: 1, nothing else%n", BATCHES, ROWS,
                    statuses.getOrDefault(200, 0), statuses.getOrDefault(503, 0));
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
