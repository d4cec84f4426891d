package ledgerlearn.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.function.Function;
import ledgerlearn.dataset.DatasetReader;
import ledgerlearn.model.Model;
import ledgerlearn.model.ModelOptions;
import ledgerlearn.testing.RealData;
import org.junit.jupiter.api.Test;

/**
 * The real stream, per-sample prequential, with the default settings (chosen on rows before 368,508, see
 * docs/MODEL.md): the figures out of sample, on the rows from 368,508 on, and over the whole stream.
 */
final class RealDataEvaluationTest {
    private static final long FIRST_UNSEEN_ROW = 368_508;

    private static Evaluation evaluate(long from) throws IOException {
        try (DatasetReader reader = DatasetReader.open(RealData.zip())) {
            return Evaluator.run(reader::next, new Evaluator.Settings("real", ModelOptions.DEFAULT,
                    Model.DEFAULT_AUTO_BOOK_PRECISION, Long.MAX_VALUE, 87_017, from));
        }
    }

    @Test
    void outOfSampleTheDefaultsMeetTheTrustTargetsForCompaniesTheyWereNotChosenOn() throws IOException {
        Evaluation evaluation = evaluate(FIRST_UNSEEN_ROW);

        assertEquals(RealData.ROWS - FIRST_UNSEEN_ROW, evaluation.counted());
        Result model = evaluation.results().get(0);
        String figures = model.toString();
        assertTrue(model.accuracyWithoutLargest() >= 0.78, figures);
        assertTrue(model.meanCompanyAccuracy() >= 0.67, figures);
        assertTrue(model.macroRecall() >= 0.35, figures);
        assertTrue(model.macroPrecision() >= 0.40, figures);
        assertTrue(model.calibrationError() <= 0.02, figures);
        assertTrue(model.calibrationErrorBelowFirst() <= 0.02, figures);
        assertTrue(model.autoBook().precision() >= 0.94, figures);
    }

    @Test
    void overTheWholeStreamTheDefaultsBeatBothBaselinesOnEveryFigure() throws IOException {
        Evaluation evaluation = evaluate(0);

        assertEquals(RealData.ROWS, evaluation.rows());
        assertEquals("int:c34046f", evaluation.largestCompany());
        Result model = evaluation.results().get(0);
        String figures = model.toString();
        assertTrue(model.accuracyWithoutLargest() >= 0.79, figures);
        assertTrue(model.meanCompanyAccuracy() >= 0.67, figures);
        assertTrue(model.macroRecall() >= 0.35, figures);
        assertTrue(model.tailAccuracy() >= 0.86, figures);
        assertTrue(model.accuracy() >= 0.976, figures);
        assertTrue(model.macroPrecision() >= 0.40, figures);
        assertTrue(model.top3Accuracy() >= 0.987, figures);
        for (Result baseline : evaluation.results().subList(1, 3)) {
            for (Function<Result, Double> figure : List.<Function<Result, Double>>of(Result::accuracy,
                    Result::top3Accuracy, Result::macroPrecision, Result::macroRecall, Result::accuracyWithoutLargest,
                    Result::meanCompanyAccuracy, Result::tailAccuracy)) {
                assertTrue(figure.apply(model) > figure.apply(baseline), baseline.name() + ": " + baseline);
            }
        }
    }
}
