package ledgerlearn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import ledgerlearn.testing.ForkedServer;
import ledgerlearn.testing.RawHttp;
import ledgerlearn.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Twelve clients at once send batches as large as the server's cap allows, each with its last row invalid,
 * to a server with a 256 MB heap: every one is answered (413, 400 or 503), /health stays fast throughout,
 * and the server never runs out of memory. Parsed whole, each such body took about 16 times its size.
 */
final class MemoryFloodTest {
    private static final int CLIENTS = 12;
    private static final long MAX_BODY = 64L << 20;
    private static final String ROW = Samples.json(Samples.sample("int:a055470", "9900", "str:6cd08e4 int:49fed34"))
            .toString();
    private static final String INVALID_ROW = ROW.replace("2016-02-29", "2016-13-01");

    @TempDir
    Path dataDir;

    @Test
    void concurrentHugeBatchesAreAllAnsweredAndHealthStaysFastInA256MegabyteHeap() throws Exception {
        try (ForkedServer server = ForkedServer.start(List.of("-Xmx256m", "-XX:+UseSerialGC"), dataDir,
                "--max-body", "64m")) {
            HealthProbe probe = HealthProbe.start(server);
            try {
                // as large as --max-body says: more than the heap can parse at once, so capped lower, 413 at once
                Map<Integer, Integer> atTheCap = flood(server.port(), "/sample", MAX_BODY - 1024);
                // just under the cap the memory allows: parsed a few at a time, the others 503
                Map<Integer, Integer> underTheCap = flood(server.port(), "/sample", 14L << 20);
                // a query has a cap of its own, far below a batch's
                Map<Integer, Integer> queries = flood(server.port(), "/predict", MAX_BODY - 1024);
                // a batch of queries is read as a batch of samples is: past the most it may hold, only counted
                Map<Integer, Integer> queryBatches = flood(server.port(), "/predict/batch", 14L << 20);

                assertEquals(Map.of(413, CLIENTS), atTheCap);
                assertEquals(CLIENTS, underTheCap.getOrDefault(400, 0) + underTheCap.getOrDefault(503, 0), underTheCap.toString());
                assertTrue(underTheCap.getOrDefault(400, 0) >= 1, "at least one was parsed and refused: " + underTheCap);
                assertEquals(Map.of(413, CLIENTS), queries);
                assertEquals(CLIENTS, queryBatches.getOrDefault(400, 0) + queryBatches.getOrDefault(503, 0),
                        queryBatches.toString());
                assertTrue(queryBatches.getOrDefault(400, 0) >= 1, "at least one was read and refused: " + queryBatches);
            } finally {
                probe.stop();
            }
            assertFalse(server.printedOutOfMemoryError(), server.log());
            assertEquals(0, server.samples(), "nothing was learnt");
            assertEquals(List.of(), probe.failures, "every /health was answered");
            assertTrue(probe.slowestMillis.get() < 3_000, "slowest /health " + probe.slowestMillis.get() + " ms");
            System.out.printf("reliability: %d clients at once sent /sample bodies of 64 MB and of 14 MB (last row invalid),"
                            + " /predict bodies of 64 MB and /predict/batch bodies of 14 MB, to a server with a 256 MB heap: all answered (413, 400 or 503),"
                            + " no OutOfMemoryError; %d /health probes alongside, slowest %d ms%n", CLIENTS,
                    probe.answered.get(), probe.slowestMillis.get());
        }
    }

    /** {@link #CLIENTS} uploads of {@code length} bytes at once; the statuses they got. */
    private static Map<Integer, Integer> flood(int port, String path, long length) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<CompletableFuture<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            statuses.add(CompletableFuture.supplyAsync(() -> upload(port, path, length), pool));
        }
        Map<Integer, Integer> counts = new TreeMap<>();
        for (CompletableFuture<Integer> status : statuses) {
            counts.merge(status.get(5, TimeUnit.MINUTES), 1, Integer::sum);
        }
        pool.shutdown();
        return counts;
    }

    /** Streams a batch of {@code length} bytes whose last row is invalid; returns the status of the answer. */
    private static int upload(int port, String path, long length) {
        try (Socket socket = RawHttp.connect(port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            Thread writer = new Thread(() -> stream(out, length), "flood-writer");
            writer.start();
            RawHttp.Reply reply = RawHttp.read(new BufferedInputStream(socket.getInputStream()));
            socket.close();
            writer.join(60_000);
            return reply.status();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("no answer to a " + length + " byte body on " + path + ": " + e, e);
        }
    }

    /** {@code [ROW,ROW,...,INVALID_ROW]} padded with spaces to exactly {@code length} bytes. */
    private static void stream(OutputStream out, long length) {
        byte[] row = (ROW + ",").getBytes(StandardCharsets.US_ASCII);
        byte[] block = new byte[row.length * 512];
        for (int i = 0; i < 512; i++) {
            System.arraycopy(row, 0, block, i * row.length, row.length);
        }
        byte[] tail = (INVALID_ROW + "]").getBytes(StandardCharsets.US_ASCII);
        try {
            out.write('[');
            long left = length - 1 - tail.length;
            while (left >= block.length) {
                out.write(block);
                left -= block.length;
            }
            while (left >= row.length) {
                out.write(row);
                left -= row.length;
            }
            out.write(" ".repeat((int) left).getBytes(StandardCharsets.US_ASCII));
            out.write(tail);
            out.flush();
        } catch (IOException e) {
            // the server answered and closed: the rest is not sent
        }
    }

    /** GET /health every 100 ms on a thread of its own, timing each answer. */
    private static final class HealthProbe {
        final List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        final AtomicLong slowestMillis = new AtomicLong();
        final AtomicLong answered = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private Thread thread;

        static HealthProbe start(ForkedServer server) {
            HealthProbe probe = new HealthProbe();
            probe.thread = new Thread(() -> {
                while (probe.running.get()) {
                    long started = System.nanoTime();
                    try {
                        HttpResponse<String> response = server.trySend(HttpRequest.newBuilder(server.uri("/health"))
                                .timeout(Duration.ofSeconds(10)));
                        if (response.statusCode() != 200) {
                            probe.failures.add(response.statusCode() + " " + response.body());
                        }
                        probe.answered.incrementAndGet();
                    } catch (IOException | RuntimeException e) {
                        probe.failures.add(e.toString());
                    }
                    probe.slowestMillis.accumulateAndGet(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), Math::max);
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "health-probe");
            probe.thread.start();
            return probe;
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(30_000);
        }
    }
}
