package ledgerlearn.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import ledgerlearn.metrics.Average;
import ledgerlearn.model.Model;
import ledgerlearn.model.ModelOptions;
import ledgerlearn.sample.Sample;
import ledgerlearn.snapshot.SnapshotFiles;
import ledgerlearn.store.SampleStore;
import ledgerlearn.testing.DataDirs;
import ledgerlearn.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deleting a company leaves exactly the learner that only the other companies' rows would have made. */
final class CompanyDeletionTest {
    private static final List<Sample> STREAM = Samples.stream(3_000, 29);
    private static final String GONE = "int:44fa489";

    @TempDir
    Path dir;

    @Test
    void deletionEqualsALearnerFedOnlyTheOtherRowsAndSoDoesItsRestart() throws IOException {
        List<Sample> others = STREAM.stream().filter(sample -> !sample.companyId().equals(GONE)).toList();
        Path deleted = dir.resolve("deleted");
        Path scratch = dir.resolve("scratch");
        List<Object> expected;
        try (Learner fresh = Learner.open(scratch, false, ModelOptions.DEFAULT)) {
            learnInBatches(fresh, others, 97);
            expected = answers(fresh);
        }
        try (Learner learner = Learner.open(deleted, false, ModelOptions.DEFAULT)) {
            learnInBatches(learner, STREAM, 131);

            Learner.Deletion deletion = learner.deleteCompany(GONE);

            assertEquals(new Learner.Deletion(STREAM.size() - others.size(), others.size()), deletion);
            assertEquals(expected, answers(learner));
        }
        assertArrayEquals(Files.readAllBytes(scratch.resolve(SampleStore.FILE_NAME)),
                Files.readAllBytes(deleted.resolve(SampleStore.FILE_NAME)));
        try (Learner restarted = Learner.open(deleted, false, ModelOptions.DEFAULT)) {
            assertEquals(expected, answers(restarted));
        }
    }

    @Test
    void noByteOfTheDeletedCompanyIsLeftInTheDataDirAndTheNextStartLoadsASnapshot() throws IOException {
        try (Learner learner = Learner.open(dir, true, ModelOptions.DEFAULT, Model.DEFAULT_AUTO_BOOK_PRECISION, 500)) {
            learnInBatches(learner, STREAM, 200);
            learner.snapshotsWritten();
            assertFalse(SnapshotFiles.list(dir).isEmpty());

            learner.deleteCompany(GONE);

            assertFalse(DataDirs.anyFileHolds(dir, GONE), "the deleted company's id is gone from every file");
            learner.snapshotsWritten();
            assertEquals(1, SnapshotFiles.list(dir).size(), "a snapshot of the rows left");
            assertFalse(DataDirs.anyFileHolds(dir, GONE));
        }
        try (Learner restarted = Learner.open(dir, true, ModelOptions.DEFAULT, Model.DEFAULT_AUTO_BOOK_PRECISION, 500)) {
            assertTrue(restarted.restoredRows() > 0);
            assertFalse(restarted.samplesByCompany().containsKey(GONE));
        }
    }

    @Test
    void anUnknownCompanyDeletesNothing() throws IOException {
        try (Learner learner = Learner.open(dir, false, ModelOptions.DEFAULT)) {
            learnInBatches(learner, STREAM.subList(0, 100), 50);
            byte[] before = Files.readAllBytes(dir.resolve(SampleStore.FILE_NAME));

            assertNull(learner.deleteCompany("int:never-seen"));

            assertArrayEquals(before, Files.readAllBytes(dir.resolve(SampleStore.FILE_NAME)));
        }
    }

    @Test
    void deletingEveryCompanyLeavesAnEmptyLearnerThatLearnsAgain() throws IOException {
        try (Learner learner = Learner.open(dir, false, ModelOptions.DEFAULT)) {
            learnInBatches(learner, STREAM.subList(0, 300), 100);
            for (String company : List.copyOf(learner.samplesByCompany().keySet())) {
                learner.deleteCompany(company);
            }

            assertEquals(0, learner.samples());
            assertEquals(List.of(), learner.predict(STREAM.get(0).transaction(), 1));
            assertEquals(0, learner.scores(10, Average.MACRO).n());
            assertEquals(new Learner.BatchResult(2, 2), learner.learn(STREAM.subList(0, 2)));
        }
    }

    @Test
    void exportWritesTheCompanysRowsInStoreOrderWithTheirPredictions() throws IOException {
        try (Learner learner = Learner.open(dir, false, ModelOptions.DEFAULT)) {
            learnInBatches(learner, STREAM.subList(0, 200), 64);
            ByteArrayOutputStream out = new ByteArrayOutputStream();

            long rows = learner.export(GONE, false, out);

            List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
            assertEquals(learner.samplesByCompany().get(GONE), rows);
            assertEquals(rows + 1, lines.size());
            assertTrue(lines.get(0).endsWith("PredictedAccountNumber,PredictedProbability"), lines.get(0));
            List<String> stored = Files.readAllLines(dir.resolve(SampleStore.FILE_NAME)).stream()
                    .filter(line -> line.contains("," + GONE + ",")).toList();
            assertEquals(stored, lines.subList(1, lines.size()));
        }
    }

    static void learnInBatches(Learner learner, List<Sample> samples, int size) {
        for (int from = 0; from < samples.size(); from += size) {
            learner.learn(samples.subList(from, Math.min(samples.size(), from + size)));
        }
    }

    /** What a learner answers: counts, metrics of every kind, suggestions with detail, the model's checksum. */
    static List<Object> answers(Learner learner) {
        List<Object> answers = new ArrayList<>();
        answers.add(learner.samples());
        answers.add(learner.classes());
        answers.add(learner.scored());
        answers.add(learner.checksum());
        answers.add(learner.samplesByCompany());
        answers.add(learner.recent(null));
        for (Average average : Average.values()) {
            answers.add(learner.scores(1_000_000, average));
            answers.add(learner.scores(100, average, "int:a055470"));
            answers.add(learner.curve(100, average));
        }
        for (Sample sample : Stream.concat(STREAM.subList(0, 40).stream(),
                Stream.of(Samples.sample(GONE, "1", "str:acc1"), Samples.sample("int:new", "1", "str:acc2"))).toList()) {
            answers.add(learner.suggest(sample.transaction(), 5));
        }
        return answers;
    }
}
