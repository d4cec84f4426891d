package ledgerlearn.evaluate;

import java.util.List;
import ledgerlearn.learn.Prequential;
import ledgerlearn.metrics.ScoreWindow;
import ledgerlearn.model.ModelOptions;
import ledgerlearn.model.NaiveBayes;
import ledgerlearn.sample.Sample;

/** One learner under evaluation, with the window its predictions are scored in. */
abstract class Contender {
    final String name;
    final ScoreWindow window = new ScoreWindow();

    Contender(String name) {
        this.name = name;
    }

    /** The {@code k} best accounts for {@code sample} from what was learnt so far (empty if nothing), then learns it. */
    abstract List<String> predictThenLearn(Sample sample, int k);

    /** Scores the prediction made for {@code sample} ({@code ""}: none). */
    abstract void score(Sample sample, String predicted);

    /** The production learner: the server's own per-sample step over a {@link NaiveBayes}. */
    static Contender model(ModelOptions options) {
        return new Contender("model") {
            private final Prequential step = new Prequential(new NaiveBayes(options), window);

            @Override
            List<String> predictThenLearn(Sample sample, int k) {
                return step.predictThenLearn(sample, k);
            }

            @Override
            void score(Sample sample, String predicted) {
                step.score(sample, predicted);
            }
        };
    }
}
