package ledgerlearn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import ledgerlearn.metrics.Average;
import ledgerlearn.metrics.Scores;
import ledgerlearn.model.ModelOptions;
import ledgerlearn.sample.Sample;
import ledgerlearn.store.SampleStore;
import ledgerlearn.store.StoredSample;
import ledgerlearn.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class LearnerTest {
    private static final List<Sample> STREAM = Samples.stream(2_000, 11);

    @TempDir
    Path dir;

    @Test
    void restartReproducesPredictionsAndMetrics() throws IOException {
        List<List<String>> predictionsBefore;
        List<Scores> scoresBefore;
        try (Learner learner = Learner.open(dir, true, ModelOptions.DEFAULT)) {
            for (List<Sample> chunk : chunks(STREAM, new Random(1))) {
                learner.learn(chunk);
            }
            predictionsBefore = predictions(learner);
            scoresBefore = scores(learner);
        }

        try (Learner restarted = Learner.open(dir, true, ModelOptions.DEFAULT)) {
            assertEquals(STREAM.size(), restarted.samples());
            assertEquals(predictionsBefore, predictions(restarted));
            assertEquals(scoresBefore, scores(restarted));
        }
    }

    @Test
    void sameRowsInOneBatchOrInManyGiveTheSameStoreAndMetrics() throws IOException {
        Path whole = Files.createDirectory(dir.resolve("whole"));
        Path chunked = Files.createDirectory(dir.resolve("chunked"));
        Path single = Files.createDirectory(dir.resolve("single"));
        List<Scores> wholeScores;
        try (Learner learner = Learner.open(whole, false, ModelOptions.DEFAULT)) {
            learner.learn(STREAM);
            wholeScores = scores(learner);
        }
        try (Learner learner = Learner.open(chunked, false, ModelOptions.DEFAULT)) {
            for (List<Sample> chunk : chunks(STREAM, new Random(2))) {
                learner.learn(chunk);
            }
            assertEquals(wholeScores, scores(learner));
        }
        try (Learner learner = Learner.open(single, false, ModelOptions.DEFAULT)) {
            for (Sample sample : STREAM.subList(0, 300)) {
                learner.learn(List.of(sample));
            }
        }

        byte[] expected = Files.readAllBytes(whole.resolve(SampleStore.FILE_NAME));
        assertEquals(new String(expected), Files.readString(chunked.resolve(SampleStore.FILE_NAME)));
        List<String> wholeLines = Files.readAllLines(whole.resolve(SampleStore.FILE_NAME)).subList(0, 301);
        assertEquals(wholeLines, Files.readAllLines(single.resolve(SampleStore.FILE_NAME)));
    }

    @Test
    void reportsTheStoreTotalAfterEachBatch() throws IOException {
        try (Learner learner = Learner.open(dir, true, ModelOptions.DEFAULT)) {
            assertEquals(new Learner.BatchResult(10, 10), learner.learn(STREAM.subList(0, 10)));
            assertEquals(new Learner.BatchResult(5, 15), learner.learn(STREAM.subList(10, 15)));
        }
    }

    @Test
    void keepsTheLatestScoredSamplesNewestFirstAndTheSameAfterRestart() throws IOException {
        List<StoredSample> recent;
        try (Learner learner = Learner.open(dir, true, ModelOptions.DEFAULT)) {
            for (List<Sample> chunk : chunks(STREAM, new Random(3))) {
                learner.learn(chunk);
            }
            recent = learner.recent();
        }

        assertEquals(Learner.RECENT_CAPACITY, recent.size());
        List<Sample> newestFirst = new ArrayList<>(STREAM.subList(STREAM.size() - Learner.RECENT_CAPACITY, STREAM.size()));
        Collections.reverse(newestFirst);
        assertEquals(newestFirst, recent.stream().map(StoredSample::sample).toList());
        try (Learner restarted = Learner.open(dir, true, ModelOptions.DEFAULT)) {
            assertEquals(recent, restarted.recent());
        }
    }

    @Test
    void countsSamplesPerCompanyIncludingTheUnscoredFirstOne() throws IOException {
        Map<String, Long> expected = STREAM.stream()
                .collect(Collectors.groupingBy(Sample::companyId, Collectors.counting()));
        try (Learner learner = Learner.open(dir, true, ModelOptions.DEFAULT)) {
            learner.learn(STREAM.subList(0, 1));
            assertEquals(Map.of(STREAM.get(0).companyId(), 1L), learner.samplesByCompany());
            assertEquals(List.of(), learner.recent(), "the first sample ever was not predicted");
            assertEquals(0, learner.scored());

            learner.learn(STREAM.subList(1, STREAM.size()));
            assertEquals(expected, learner.samplesByCompany());
            assertEquals(STREAM.size() - 1, learner.scored());
        }
        try (Learner restarted = Learner.open(dir, true, ModelOptions.DEFAULT)) {
            assertEquals(expected, restarted.samplesByCompany());
        }
    }

    @Test
    void refusesBatchesOnceClosed() throws IOException {
        Learner learner = Learner.open(dir, true, ModelOptions.DEFAULT);
        learner.close();

        assertThrows(Learner.StoreFailedException.class, () -> learner.learn(STREAM.subList(0, 1)));
    }

    private static List<List<Sample>> chunks(List<Sample> stream, Random random) {
        List<List<Sample>> chunks = new ArrayList<>();
        for (int start = 0; start < stream.size(); ) {
            int end = Math.min(stream.size(), start + 1 + random.nextInt(150));
            chunks.add(stream.subList(start, end));
            start = end;
        }
        return chunks;
    }

    private static List<List<String>> predictions(Learner learner) {
        List<List<String>> predictions = new ArrayList<>();
        for (Sample sample : Samples.stream(200, 99)) {
            predictions.add(learner.predict(sample.transaction(), 3));
        }
        return predictions;
    }

    private static List<Scores> scores(Learner learner) {
        List<Scores> scores = new ArrayList<>();
        for (int n : new int[] {1, 10, 100, 1000, 100_000}) {
            for (Average average : Average.values()) {
                scores.add(learner.scores(n, average));
            }
        }
        return scores;
    }
}
