package ledgerlearn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import ledgerlearn.testing.ForkedServer;
import ledgerlearn.testing.RawHttp;
import ledgerlearn.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slowloris: many connections that keep sending a request a byte at a time, well within the request timeout,
 * on a server with two workers. They wait on connection threads, never on the workers, so requests from
 * everyone else are answered at once.
 */
final class SlowlorisTest {
    private static final int SLOW_CONNECTIONS = 64;
    private static final int PROBES = 10;

    @TempDir
    Path dataDir;

    @Test
    void connectionsTricklingTheirRequestsDoNotStarveTwoWorkers() throws Exception {
        try (ForkedServer server = ForkedServer.start(dataDir, "--threads", "2", "--request-timeout", "60")) {
            assertEquals(200, server.post("/sample", Samples.body(Samples.stream(50, 1))).statusCode());
            List<Socket> slow = new ArrayList<>();
            AtomicBoolean trickling = new AtomicBoolean(true);
            Thread trickle = null;
            try {
                for (int i = 0; i < SLOW_CONNECTIONS; i++) {
                    Socket socket = RawHttp.connect(server.port());
                    // half a header, or a whole header and a body that comes a byte at a time
                    String start = i % 2 == 0 ? "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
                            : "POST /sample HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\n[";
                    socket.getOutputStream().write(start.getBytes(StandardCharsets.US_ASCII));
                    slow.add(socket);
                }
                trickle = new Thread(() -> {
                    while (trickling.get()) {
                        for (Socket socket : slow) {
                            try {
                                socket.getOutputStream().write(' ');
                            } catch (IOException e) {
                                // cut by the server; the others go on
                            }
                        }
                        sleep(500);
                    }
                }, "slowloris");
                trickle.start();
                sleep(1_000);

                long slowest = 0;
                for (int i = 0; i < PROBES; i++) {
                    long started = System.nanoTime();
                    HttpResponse<String> health = server.send(HttpRequest.newBuilder(server.uri("/health")).GET());
                    HttpResponse<String> prediction = server.post("/predict", Samples.query(Samples.stream(1, i).get(0)));
                    slowest = Math.max(slowest, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                    assertEquals(200, health.statusCode(), health.body());
                    assertEquals(200, prediction.statusCode(), prediction.body());
                }
                assertTrue(slowest < 5_000, "a /health and a /predict took " + slowest + " ms");
                System.out.printf("reliability: slowloris, %d connections trickling requests a byte every 500 ms to a"
                        + " server with 2 workers: %d /health + /predict pairs answered, slowest pair %d ms%n",
                        SLOW_CONNECTIONS, PROBES, slowest);
            } finally {
                trickling.set(false);
                if (trickle != null) {
                    trickle.join(10_000);
                }
                for (Socket socket : slow) {
                    socket.close();
                }
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
