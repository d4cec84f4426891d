package ledgerlearn.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import ledgerlearn.dataset.SyntheticDataset;
import ledgerlearn.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same command run again after an interrupted stream stores nothing twice and ends with the store of one run. */
final class ResumingStreamTest {
    private static final int ROWS = 3_000;

    @TempDir
    static Path dir;
    private static Path dataset;
    private static byte[] uninterrupted;

    @BeforeAll
    static void streamOnceWithoutInterruption() throws IOException {
        dataset = dir.resolve("expenses.csv");
        SyntheticDataset.write(dataset, ROWS, 3);
        try (TestServer server = TestServer.start()) {
            assertEquals(0, StreamingClient.run(settings(server, 0), quiet(), quiet()));
            uninterrupted = Files.readAllBytes(server.storeFile());
        }
    }

    @Test
    void aStreamInterruptedAndRunAgainStoresWhatOneRunStores() throws Exception {
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
            assertTrue(third.toString(StandardCharsets.UTF_8).contains("resuming: all 3,000 were already stored, none stored twice"),
                    third.toString(StandardCharsets.UTF_8));
            assertArrayEquals(uninterrupted, Files.readAllBytes(server.storeFile()));
        }
    }

    private static StreamingClient.Settings settings(TestServer server, int rate) {
        return new StreamingClient.Settings(Connection.to(URI.create(server.baseUrl())), dataset, ROWS, 21, 250, true,
                rate, true, true, true);
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
