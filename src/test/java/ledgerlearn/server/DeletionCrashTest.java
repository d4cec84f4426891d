package ledgerlearn.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import ledgerlearn.learn.Learner;
import ledgerlearn.model.Model;
import ledgerlearn.model.ModelOptions;
import ledgerlearn.sample.Sample;
import ledgerlearn.store.SampleStore;
import ledgerlearn.testing.ForkedServer;
import ledgerlearn.testing.HttpTarget;
import ledgerlearn.testing.DataDirs;
import ledgerlearn.testing.Samples;
import ledgerlearn.testing.TempDirs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server in its own JVM is SIGKILLed while it deletes a company, at each stage of the deletion in turn; each
 * restart finds either the state before the deletion or the state after it, never a mix, and no row of another
 * company lost.
 */
final class DeletionCrashTest {
    private static final long SEED = 12L;
    private static final int ROWS = 10_000;
    private static final int ROUNDS = 12;
    private static final String GONE = "int:44fa489";
    private static final String KEYS = "batch-keys.csv";

    @TempDir
    Path dir;

    /** One side of the deletion: the store's and the key log's bytes, and the model's checksum. */
    private record State(byte[] store, byte[] keys, long checksum) {
    }

    /** Where in the deletion a kill lands: waits (polling the data dir) until then, or not at all. */
    private enum Stage {
        AT_ONCE, WRITING_THE_NEW_STORE, NEW_STORE_HALF_WRITTEN, NEW_KEY_LOG_WRITTEN, COMMIT_RECORD_DELETED, ANSWERED
    }

    @Test
    void aKillAnywhereInADeletionLeavesTheStateBeforeOrAfterItNeverAMix() throws Exception {
        Path image = Files.createDirectory(dir.resolve("image"));
        writeStore(image);
        State before = stateAfterOpening(copy(image, dir.resolve("before")));
        Path afterDir = copy(image, dir.resolve("after"));
        State after;
        try (Learner learner = Learner.open(afterDir, true, ModelOptions.DEFAULT, Model.DEFAULT_AUTO_BOOK_PRECISION, 0)) {
            learner.deleteCompany(GONE);
        }
        after = stateAfterOpening(afterDir);
        assertFalse(java.util.Arrays.equals(before.store(), after.store()));

        Random schedule = new Random(SEED);
        int[] befores = new int[Stage.values().length];
        int[] afters = new int[Stage.values().length];
        for (int round = 0; round < ROUNDS; round++) {
            Stage stage = Stage.values()[round % Stage.values().length];
            Path dataDir = copy(image, dir.resolve("round-" + round));
            try (ForkedServer server = ForkedServer.start(dataDir, "--snapshot-every", "4000")) {
                CompletableFuture<HttpResponse<String>> answer = HttpTarget.CLIENT.sendAsync(
                        HttpRequest.newBuilder(server.uri("/companies/" + GONE)).DELETE().build(),
                        HttpResponse.BodyHandlers.ofString());
                await(stage, dataDir, answer);
                spin(schedule.nextInt(300));
                server.kill();
                if (stage == Stage.ANSWERED) {
                    assertEquals(200, answer.get().statusCode(), answer.get().body());
                }
            }
            State found = stateAfterOpening(dataDir);
            try (Stream<Path> files = Files.list(dataDir)) {
                assertTrue(files.noneMatch(file -> file.toString().endsWith(".rewrite")), "no rewrite left behind");
            }
            if (found.checksum() == before.checksum()) {
                assertArrayEquals(before.store(), found.store(), "round " + round + ": the store before");
                assertArrayEquals(before.keys(), found.keys(), "round " + round + ": the keys before");
                assertTrue(stage != Stage.ANSWERED, "an answered deletion is durable");
                befores[stage.ordinal()]++;
            } else {
                assertEquals(after.checksum(), found.checksum(), "round " + round + " (" + stage + "): before or after");
                assertArrayEquals(after.store(), found.store(), "round " + round + ": the store after");
                assertArrayEquals(after.keys(), found.keys(), "round " + round + ": the keys after");
                assertFalse(DataDirs.anyFileHolds(dataDir, GONE), "round " + round + ": nothing of the deleted company left");
                afters[stage.ordinal()]++;
            }
            TempDirs.delete(dataDir);
        }
        StringBuilder stages = new StringBuilder();
        for (Stage stage : Stage.values()) {
            stages.append(String.format("%s%s %d/%d", stages.length() == 0 ? "" : ", ",
                    stage.name().toLowerCase().replace('_', ' '), befores[stage.ordinal()], afters[stage.ordinal()]));
        }
        System.out.printf("reliability: %d SIGKILLs during a deletion (%,d rows, snapshots and keys): %d restarts found"
                        + " the state before, %d the state after, 0 a mix, 0 rows of other companies lost (before/after by"
                        + " stage: %s)%n", ROUNDS, ROWS, java.util.Arrays.stream(befores).sum(),
                java.util.Arrays.stream(afters).sum(), stages);
    }

    /** A store of {@value #ROWS} rows in keyed batches, some of them all of the company to delete, with snapshots. */
    private static void writeStore(Path image) throws IOException {
        List<Sample> rows = Samples.stream(ROWS, SEED);
        Random sizes = new Random(SEED);
        try (Learner learner = Learner.open(image, true, ModelOptions.DEFAULT, Model.DEFAULT_AUTO_BOOK_PRECISION, 4_000)) {
            int batch = 0;
            for (int from = 0; from < rows.size(); batch++) {
                int to = Math.min(rows.size(), from + 1 + sizes.nextInt(500));
                List<Sample> chunk = rows.subList(from, to);
                if (batch % 5 == 0) {
                    chunk = chunk.stream().filter(s -> s.companyId().equals(GONE)).toList();
                }
                if (!chunk.isEmpty()) {
                    learner.learn(chunk, "batch " + batch);
                }
                from = to;
            }
            learner.snapshotsWritten();
        }
    }

    private static void await(Stage stage, Path dataDir, CompletableFuture<?> answer) {
        Path rewrite = dataDir.resolve("samples.csv.rewrite");
        BooleanSupplier reached = switch (stage) {
            case AT_ONCE -> () -> true;
            case WRITING_THE_NEW_STORE -> () -> Files.exists(rewrite);
            case NEW_STORE_HALF_WRITTEN -> () -> size(rewrite) > size(dataDir.resolve(SampleStore.FILE_NAME)) / 2;
            case NEW_KEY_LOG_WRITTEN -> () -> Files.exists(dataDir.resolve(KEYS + ".rewrite"));
            case COMMIT_RECORD_DELETED -> () -> !Files.exists(dataDir.resolve("samples.commit"));
            case ANSWERED -> answer::isDone;
        };
        long deadline = System.nanoTime() + 120_000_000_000L;
        // polled as fast as it can be: some stages last microseconds; a deletion that ended first is killed after
        while (!reached.getAsBoolean() && !answer.isDone() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        if (stage == Stage.ANSWERED) {
            answer.join();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static void spin(int micros) {
        long until = System.nanoTime() + micros * 1_000L;
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }

    /** Opens the data dir as a restarted server would, and reads what it holds. */
    private static State stateAfterOpening(Path dataDir) throws IOException {
        long checksum;
        try (Learner learner = Learner.open(dataDir, true, ModelOptions.DEFAULT, Model.DEFAULT_AUTO_BOOK_PRECISION, 0)) {
            checksum = learner.checksum();
        }
        Path keys = dataDir.resolve(KEYS);
        return new State(Files.readAllBytes(dataDir.resolve(SampleStore.FILE_NAME)),
                Files.exists(keys) ? Files.readAllBytes(keys) : new byte[0], checksum);
    }

    private static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                if (!file.getFileName().toString().equals("ledgerlearn.lock")) {
                    Files.copy(file, to.resolve(file.getFileName()));
                }
            }
        }
        return to;
    }
}
