package ledgerlearn.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import ledgerlearn.metrics.Average;
import ledgerlearn.model.Model;
import ledgerlearn.model.ModelOptions;
import ledgerlearn.sample.Sample;
import ledgerlearn.snapshot.SnapshotFiles;
import ledgerlearn.testing.CapturedLog;
import ledgerlearn.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A start loads the newest snapshot the store holds and replays the rows after it; whatever it loads, it ends equal to a full replay. */
final class SnapshotTest {
    private static final List<Sample> STREAM = Samples.stream(3_000, 21);

    @TempDir
    Path dir;

    /** What a learner answers: its model's checksum, scores over several windows, and suggestions. */
    private static List<Object> answers(Learner learner) {
        List<Object> answers = new ArrayList<>();
        answers.add(learner.checksum());
        answers.add(learner.samples());
        for (int n : new int[] {1, 100, 1_000_000}) {
            for (Average average : Average.values()) {
                answers.add(learner.scores(n, average));
            }
        }
        answers.add(learner.scores(1_000_000, Average.MACRO, "int:a055470"));
        answers.add(learner.recent(null));
        answers.add(learner.samplesByCompany());
        for (Sample sample : STREAM.subList(0, 40)) {
            answers.add(learner.suggest(sample.transaction(), 3));
        }
        return answers;
    }

    /** The files a crash at this moment would leave: the store and snapshots as they are on disk now. */
    private Path crashImage(Path from) throws IOException {
        Path image = Files.createTempDirectory(dir, "crash-");
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, image.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.deleteIfExists(image.resolve("ledgerlearn.lock"));
        return image;
    }

    private List<Object> fullReplayOf(Path image) throws IOException {
        Path copy = crashImage(image);
        SnapshotFiles.deleteAll(copy);
        try (Learner replayed = Learner.open(copy, false, ModelOptions.DEFAULT, Model.DEFAULT_AUTO_BOOK_PRECISION, 0)) {
            assertEquals(0, replayed.restoredRows());
            return answers(replayed);
        }
    }

    @Test
    void aStartLoadsTheNewestSnapshotReplaysOnlyTheRowsAfterItAndEqualsAFullReplay() throws IOException {
        Path live = Files.createDirectory(dir.resolve("live"));
        Path image;
        List<Object> liveAnswers;
        try (Learner learner = Learner.open(live, true, ModelOptions.DEFAULT, Model.DEFAULT_AUTO_BOOK_PRECISION, 0)) {
            learner.learn(STREAM.subList(0, 1_000));
            assertNotNull(learner.snapshot());
            learner.learn(STREAM.subList(1_000, 1_700));
            assertNotNull(learner.snapshot());
            learner.learn(STREAM.subList(1_700, STREAM.size()));
            image = crashImage(live);
            liveAnswers = answers(learner);
        }

        assertEquals(2, SnapshotFiles.list(image).size());
        try (Learner restarted = Learner.open(image, true, ModelOptions.DEFAULT, Model.DEFAULT_AUTO_BOOK_PRECISION, 0)) {
            assertEquals(1_700, restarted.restoredRows());
            assertEquals(liveAnswers, answers(restarted));
        }
        assertEquals(liveAnswers, fullReplayOf(image));
    }

    @Test
    void aSecondLearnerOnADataDirInUseIsRefusedBeforeItReadsASnapshotOrDeletesOneBeingWritten() throws IOException {
        Path live = Files.createDirectory(dir.resolve("live"));
        try (Learner running = Learner.open(live, true, ModelOptions.DEFAULT, Model.DEFAULT_AUTO_BOOK_PRECISION, 0)) {
            running.learn(STREAM.subList(0, 500));
            assertNotNull(running.snapshot());
            // what a crash leaves, or the running learner's next snapshot while it is written
            Path beingWritten = live.resolve(SnapshotFiles.list(live).get(0).getFileName() + ".partial");
            Files.write(beingWritten, new byte[] {1, 2, 3});

            try (CapturedLog log = CapturedLog.of("ledgerlearn")) {
                IOException refused = assertThrows(IOException.class,
                        () -> Learner.open(live, true, ModelOptions.DEFAULT, Model.DEFAULT_AUTO_BOOK_PRECISION, 0).close());
                assertTrue(refused.getMessage().contains("is in use by another ledgerlearn server"), refused.getMessage());
                assertTrue(Files.exists(beingWritten), "the running learner's files are left alone");
                assertTrue(log.messages().stream().noneMatch(m -> m.contains("snapshot")), log.messages().toString());
            }
            running.learn(STREAM.subList(500, 600));
            assertEquals(600, running.samples(), "the running learner goes on");
        }
    }

    /** The data dir of a learner that snapshotted after each of {@code snapshotAfter} rows and learnt every row, as a crash leaves it. */
    private Path imageSnapshottedAfter(int... snapshotAfter) throws IOException {
        Path live = Files.createDirectory(dir.resolve("live"));
        try (Learner learner = Learner.open(live, true, ModelOptions.DEFAULT, Model.DEFAULT_AUTO_BOOK_PRECISION, 0)) {
            int learnt = 0;
            for (int rows : snapshotAfter) {
                learner.learn(STREAM.subList(learnt, rows));
                learner.snapshot();
                learnt = rows;
            }
            learner.learn(STREAM.subList(learnt, STREAM.size()));
            return crashImage(live);
        }
    }

    @Test
    void aSnapshotOfAnEarlierFormatIsPassedOverAndTheStoreReplayed() throws IOException {
        Path image = imageSnapshottedAfter(1_500);
        Path snapshot = SnapshotFiles.list(image).get(0);
        try (RandomAccessFile file = new RandomAccessFile(snapshot.toFile(), "rw")) {
            file.writeInt(0x4c4c5331); // "LLS1": before the feature ids' tables were in the snapshot
        }
        List<Object> expected = fullReplayOf(image);

        try (CapturedLog log = CapturedLog.of("ledgerlearn");
             Learner restarted = Learner.open(image, true, ModelOptions.DEFAULT, Model.DEFAULT_AUTO_BOOK_PRECISION, 0)) {
            assertEquals(0, restarted.restoredRows(), "every row replayed");
            assertEquals(expected, answers(restarted));
            assertTrue(log.messages().stream().anyMatch(m -> m.contains("not a snapshot of this format") && m.contains("passed over")),
                    log.messages().toString());
        }
    }

    @Test
    void aTornOrDamagedSnapshotIsPassedOverWithALogLineForTheOneBeforeOrAFullReplay() throws IOException {
        Path image = imageSnapshottedAfter(1_200, 2_000);
        List<Path> snapshots = SnapshotFiles.list(image);
        assertEquals(2, snapshots.size());
        List<Object> expected = fullReplayOf(image);
        flipAByteIn(snapshots.get(0));

        try (CapturedLog log = CapturedLog.of("ledgerlearn");
             Learner restarted = Learner.open(image, true, ModelOptions.DEFAULT, Model.DEFAULT_AUTO_BOOK_PRECISION, 0)) {
            assertEquals(1_200, restarted.restoredRows(), "the older snapshot");
            assertEquals(expected, answers(restarted));
            assertTrue(log.messages().stream().anyMatch(m -> m.contains("checksum mismatch") && m.contains("passed over")),
                    log.messages().toString());
        }
        // the close above wrote a snapshot of every row; tear them all
        for (Path snapshot : SnapshotFiles.list(image)) {
            try (RandomAccessFile file = new RandomAccessFile(snapshot.toFile(), "rw")) {
                file.setLength(file.length() / 2);
            }
        }
        try (Learner restarted = Learner.open(image, true, ModelOptions.DEFAULT, Model.DEFAULT_AUTO_BOOK_PRECISION, 0)) {
            assertEquals(0, restarted.restoredRows(), "every snapshot torn: a full replay");
            assertEquals(expected, answers(restarted));
        }
    }

    @Test
    void aSnapshotOfOtherSettingsOrOfRowsTheStoreDoesNotHoldIsPassedOver() throws IOException {
        try (Learner learner = Learner.open(dir, true, ModelOptions.DEFAULT, Model.DEFAULT_AUTO_BOOK_PRECISION, 0)) {
            learner.learn(STREAM.subList(0, 500));
        }
        try (Learner other = Learner.open(dir, true, ModelOptions.DEFAULT.withAlpha(1), Model.DEFAULT_AUTO_BOOK_PRECISION, 0)) {
            assertEquals(0, other.restoredRows(), "learnt with another alpha");
        }
        try (Learner other = Learner.open(dir, true, ModelOptions.DEFAULT, 0.9, 0)) {
            assertEquals(0, other.restoredRows(), "another auto-book precision");
        }
        // a store that is no longer the one the snapshots stood on
        Path store = dir.resolve("samples.csv");
        String text = Files.readString(store);
        Files.writeString(store, text.replace("int:", "int:x"));
        try (Learner other = Learner.open(dir, true, ModelOptions.DEFAULT, Model.DEFAULT_AUTO_BOOK_PRECISION, 0)) {
            assertEquals(0, other.restoredRows());
            assertEquals(500, other.samples());
        }
    }

    @Test
    void snapshotsAreWrittenInTheBackgroundEveryNRowsAndOnAGracefulClose() throws IOException {
        try (Learner learner = Learner.open(dir, true, ModelOptions.DEFAULT, Model.DEFAULT_AUTO_BOOK_PRECISION, 400)) {
            learner.learn(STREAM.subList(0, 450));
            // the background snapshot stands where the stream was when it ran: let it run before the next batch
            learner.snapshotsWritten();
            learner.learn(STREAM.subList(450, 500));
        }
        List<Path> snapshots = SnapshotFiles.list(dir);
        assertEquals(2, snapshots.size());
        assertTrue(snapshots.get(0).getFileName().toString().contains("500"), snapshots.toString());
        assertTrue(snapshots.get(1).getFileName().toString().contains("450"), snapshots.toString());
        try (Learner restarted = Learner.open(dir, true, ModelOptions.DEFAULT, Model.DEFAULT_AUTO_BOOK_PRECISION, 400)) {
            assertEquals(500, restarted.restoredRows());
        }
        assertEquals(snapshots, SnapshotFiles.list(dir), "nothing new stored: no new snapshot on close");
    }

    private static void flipAByteIn(Path file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(raf.length() / 2);
            int b = raf.read();
            raf.seek(raf.length() / 2);
            raf.write(b ^ 0x40);
        }
    }
}
