package ledgerlearn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import ledgerlearn.testing.RawHttp;
import ledgerlearn.testing.ForkedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that connect and send nothing, or half a request, or stay idle after one: the request
 * and idle timeouts cut them, so they cannot hold the workers. The timeouts are JVM-wide, hence a
 * server process of its own, with two workers and two-second timeouts.
 */
final class SlowClientsTest {
    private static final int TIMEOUT_SECONDS = 2;
    /** Far beyond the timeouts (plus the once-a-second sweep), and well short of the JDK's defaults. */
    private static final int BOUND_MILLIS = 20_000;

    @TempDir
    static Path dataDir;
    private static ForkedServer server;

    @BeforeAll
    static void start() throws IOException {
        server = ForkedServer.start(dataDir, "--threads", "2", "--request-timeout", String.valueOf(TIMEOUT_SECONDS),
                "--idle-timeout", String.valueOf(TIMEOUT_SECONDS));
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
    }

    @Test
    void stalledConnectionsCannotStarveTwoWorkersAndAreCutByTheServer() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                stalled.add(RawHttp.connect(server.port())); // connects and sends nothing
            }
            for (int i = 0; i < 4; i++) {
                Socket socket = RawHttp.connect(server.port());
                // half a header: each of these takes a worker, which waits for the rest
                socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
                stalled.add(socket);
            }

            int attempts = servedAttempts();

            for (Socket socket : stalled) {
                assertClosedByServer(socket);
            }
            System.out.printf("reliability: with 2 workers, %d stalled connections (3 silent, 4 half a header) were"
                    + " cut by the %d s request timeout and a normal request was served (attempt %d)%n",
                    stalled.size(), TIMEOUT_SECONDS, attempts);
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    @Test
    void idleKeepAliveConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        try (Socket socket = RawHttp.connect(server.port())) {
            socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = new BufferedInputStream(socket.getInputStream());
            assertEquals(200, RawHttp.read(in).status());

            assertClosedByServer(socket, in);
        }
    }

    /**
     * Polls GET /health until it is served: a request queued behind the stalled ones may itself be
     * cut by the request timeout while it waits, and is then simply sent again.
     */
    private static int servedAttempts() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BOUND_MILLIS);
        for (int attempt = 1; System.nanoTime() < deadline; attempt++) {
            try {
                HttpResponse<String> response = server.trySend(HttpRequest.newBuilder(server.uri("/health")));
                assertEquals(200, response.statusCode(), response.body());
                return attempt;
            } catch (IOException e) {
                // cut while queued; try again
            }
        }
        throw new AssertionError("no request served within " + BOUND_MILLIS + " ms:\n" + server.log());
    }

    private static void assertClosedByServer(Socket socket) throws IOException {
        assertClosedByServer(socket, socket.getInputStream());
    }

    private static void assertClosedByServer(Socket socket, InputStream in) throws IOException {
        socket.setSoTimeout(BOUND_MILLIS);
        try {
            assertEquals(-1, in.read(), "the server sends nothing more and closes");
        } catch (SocketTimeoutException e) {
            throw new AssertionError("connection still open after " + BOUND_MILLIS + " ms", e);
        } catch (IOException e) {
            assertTrue(e.getMessage() != null && e.getMessage().contains("reset"), e.toString());
        }
    }
}
