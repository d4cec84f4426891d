package ledgerlearn.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import ledgerlearn.sample.Transaction;
import ledgerlearn.store.SampleStore;
import ledgerlearn.sample.StoredSample;
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
    void restartKeepsAccountNamesAndEachCompanysMetrics() throws IOException {
        List<List<Learner.Suggestion>> suggestionsBefore;
        List<Scores> companyScoresBefore;
        try (Learner learner = Learner.open(dir, true, ModelOptions.DEFAULT)) {
            for (List<Sample> chunk : chunks(STREAM, new Random(3))) {
                learner.learn(chunk);
            }
            suggestionsBefore = suggestions(learner);
            companyScoresBefore = companyScores(learner);
        }

        try (Learner restarted = Learner.open(dir, true, ModelOptions.DEFAULT)) {
            assertEquals(suggestionsBefore, suggestions(restarted));
            assertEquals(companyScoresBefore, companyScores(restarted));
        }
        assertTrue(suggestionsBefore.stream().flatMap(List::stream).allMatch(s -> s.accountName() != null));
        assertTrue(companyScoresBefore.stream().allMatch(s -> s.n() > 0));
    }

    @Test
    void suggestsWithTheNameMostRecentlyBookedWithEachAccount() throws IOException {
        try (Learner learner = Learner.open(dir, false, ModelOptions.DEFAULT)) {
            assertEquals(List.of(), learner.suggest(STREAM.get(0).transaction(), 3));
            learner.learn(List.of(
                    new Sample("", "int:a", "2016-01-01", "str:fee", "< 10", "str:first", "6700", ""),
                    new Sample("", "int:a", "2016-01-02", "str:fee", "< 10", "str:second", "6700", ""),
                    new Sample("", "int:a", "2016-01-03", "str:fee", "< 10", "", "6700", ""),
                    new Sample("", "int:a", "2016-01-03", "str:tax", "< 10", "", "7220", "")));

            List<Learner.Suggestion> suggestions = learner.suggest(new Transaction("int:a", null, "str:fee", null), 5);

            assertEquals(List.of("6700", "7220"), suggestions.stream().map(Learner.Suggestion::account).toList());
            assertEquals("str:second", suggestions.get(0).accountName());
            assertEquals(null, suggestions.get(1).accountName(), "never booked with a name");
            assertEquals(learner.predict(new Transaction("int:a", null, "str:fee", null), 5),
                    suggestions.stream().map(Learner.Suggestion::account).toList());
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
        List<Learner.Recent> recent;
        List<Learner.Recent> ofCompany;
        String company = STREAM.get(0).companyId();
        try (Learner learner = Learner.open(dir, true, ModelOptions.DEFAULT)) {
            for (List<Sample> chunk : chunks(STREAM, new Random(3))) {
                learner.learn(chunk);
            }
            recent = learner.recent(null);
            ofCompany = learner.recent(company);
        }

        assertEquals(Learner.RECENT_CAPACITY, recent.size());
        List<Sample> newestFirst = new ArrayList<>(STREAM.subList(STREAM.size() - Learner.RECENT_CAPACITY, STREAM.size()));
        Collections.reverse(newestFirst);
        assertEquals(newestFirst, recent.stream().map(r -> r.row().sample()).toList());
        List<Sample> companysNewestFirst = new ArrayList<>(STREAM.stream().filter(s -> s.companyId().equals(company)).toList());
        Collections.reverse(companysNewestFirst);
        assertEquals(companysNewestFirst.subList(0, Learner.RECENT_CAPACITY), ofCompany.stream().map(r -> r.row().sample()).toList());
        try (Learner restarted = Learner.open(dir, true, ModelOptions.DEFAULT)) {
            assertEquals(recent, restarted.recent(null), "the same rows, auto-book decisions and names after a replay");
            assertEquals(ofCompany, restarted.recent(company));
        }
    }

    @Test
    void countsSamplesPerCompanyIncludingTheUnscoredFirstOne() throws IOException {
        Map<String, Long> expected = STREAM.stream()
                .collect(Collectors.groupingBy(Sample::companyId, Collectors.counting()));
        try (Learner learner = Learner.open(dir, true, ModelOptions.DEFAULT)) {
            learner.learn(STREAM.subList(0, 1));
            assertEquals(Map.of(STREAM.get(0).companyId(), 1L), learner.samplesByCompany());
            assertEquals(List.of(), learner.recent(null), "the first sample ever was not predicted");
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

    private static List<List<Learner.Suggestion>> suggestions(Learner learner) {
        List<List<Learner.Suggestion>> suggestions = new ArrayList<>();
        for (Sample sample : Samples.stream(100, 98)) {
            suggestions.add(learner.suggest(sample.transaction(), 3));
        }
        return suggestions;
    }

    private static List<Scores> companyScores(Learner learner) {
        List<Scores> scores = new ArrayList<>();
        for (String company : List.of("int:a055470", "int:44fa489", "int:c34046f")) {
            for (int n : new int[] {1, 10, 100, 100_000}) {
                scores.add(learner.scores(n, Average.MACRO, company));
            }
        }
        return scores;
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
