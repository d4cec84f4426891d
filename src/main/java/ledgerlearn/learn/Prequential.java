package ledgerlearn.learn;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import ledgerlearn.metrics.ScoreWindow;
import ledgerlearn.model.NaiveBayes;
import ledgerlearn.sample.Sample;
import ledgerlearn.sample.StoredSample;

/**
 * The per-sample step that the server and the evaluator share: predict a sample with the model that
 * has learnt every earlier one, learn it, and score the prediction. Not thread-safe: {@link Learner}
 * runs it under its model lock.
 */
public final class Prequential {
    private final NaiveBayes model;
    private final ScoreWindow window;
    /** The account name most recently booked with each account number. */
    private final Map<String, String> accountNames = new HashMap<>();

    public Prequential(NaiveBayes model, ScoreWindow window) {
        this.model = Objects.requireNonNull(model, "model");
        this.window = Objects.requireNonNull(window, "window");
    }

    /**
     * The {@code k} most likely accounts for {@code sample} by the model so far (empty while nothing
     * has been learnt), then learns the sample. The first of them is the sample's prediction.
     */
    public List<String> predictThenLearn(Sample sample, int k) {
        List<String> top = model.predictThenLearn(sample.transaction(), sample.accountNumber(), k);
        rememberName(sample);
        return top;
    }

    /** Counts a sample's prediction in the metrics; a sample without one ({@code ""}) is not scored. */
    public void score(Sample sample, String predicted) {
        if (!predicted.isEmpty()) {
            window.add(sample.companyId(), sample.accountNumber(), predicted);
        }
    }

    /** Replays one stored row: the prediction it was stored with is scored, and the sample learnt. */
    void replay(StoredSample row) {
        score(row.sample(), row.predicted());
        learn(row.sample());
    }

    /** The name most recently booked with {@code account}, or {@code null} when none was. */
    String accountName(String account) {
        return accountNames.get(account);
    }

    private void learn(Sample sample) {
        model.learn(sample.transaction(), sample.accountNumber());
        rememberName(sample);
    }

    private void rememberName(Sample sample) {
        // A booking without a name says nothing about the account's name.
        if (!sample.accountName().isEmpty()) {
            accountNames.put(sample.accountNumber(), sample.accountName());
        }
    }
}
