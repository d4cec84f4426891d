package ledgerlearn.evaluate;

import java.util.ArrayList;
import java.util.List;
import ledgerlearn.learn.Prequential;
import ledgerlearn.metrics.ScoreWindow;
import ledgerlearn.model.Model;
import ledgerlearn.model.ModelOptions;
import ledgerlearn.model.Suggestion;
import ledgerlearn.sample.Sample;

/** One learner under evaluation, with the window its predictions are scored in. */
abstract class Contender {
    final String name;
    final ScoreWindow window = new ScoreWindow();

    Contender(String name) {
        this.name = name;
    }

    /**
     * What a learner suggested for a sample before learning it.
     *
     * @param accounts the best accounts, best first (empty when nothing was learnt yet)
     * @param probabilities their probabilities, {@code null} for a learner that gives none
     * @param autoBook whether the first was to be booked unseen
     */
    record Guess(List<String> accounts, List<Double> probabilities, boolean autoBook) {
        String first() {
            return accounts.isEmpty() ? "" : accounts.get(0);
        }
    }

    /** The {@code k} best accounts for {@code sample} from what was learnt so far, then learns it. */
    abstract Guess predictThenLearn(Sample sample, int k);

    /** Scores the guess made for {@code sample}. */
    void score(Sample sample, Guess guess) {
        if (!guess.accounts().isEmpty()) {
            window.add(sample.companyId(), sample.accountNumber(), guess.first(), guess.autoBook());
        }
    }

    /** The production learner: the server's own per-sample step over a {@link Model}. */
    static Contender model(ModelOptions options, double autoBookPrecision) {
        return new Contender("model") {
            private final Prequential step = new Prequential(new Model(options), window, autoBookPrecision);

            @Override
            Guess predictThenLearn(Sample sample, int k) {
                Model.Step result = step.predictThenLearn(sample, k);
                List<String> accounts = new ArrayList<>(k);
                List<Double> probabilities = new ArrayList<>(k);
                for (Suggestion s : result.suggestions()) {
                    accounts.add(s.account());
                    probabilities.add(s.probability());
                }
                return new Guess(accounts, probabilities, result.autoBook());
            }
        };
    }
}
