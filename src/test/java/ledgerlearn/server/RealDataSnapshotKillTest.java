package ledgerlearn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import ledgerlearn.client.SampleJson;
import ledgerlearn.dataset.DatasetReader;
import ledgerlearn.sample.Sample;
import ledgerlearn.testing.ForkedServer;
import ledgerlearn.testing.RealData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On the real stream: a server killed with SIGKILL while it writes a snapshot file starts again from an
 * older snapshot and the rows after it, and is then the server a full replay of its store makes.
 */
final class RealDataSnapshotKillTest {
    private static final int ROWS = 200_000;
    private static final int BATCH = 1_000;
    private static final String[] FLAGS = {"--snapshot-every", "20000", "--fsync", "false", "--access-log", "false"};

    @TempDir
    Path dir;

    @Test
    void aKillWhileASnapshotIsWrittenLeavesAStartEqualToAFullReplay() throws Exception {
        List<String> batches = new ArrayList<>();
        List<String> queries = new ArrayList<>();
        read(batches, queries);
        Path live = Files.createDirectory(dir.resolve("live"));

        int sent = 0;
        int kills = 0;
        boolean landed = false;
        while (!landed && sent < batches.size()) {
            try (ForkedServer server = ForkedServer.start(live, FLAGS)) {
                AtomicBoolean killed = new AtomicBoolean();
                Thread watcher = new Thread(() -> killWhenASnapshotIsBeingWritten(server, live, killed));
                watcher.start();
                while (!killed.get() && sent < batches.size()) {
                    try {
                        HttpResponse<String> answer = server.trySend(HttpRequest.newBuilder(server.uri("/sample"))
                                .POST(HttpRequest.BodyPublishers.ofString(batches.get(sent))));
                        assertEquals(200, answer.statusCode(), answer.body());
                        sent++;
                    } catch (IOException cut) {
                        assertTrue(killed.get(), "only the kill cuts a request: " + cut);
                    }
                }
                killed.set(true);
                watcher.join();
                kills++;
            }
            // the kill landed inside a write when its partial file is still there, with a whole snapshot before it
            landed = !partials(live).isEmpty() && !whole(live).isEmpty();
        }
        assertTrue(landed, "no kill landed while a snapshot was written, in " + kills + " tries over " + sent + " batches");

        Path full = Files.createDirectory(dir.resolve("full"));
        copyStore(live, full);
        try (ForkedServer restarted = ForkedServer.start(live, FLAGS);
             ForkedServer replayed = ForkedServer.start(full, FLAGS)) {
            assertTrue(restarted.log().contains("snapshot: loaded"), restarted.log());
            assertTrue(partials(live).isEmpty(), "the torn snapshot is gone");
            assertTrue(restarted.samples() >= (long) sent * BATCH - BATCH, "rows " + restarted.samples());
            assertEquals(replayed.samples(), restarted.samples());
            assertEquals(replayed.get("/metrics/100000").body(), restarted.get("/metrics/100000").body());
            for (String query : queries) {
                assertEquals(replayed.post("/predict?top=5&detail=true", query).body(),
                        restarted.post("/predict?top=5&detail=true", query).body(), query);
            }
            System.out.printf("snapshot: SIGKILL %d time(s), the last inside a snapshot's write; the restart loaded an older"
                    + " snapshot and replayed the rest of %,d rows, equal to a full replay on %d queries%n",
                    kills, restarted.samples(), queries.size());
        }
    }

    /** Polls the data dir and kills the server the moment a snapshot's partial file is there beside a whole one. */
    private static void killWhenASnapshotIsBeingWritten(ForkedServer server, Path live, AtomicBoolean killed) {
        try {
            while (!killed.get()) {
                if (!partials(live).isEmpty() && !whole(live).isEmpty()) {
                    killed.set(true);
                    server.kill();
                }
                Thread.onSpinWait();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> partials(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".partial")).toList();
        }
    }

    /** The whole snapshots, listed without {@link ledgerlearn.snapshot.SnapshotFiles#list}, which deletes partial files. */
    private static List<Path> whole(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("snapshot-\\d+\\.bin")).toList();
        }
    }

    /** The first {@value #ROWS} real rows as POST /sample bodies, and every 97th row after them as a query. */
    private static void read(List<String> batches, List<String> queries) throws IOException {
        try (DatasetReader reader = DatasetReader.open(RealData.zip())) {
            StringBuilder body = new StringBuilder();
            int row = 0;
            for (Sample sample; (sample = reader.next()) != null && queries.size() < 500; row++) {
                if (row < ROWS) {
                    body.append(row % BATCH == 0 ? "[" : ",");
                    SampleJson.appendSample(body, sample);
                    if (row % BATCH == BATCH - 1) {
                        batches.add(body.append(']').toString());
                        body.setLength(0);
                    }
                } else if (row % 97 == 0) {
                    StringBuilder query = new StringBuilder();
                    SampleJson.appendQuery(query, sample);
                    queries.add(query.toString());
                }
            }
        }
    }

    /** The store alone, without its snapshots: what a start must replay whole. */
    private static void copyStore(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (!name.equals("ledgerlearn.lock") && !name.startsWith("snapshot-")) {
                    Files.copy(file, to.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
