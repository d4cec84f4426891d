package ledgerlearn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import ledgerlearn.process.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server whose stderr is a pipe that nobody reads: once the pipe and the log queue are full, its log
 * lines are dropped and counted, and it still answers every request and stops on SIGTERM.
 */
final class StalledStderrTest {
    /** Far more access lines than a 64 KiB pipe and the log queue hold together (about 9,000). */
    private static final int REQUESTS = 12_000;
    private static final int CLIENTS = 4;

    @TempDir
    Path dataDir;

    @Test
    void aStderrNobodyReadsBlocksNeitherRequestsNorTheStop() throws Exception {
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(ServerProcess.command(List.of("-Xmx64m"), List.of("--access-log", "true"),
                dataDir, port));
        builder.environment().keySet().removeIf(variable -> variable.startsWith("LEDGERLEARN_"));
        // stdout and stderr stay pipes to this JVM, which never reads them
        Process server = builder.start();
        try {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            URI health = URI.create("http://127.0.0.1:" + port + "/health");
            awaitReady(http, health, server);

            AtomicInteger answered = new AtomicInteger();
            List<Thread> clients = new ArrayList<>();
            List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                Thread client = new Thread(() -> {
                    try {
                        for (int i = 0; i < REQUESTS / CLIENTS; i++) {
                            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(health)
                                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
                            assertEquals(200, response.statusCode());
                            answered.incrementAndGet();
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                });
                clients.add(client);
                client.start();
            }
            for (Thread client : clients) {
                client.join(120_000);
            }
            assertEquals(List.of(), failures, "answered " + answered.get() + " of " + REQUESTS);
            assertEquals(REQUESTS, answered.get());

            long stopping = System.nanoTime();
            server.toHandle().destroy(); // SIGTERM
            assertTrue(server.waitFor(30, TimeUnit.SECONDS), "the server did not stop within 30 s of SIGTERM");
            assertEquals(0, server.exitValue());
            System.out.printf("reliability: stderr a pipe nobody reads: %d requests answered (%d clients), then SIGTERM"
                            + " stopped the server in %.1f s with exit 0%n", answered.get(), CLIENTS,
                    (System.nanoTime() - stopping) / 1e9);
        } finally {
            server.destroyForcibly();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void awaitReady(HttpClient http, URI health, Process server) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && server.isAlive()) {
            try {
                if (http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the server never answered /health");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
