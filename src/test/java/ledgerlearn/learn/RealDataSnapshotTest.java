package ledgerlearn.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import ledgerlearn.dataset.DatasetReader;
import ledgerlearn.metrics.Average;
import ledgerlearn.model.Model;
import ledgerlearn.model.ModelOptions;
import ledgerlearn.sample.Sample;
import ledgerlearn.snapshot.SnapshotFiles;
import ledgerlearn.testing.RealData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On the real stream, a snapshot and the rows after it give exactly the state a full replay gives. */
final class RealDataSnapshotTest {
    @TempDir
    Path dir;

    @Test
    void snapshotAndTailEqualAFullReplayOfTheRealStream() throws IOException {
        Path live = Files.createDirectory(dir.resolve("live"));
        List<Sample> heldOut = new ArrayList<>();
        Path image = Files.createDirectory(dir.resolve("image"));
        long before;
        List<Object> liveAnswers;
        try (Learner learner = Learner.open(live, false, ModelOptions.DEFAULT, Model.DEFAULT_AUTO_BOOK_PRECISION, 300_000);
             DatasetReader reader = DatasetReader.open(RealData.zip())) {
            List<Sample> batch = new ArrayList<>(5_000);
            int row = 0;
            for (Sample sample; (sample = reader.next()) != null; row++) {
                if (row % 737 == 0) {
                    heldOut.add(sample);
                }
                batch.add(sample);
                if (batch.size() == 5_000) {
                    learner.learn(batch);
                    batch.clear();
                }
            }
            learner.learn(batch);
            learner.snapshotsWritten();
            copy(live, image);
            before = learner.checksum();
            liveAnswers = answers(learner, heldOut);
        }
        List<Path> snapshots = SnapshotFiles.list(image);
        Path full = Files.createDirectory(dir.resolve("full"));
        copy(image, full);
        SnapshotFiles.deleteAll(full);

        try (Learner restarted = Learner.open(image, false, ModelOptions.DEFAULT, Model.DEFAULT_AUTO_BOOK_PRECISION, 0);
             Learner replayed = Learner.open(full, false, ModelOptions.DEFAULT, Model.DEFAULT_AUTO_BOOK_PRECISION, 0)) {
            System.out.printf("snapshot: restored %,d rows from %s and replayed the %,d after them%n",
                    restarted.restoredRows(), snapshots.get(0).getFileName(), restarted.samples() - restarted.restoredRows());
            // written in the background as the stream went by: after at least 300,000 rows, before the last
            assertTrue(restarted.restoredRows() >= 300_000 && restarted.restoredRows() < RealData.ROWS,
                    "restored " + restarted.restoredRows());
            assertEquals(0, replayed.restoredRows());
            assertEquals(before, restarted.checksum());
            assertEquals(before, replayed.checksum());
            assertEquals(liveAnswers, answers(restarted, heldOut));
            assertEquals(liveAnswers, answers(replayed, heldOut));
        }
    }

    private static List<Object> answers(Learner learner, List<Sample> queries) {
        List<Object> answers = new ArrayList<>();
        answers.add(learner.samples());
        answers.add(learner.scores(1_000_000, Average.MACRO));
        answers.add(learner.scores(1_000, Average.WEIGHTED, "int:c34046f"));
        for (Sample sample : queries) {
            answers.add(learner.suggest(sample.transaction(), 5));
        }
        return answers;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                if (!file.getFileName().toString().equals("ledgerlearn.lock")) {
                    Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
