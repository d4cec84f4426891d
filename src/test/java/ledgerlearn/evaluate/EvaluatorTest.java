package ledgerlearn.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import ledgerlearn.learn.Learner;
import ledgerlearn.metrics.Average;
import ledgerlearn.metrics.Scores;
import ledgerlearn.model.Model;
import ledgerlearn.model.ModelOptions;
import ledgerlearn.sample.Sample;
import ledgerlearn.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class EvaluatorTest {
    private static final List<String> COMPANIES = List.of("int:a055470", "int:44fa489", "int:c34046f");

    @TempDir
    Path dir;

    private static Evaluator.Rows rows(List<Sample> samples) {
        Iterator<Sample> iterator = samples.iterator();
        return () -> iterator.hasNext() ? iterator.next() : null;
    }

    @Test
    void modelFiguresAreWhatTheServersLearnerScores() throws IOException {
        List<Sample> stream = Samples.stream(15_400, 5);
        ModelOptions options = ModelOptions.DEFAULT;
        Scores atCheckpoint = null;
        Scores macro;
        Scores micro;
        List<Scores> byCompany = new ArrayList<>();
        Scores tail;
        try (Learner learner = Learner.open(dir, false, options)) {
            Random random = new Random(1);
            for (int start = 0; start < stream.size(); ) {
                // batches end exactly at the checkpoint row, so its metrics can be read there
                int limit = start < Evaluator.CHECKPOINT_ROWS ? Evaluator.CHECKPOINT_ROWS : stream.size();
                int end = Math.min(limit, start + 1 + random.nextInt(700));
                learner.learn(stream.subList(start, end));
                if (end == Evaluator.CHECKPOINT_ROWS) {
                    atCheckpoint = learner.scores(Evaluator.CHECKPOINT_WINDOW, Average.MACRO);
                }
                start = end;
            }
            macro = learner.scores(Integer.MAX_VALUE, Average.MACRO);
            micro = learner.scores(Integer.MAX_VALUE, Average.MICRO);
            for (String company : COMPANIES) {
                byCompany.add(learner.scores(Integer.MAX_VALUE, Average.MICRO, company));
            }
            tail = learner.scores(2_000, Average.MICRO);
        }

        Evaluation evaluation = Evaluator.run(rows(stream), settings(Long.MAX_VALUE, 2_000, 0));

        Result model = evaluation.results().get(0);
        assertEquals("model", model.name());
        assertEquals(stream.size(), evaluation.rows());
        assertEquals(3, evaluation.companies());
        assertEquals(micro.accuracy(), model.accuracy());
        assertEquals(macro.precision(), model.macroPrecision());
        assertEquals(macro.recall(), model.macroRecall());
        assertEquals(tail.accuracy(), model.tailAccuracy());
        assertEquals(atCheckpoint, model.checkpoint());
        double mean = byCompany.stream().mapToDouble(Scores::accuracy).average().orElseThrow();
        assertEquals(mean, model.meanCompanyAccuracy(), 1e-12);
        int largest = COMPANIES.indexOf(evaluation.largestCompany());
        long correct = 0;
        long scored = 0;
        for (int i = 0; i < COMPANIES.size(); i++) {
            if (i != largest) {
                correct += Math.round(byCompany.get(i).accuracy() * byCompany.get(i).n());
                scored += byCompany.get(i).n();
            }
        }
        assertEquals((double) correct / scored, model.accuracyWithoutLargest(), 1e-12);
    }

    @Test
    void baselinesPredictTheAccountsBookedMostSoFar() throws IOException {
        List<Sample> stream = List.of(
                booked("A", "6700"), booked("A", "6700"), booked("A", "4000"), booked("A", "4000"),
                booked("A", "4000"), booked("B", "1000"), booked("B", "1000"), booked("A", "4000"));

        Evaluation evaluation = Evaluator.run(rows(stream), settings(Long.MAX_VALUE, 3, 0));

        assertEquals("A", evaluation.largestCompany());
        assertEquals(6, evaluation.largestCompanyRows());
        // The first row meets no model and is not scored. Row 5 ties 6700 and 4000 at two each: 6700
        // got there first. Row 6 is company B's first, so it gets the global majority, 4000.
        Result company = evaluation.results().get(1);
        assertEquals("company majority", company.name());
        assertEquals(3 / 7.0, company.accuracy(), 1e-12);
        assertEquals(5 / 7.0, company.top3Accuracy(), 1e-12);
        assertEquals(1 / 2.0, company.accuracyWithoutLargest(), 1e-12);
        assertEquals((2 / 5.0 + 1 / 2.0) / 2, company.meanCompanyAccuracy(), 1e-12);
        assertEquals(2 / 3.0, company.tailAccuracy(), 1e-12);
        assertNull(company.checkpoint(), "fewer rows than the checkpoint");
        Result global = evaluation.results().get(2);
        assertEquals("global majority", global.name());
        assertEquals(2 / 7.0, global.accuracy(), 1e-12);
        assertEquals(5 / 7.0, global.top3Accuracy(), 1e-12);
        assertEquals(0.0, global.accuracyWithoutLargest(), 1e-12);
        assertEquals((2 / 5.0 + 0) / 2, global.meanCompanyAccuracy(), 1e-12);
        assertEquals(1 / 3.0, global.tailAccuracy(), 1e-12);
    }

    @Test
    void countsOnlyTheCompaniesThePerCompanyMeanCovers() throws IOException {
        // company C's one row is the stream's first: nothing was learnt yet, so it is not scored
        List<Sample> stream = List.of(booked("C", "9000"), booked("A", "6700"), booked("A", "6700"), booked("B", "1000"));

        Evaluation evaluation = Evaluator.run(rows(stream), settings(Long.MAX_VALUE, 3, 0));

        assertEquals(2, evaluation.companies());
        Result model = evaluation.results().get(0);
        assertEquals(3, model.reliability().rows());
    }

    @Test
    void readsNoMoreThanTheLimit() throws IOException {
        Evaluation evaluation = Evaluator.run(rows(Samples.stream(500, 6)), settings(120, 10, 0));
        assertEquals(120, evaluation.rows());
        assertEquals(120, evaluation.results().get(0).rows());
    }

    @Test
    void fromLearnsEveryRowButCountsOnlyTheRowsFromItOn() throws IOException {
        List<Sample> stream = Samples.stream(3_000, 7);
        int from = 1_800;
        Scores counted;
        Scores autoBooked;
        try (Learner learner = Learner.open(dir, false, ModelOptions.DEFAULT)) {
            learner.learn(stream.subList(0, from));
            long before = learner.scored();
            learner.learn(stream.subList(from, stream.size()));
            counted = learner.scores((int) (learner.scored() - before), Average.MACRO);
            autoBooked = counted;
        }

        Evaluation evaluation = Evaluator.run(rows(stream), settings(Long.MAX_VALUE, 500, from));

        Result model = evaluation.results().get(0);
        assertEquals(stream.size(), evaluation.rows());
        assertEquals(stream.size() - from, evaluation.counted());
        assertEquals(counted.accuracy(), model.accuracy());
        assertEquals(counted.precision(), model.macroPrecision());
        assertEquals(counted.recall(), model.macroRecall());
        assertEquals(autoBooked.autoBook(), model.autoBook(), "auto-booked as the server decides it");
        assertEquals(stream.size() - from, model.reliability().rows(), "one first suggestion per counted row");
        assertNull(evaluation.results().get(1).calibrationError(), "a baseline shows no probabilities");
    }

    @Test
    void calibrationErrorIsTheBinsMeanGapWeightedByRows() {
        Reliability reliability = new Reliability();
        // bin 0.9: four rows shown 0.9, three right; bin 0.5: two shown 0.55, both right
        for (int i = 0; i < 4; i++) {
            reliability.add(0.9, i < 3);
        }
        reliability.add(0.55, true);
        reliability.add(0.55, true);

        assertEquals((Math.abs(3 - 3.6) + Math.abs(2 - 1.1)) / 6, reliability.calibrationError(), 1e-12);
        assertEquals(4, reliability.bins().get(9).rows());
        assertEquals(0.75, reliability.bins().get(9).shareRight(), 1e-12);
        assertEquals(1.0, reliability.atLeast().get(0).share(), 1e-12, "p >= 0.5: all six rows");
        assertEquals(5 / 6.0, reliability.atLeast().get(0).shareRight(), 1e-12);
        assertEquals(4 / 6.0, reliability.atLeast().get(4).share(), 1e-12, "p >= 0.9");
        assertNull(new Reliability().calibrationError());
    }

    private static Evaluator.Settings settings(long limit, int tailRows, long from) {
        return new Evaluator.Settings("test", ModelOptions.DEFAULT, Model.DEFAULT_AUTO_BOOK_PRECISION, limit, tailRows,
                from);
    }

    private static Sample booked(String company, String account) {
        return new Sample("", company, "2016-01-01", "str:x", "< 10", "", account, "");
    }
}
