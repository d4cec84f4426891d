package ledgerlearn.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.function.Function;
import ledgerlearn.dataset.DatasetReader;
import ledgerlearn.model.Model;
import ledgerlearn.model.ModelOptions;
import ledgerlearn.testing.RealData;
import org.junit.jupiter.api.Test;

/** The whole real stream, per-sample prequential, with the default settings: the figures docs/MODEL.md reports. */
final class RealDataEvaluationTest {

    @Test
    void defaultsMeetEveryQualityTargetAndBeatBothBaselinesOnTheRealStream() throws IOException {
        Evaluation evaluation;
        try (DatasetReader reader = DatasetReader.open(RealData.zip())) {
            evaluation = Evaluator.run(reader::next, new Evaluator.Settings("real", ModelOptions.DEFAULT,
                    Model.DEFAULT_AUTO_BOOK_PRECISION, Long.MAX_VALUE, 87_017, 0));
        }

        assertEquals(RealData.ROWS, evaluation.rows());
        assertEquals("int:c34046f", evaluation.largestCompany());
        Result model = evaluation.results().get(0);
        String figures = model.toString();
        assertTrue(model.accuracy() >= 0.976, figures);
        assertTrue(model.accuracyWithoutLargest() >= 0.75, figures);
        assertTrue(model.meanCompanyAccuracy() >= 0.64, figures);
        assertTrue(model.macroPrecision() >= 0.40, figures);
        assertTrue(model.macroRecall() >= 0.31, figures);
        assertTrue(model.top3Accuracy() >= 0.987, figures);
        for (Result baseline : evaluation.results().subList(1, 3)) {
            for (Function<Result, Double> figure : java.util.List.<Function<Result, Double>>of(Result::accuracy,
                    Result::top3Accuracy, Result::macroPrecision, Result::macroRecall, Result::accuracyWithoutLargest,
                    Result::meanCompanyAccuracy, Result::tailAccuracy)) {
                assertTrue(figure.apply(model) > figure.apply(baseline), baseline.name() + ": " + baseline);
            }
        }
    }
}
