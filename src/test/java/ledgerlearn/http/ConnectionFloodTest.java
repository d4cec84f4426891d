package ledgerlearn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
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
 * More half-sent requests than the server has connection threads (half a header, or a header and the start of a
 * body, then nothing, from a client without a token): the server cuts the ones that have waited a second while its
 * threads are scarce, so a probe is answered at once, and a request that comes whole gets 503 at once while the
 * threads are all taken and is answered within seconds, not after the request timeout of a minute.
 */
final class ConnectionFloodTest {
    private static final int CONNECTION_THREADS = 16;
    /** The connection threads, the overflow's threads and its queue, and more. */
    private static final int HALF_SENT = CONNECTION_THREADS + WorkerPool.OVERFLOW_THREADS + WorkerPool.OVERFLOW_QUEUE + 20;

    @TempDir
    Path dataDir;

    @Test
    void halfSentRequestsBeyondEveryThreadAreCutSoThatWholeRequestsAreAnswered() throws Exception {
        try (ForkedServer server = ForkedServer.start(dataDir, "--connections", String.valueOf(CONNECTION_THREADS),
                "--request-timeout", "60")) {
            assertEquals(200, server.post("/sample", Samples.body(Samples.stream(50, 1))).statusCode());
            List<Socket> halfSent = new ArrayList<>();
            try {
                for (int i = 0; i < HALF_SENT; i++) {
                    Socket socket = RawHttp.connect(server.port());
                    String start = i % 2 == 0 ? "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Half: "
                            : "POST /sample HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n[";
                    socket.getOutputStream().write(start.getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                    halfSent.add(socket);
                }

                // the flood may have filled every thread and queue: a request may be refused until it is cut
                long flooded = System.nanoTime();
                HttpResponse<String> first = null;
                while (first == null && System.nanoTime() - flooded < TimeUnit.SECONDS.toNanos(30)) {
                    try {
                        first = server.trySend(HttpRequest.newBuilder(server.uri("/livez")).GET());
                    } catch (IOException refused) {
                        // a connection closed unanswered: the server had no thread for it
                    }
                }
                long firstAnswer = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - flooded);
                assertTrue(first != null && firstAnswer < 10_000, "first /livez answered after " + firstAnswer + " ms");
                // a request that comes while the connection threads are all taken gets 503 at once; soon none does
                long predicted = -1;
                while (predicted < 0 && System.nanoTime() - flooded < TimeUnit.SECONDS.toNanos(30)) {
                    HttpResponse<String> prediction;
                    try {
                        prediction = server.trySend(HttpRequest.newBuilder(server.uri("/predict"))
                                .POST(HttpRequest.BodyPublishers.ofString(Samples.query(Samples.stream(1, 1).get(0)))));
                    } catch (IOException refused) {
                        continue;
                    }
                    if (prediction.statusCode() == 200) {
                        predicted = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - flooded);
                    } else {
                        assertEquals(503, prediction.statusCode(), prediction.body());
                        assertTrue(prediction.headers().firstValue("Retry-After").isPresent());
                    }
                }
                assertTrue(predicted >= 0 && predicted < 10_000, "first /predict answered after " + predicted + " ms");
                // they are cut until they leave the reserve of threads free, long before the request timeout
                int mayWait = CONNECTION_THREADS - WorkerPool.reserve(CONNECTION_THREADS);
                List<Socket> open = new ArrayList<>(halfSent);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (open.size() > mayWait && System.nanoTime() < deadline) {
                    open.removeIf(ConnectionFloodTest::closedByServer);
                }
                int cut = HALF_SENT - open.size();
                assertTrue(open.size() <= mayWait, cut + " of " + HALF_SENT + " half-sent requests cut within 30 s");
                System.out.printf("reliability: %d half-sent requests against %d connection threads: first /livez"
                        + " answered after %d ms, first /predict after %d ms; %d cut%n",
                        HALF_SENT, CONNECTION_THREADS, firstAnswer, predicted, cut);
            } finally {
                for (Socket socket : halfSent) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void whileEveryConnectionThreadIsTakenReadyzSaysNotReadyAndLivezAlive() throws Exception {
        try (ForkedServer server = ForkedServer.start(dataDir, "--connections", String.valueOf(CONNECTION_THREADS),
                "--request-timeout", "60")) {
            assertEquals(200, server.get("/readyz").statusCode());
            AtomicBoolean flooding = new AtomicBoolean(true);
            List<Socket> open = java.util.Collections.synchronizedList(new ArrayList<>());
            // an attacker that opens a half-sent request again as soon as one is cut, keeping every thread taken
            Thread attacker = new Thread(() -> {
                while (flooding.get()) {
                    open.removeIf(ConnectionFloodTest::closedByServer);
                    while (flooding.get() && open.size() < CONNECTION_THREADS + WorkerPool.OVERFLOW_THREADS / 2) {
                        try {
                            Socket socket = RawHttp.connect(server.port());
                            socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Half: "
                                    .getBytes(StandardCharsets.US_ASCII));
                            open.add(socket);
                        } catch (IOException e) {
                            break;
                        }
                    }
                }
            }, "half-sender");
            attacker.start();
            try {
                int notReady = 0;
                int live = 0;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while ((notReady == 0 || live == 0) && System.nanoTime() < deadline) {
                    try {
                        HttpResponse<String> ready = server.trySend(HttpRequest.newBuilder(server.uri("/readyz")).GET());
                        if (ready.statusCode() == 503) {
                            assertTrue(ready.headers().firstValue("Retry-After").isPresent(), ready.headers().map().toString());
                            notReady++;
                        }
                        live += server.trySend(HttpRequest.newBuilder(server.uri("/livez")).GET()).statusCode() == 200 ? 1 : 0;
                    } catch (IOException refused) {
                        // no thread at all for it this time
                    }
                }
                assertTrue(notReady > 0, "a balancer is told to send requests elsewhere while every thread is taken");
                assertTrue(live > 0, "a busy server is alive");
            } finally {
                flooding.set(false);
                attacker.join(10_000);
                synchronized (open) {
                    for (Socket socket : open) {
                        socket.close();
                    }
                }
            }
        }
    }

    /** Whether the server closed the connection (end of stream or a reset), after what answer it sent, if any. */
    private static boolean closedByServer(Socket socket) {
        try {
            socket.setSoTimeout(20);
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // an answer (a 408, a 503) before the close
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
