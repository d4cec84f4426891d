package ledgerlearn.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import ledgerlearn.dataset.SyntheticDataset;
import ledgerlearn.process.JavaProcess;
import ledgerlearn.store.SampleStore;
import ledgerlearn.testing.ForkedServer;
import ledgerlearn.testing.HttpTarget;
import ledgerlearn.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client stopped mid-stream: interrupted in this JVM, or as a command in a JVM of its own stopped with Ctrl-C
 * (SIGINT), or left without a server by a SIGKILL of the server; the same command run again resumes, and the store
 * ends as one uninterrupted run's.
 */
final class InterruptedStreamTest {
    private static final int ROWS = 6_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    static Path dir;
    private static Path dataset;
    private static byte[] uninterrupted;

    @BeforeAll
    static void streamOnceWithoutInterruption() throws IOException {
        dataset = dir.resolve("expenses.csv");
        SyntheticDataset.write(dataset, ROWS, 8);
        try (TestServer server = TestServer.start()) {
            assertEquals(0, StreamingClient.run(settings(server, 0), quiet(), quiet()));
            uninterrupted = Files.readAllBytes(server.storeFile());
        }
    }

    @Test
    void ctrlCSaysWhatIsStoredAndTheSameCommandAgainResumesWithoutStoringTwice() throws Exception {
        try (TestServer server = TestServer.start()) {
            JavaProcess client = client(server.baseUrl(), "3000");
            awaitSamples(server, 1_500, client);
            interrupt(client);
            assertNotEquals(0, client.waitFor(TIMEOUT));
            String said = String.join("\n", client.lines());
            assertTrue(said.contains("interrupted: the server holds rows 1-"), said);
            assertTrue(said.contains("To resume, run the same command again: the rows already stored are not stored twice."),
                    said);
            long stored = server.samples();
            assertTrue(stored < ROWS, "interrupted before the end: " + stored);

            JavaProcess again = client(server.baseUrl(), "3000");
            assertEquals(0, again.waitFor(TIMEOUT), again.tail());

            String resumed = String.join("\n", again.lines());
            // the chunk in flight at the SIGINT may have been stored after the count above was read
            java.util.regex.Matcher resuming = java.util.regex.Pattern.compile("resuming: ([0-9,]+) rows already stored")
                    .matcher(resumed);
            assertTrue(resuming.find(), resumed);
            assertTrue(Long.parseLong(resuming.group(1).replace(",", "")) >= stored, resumed);
            assertArrayEquals(uninterrupted, Files.readAllBytes(server.storeFile()));
            System.out.printf("reliability: client stopped with SIGINT after %,d of %,d rows; the same command again"
                    + " resumed and the store equals one uninterrupted run's%n", stored, ROWS);
        }
    }

    @Test
    void aServerKilledMidStreamAndRestartedGetsTheRestAndNothingTwice() throws Exception {
        Path dataDir = dir.resolve("killed");
        long stored;
        try (ForkedServer server = ForkedServer.start(dataDir)) {
            JavaProcess client = client("http://127.0.0.1:" + server.port(), "3000");
            awaitSamples(server, 1_500, client);
            server.kill();
            assertEquals(1, client.waitFor(TIMEOUT), client.tail());
        }
        try (ForkedServer restarted = ForkedServer.start(dataDir)) {
            stored = restarted.samples();
            JavaProcess again = client("http://127.0.0.1:" + restarted.port(), "0");
            assertEquals(0, again.waitFor(TIMEOUT), again.tail());
            String resumed = String.join("\n", again.lines());
            assertTrue(resumed.contains(String.format("resuming: %,d rows already stored", stored)), resumed);
            assertEquals(ROWS, restarted.samples());
        }
        assertArrayEquals(uninterrupted, Files.readAllBytes(dataDir.resolve(SampleStore.FILE_NAME)));
        System.out.printf("reliability: server SIGKILLed mid-stream after %,d of %,d rows; restarted, the same client"
                + " command resumed and the store equals one uninterrupted run's%n", stored, ROWS);
    }

    @Test
    void aStreamInterruptedInTheClientAndRunAgainStoresWhatOneRunStores() throws Exception {
        try (TestServer server = TestServer.start()) {
            ByteArrayOutputStream firstErr = new ByteArrayOutputStream();
            AtomicInteger firstExit = new AtomicInteger(-1);
            Thread first = new Thread(() -> firstExit.set(StreamingClient.run(settings(server, 4_000), quiet(),
                    new PrintStream(firstErr, true, StandardCharsets.UTF_8))));
            first.start();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (server.samples() < 800 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            first.interrupt();
            first.join(30_000);
            assertEquals(1, firstExit.get(), firstErr.toString(StandardCharsets.UTF_8));
            long stored = server.samples();
            assertTrue(stored >= 800 && stored < ROWS, "stored " + stored);

            ByteArrayOutputStream again = new ByteArrayOutputStream();
            assertEquals(0, StreamingClient.run(settings(server, 0), quiet(), new PrintStream(again, true, StandardCharsets.UTF_8)));

            String err = again.toString(StandardCharsets.UTF_8);
            // the chunk in flight at the interruption may have been stored after the count above was read
            java.util.regex.Matcher resuming = java.util.regex.Pattern
                    .compile("resuming: ([0-9,]+) rows already stored; storing from row ([0-9,]+)").matcher(err);
            assertTrue(resuming.find(), err);
            long skipped = Long.parseLong(resuming.group(1).replace(",", ""));
            assertTrue(skipped >= stored, err);
            assertEquals(skipped + 1, Long.parseLong(resuming.group(2).replace(",", "")));
            assertArrayEquals(uninterrupted, Files.readAllBytes(server.storeFile()));

            ByteArrayOutputStream third = new ByteArrayOutputStream();
            assertEquals(0, StreamingClient.run(settings(server, 0), quiet(), new PrintStream(third, true, StandardCharsets.UTF_8)));
            assertTrue(third.toString(StandardCharsets.UTF_8).contains("resuming: all 6,000 were already stored, none stored twice"),
                    third.toString(StandardCharsets.UTF_8));
            assertArrayEquals(uninterrupted, Files.readAllBytes(server.storeFile()));
        }
    }

    private static StreamingClient.Settings settings(TestServer server, int rate) {
        return new StreamingClient.Settings(Connection.to(URI.create(server.baseUrl())), dataset, ROWS, 5, 400, true,
                rate, true, true, true);
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
    private static JavaProcess client(String url, String rate) throws IOException {
        List<String> args = new ArrayList<>(List.of("client", "--url", url, "--file", dataset.toString(), "--limit",
                String.valueOf(ROWS), "--seed", "5", "--max-chunk", "400", "--quiet", "--json", "--rate", rate));
        return JavaProcess.start("client", JavaProcess.command(List.of("-Xmx128m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1"), args));
    }

    /** Polls the server until it holds {@code rows} samples; fails if the client ended before. */
    private static void awaitSamples(HttpTarget server, long rows, JavaProcess client) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (server.samples() < rows) {
            assertTrue(client.isAlive() && System.nanoTime() < deadline, "the client ended first: " + client.tail());
            Thread.sleep(10);
        }
    }

    /** Ctrl-C, as a terminal sends it: SIGINT. */
    private static void interrupt(JavaProcess process) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor());
    }
}
