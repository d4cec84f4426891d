package ledgerlearn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eclipsesource.json.Json;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import ledgerlearn.testing.RawHttp;
import ledgerlearn.testing.TestServer;
import org.junit.jupiter.api.Test;

/** With one worker held by a stalled upload and one queue slot, further requests get an immediate 503. */
final class BusyServerTest {
    private static final int MAX_PROBES = 40;

    @Test
    void requestBeyondTheQueueGets503WithRetryAfterAndQueuedOnesAreServedOnceTheWorkerIsFree() throws Exception {
        try (TestServer server = TestServer.startWith("--threads", "1", "--queue", "1")) {
            int port = server.uri("/").getPort();
            BlockingQueue<RawHttp.Reply> replies = new LinkedBlockingQueue<>();
            List<Thread> probes = new ArrayList<>();
            List<RawHttp.Reply> all = new ArrayList<>();
            RawHttp.Reply busy = null;
            try (Socket upload = RawHttp.connect(port)) {
                // a client that announces 100 bytes and sends one: it holds the only worker while it reads
                upload.getOutputStream().write("POST /sample HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n["
                        .getBytes(StandardCharsets.US_ASCII));
                // Probes, one at a time, until one is refused: the first ones may still reach the worker
                // before the upload does, or take the queue slot.
                while (busy == null && probes.size() < MAX_PROBES) {
                    probes.add(probe(port, replies));
                    RawHttp.Reply reply = replies.poll(250, TimeUnit.MILLISECONDS);
                    if (reply != null) {
                        all.add(reply);
                        busy = reply.status() == 503 ? reply : null;
                    }
                }
                assertTrue(busy != null, "no 503 after " + MAX_PROBES + " probes");
                assertEquals("1", busy.header("Retry-After"));
                assertTrue(busy.header("Content-Type").startsWith("application/json"));
                assertEquals(Json.parse("{\"error\":\"server busy, retry later\"}"), Json.parse(busy.text()));
            }
            // the upload's connection is closed: its worker is free again
            for (Thread probe : probes) {
                probe.join(30_000);
                assertFalse(probe.isAlive(), "every probe is answered");
            }
            replies.drainTo(all);
            assertEquals(probes.size(), all.size(), "every probe got a reply");
            long served = all.stream().filter(r -> r.status() == 200).count();
            assertEquals(probes.size(), served + all.stream().filter(r -> r.status() == 503).count(), "200 or 503 only");
            assertTrue(served >= 1, "the queued probe was served once the worker was free");
            assertEquals(200, server.get("/health").statusCode());
            System.out.printf("reliability: busy server (1 worker, queue 1, held by a stalled upload): %d probes,"
                    + " %d refused at once with 503 and Retry-After: 1, %d served once the worker was free%n",
                    probes.size(), probes.size() - served, served);
        }
    }

    /** Sends GET /health on a new connection; a thread waits for the reply and hands it over. */
    private static Thread probe(int port, BlockingQueue<RawHttp.Reply> replies) throws IOException {
        Socket socket = RawHttp.connect(port);
        socket.getOutputStream().write(RawHttp.request("GET", "/health", Map.of(), null));
        Thread thread = new Thread(() -> {
            try (socket) {
                replies.add(RawHttp.read(new BufferedInputStream(socket.getInputStream())));
            } catch (IOException e) {
                replies.add(new RawHttp.Reply(-1, Map.of(), e.toString().getBytes(StandardCharsets.UTF_8)));
            }
        }, "probe");
        thread.start();
        return thread;
    }
}
