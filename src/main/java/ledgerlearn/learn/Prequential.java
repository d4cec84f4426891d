package ledgerlearn.learn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import ledgerlearn.metrics.ScoreWindow;
import ledgerlearn.model.Model;
import ledgerlearn.model.Suggestion;
import ledgerlearn.sample.Sample;
import ledgerlearn.sample.StoredSample;
import ledgerlearn.snapshot.StateInput;
import ledgerlearn.snapshot.StateOutput;

/**
 * The per-sample step that the server and the evaluator share: predict a sample with the model that
 * has learnt every earlier one, learn it, and score the prediction. Not thread-safe: {@link Learner}
 * runs it under its model lock.
 */
public final class Prequential {
    private final Model model;
    private final ScoreWindow window;
    private final double autoBookPrecision;
    /** By company, the name it last booked with each account number. */
    private final Map<String, Map<String, String>> accountNames = new HashMap<>();

    /**
     * @param autoBookPrecision the precision of auto-booked samples that the auto-book decision keeps
     *     (0: nothing is auto-booked)
     */
    public Prequential(Model model, ScoreWindow window, double autoBookPrecision) {
        this.model = Objects.requireNonNull(model, "model");
        this.window = Objects.requireNonNull(window, "window");
        this.autoBookPrecision = autoBookPrecision;
    }

    /**
     * What the model suggests for {@code sample} by what it learnt so far (the {@code k} best accounts, none
     * while nothing has been learnt, and whether the first may be booked unseen); then learns the sample.
     */
    public Model.Step predictThenLearn(Sample sample, int k) {
        Model.Step step = model.predictThenLearn(sample.transaction(), sample.accountNumber(), k, autoBookPrecision);
        rememberName(sample);
        return step;
    }

    /** The row to store for a sample and what was suggested for it before it was learnt. */
    public static StoredSample stored(Sample sample, Model.Step step) {
        List<Suggestion> suggestions = step.suggestions();
        return suggestions.isEmpty() ? new StoredSample(sample, "")
                : new StoredSample(sample, suggestions.get(0).account(), suggestions.get(0).probability());
    }

    /**
     * Counts a stored row's prediction in the metrics, with whether it was to be booked unseen; a row
     * without a prediction is not scored.
     */
    public void score(StoredSample row, boolean autoBook) {
        if (row.scored()) {
            window.add(row.sample().companyId(), row.sample().accountNumber(), row.predicted(), autoBook);
        }
    }

    /**
     * Replays one stored row: the prediction it was stored with is scored (to be booked unseen when the
     * model, as it was then, would book the stored probability unseen), and the sample learnt as it was.
     * Returns whether it was to be booked unseen.
     */
    boolean replay(StoredSample row) {
        boolean autoBook = row.probability() != null
                && model.autoBook(row.probability(), autoBookPrecision);
        predictThenLearn(row.sample(), 1);
        score(row, autoBook);
        return autoBook;
    }

    /** The name {@code company} last booked with {@code account}, or {@code null} when it booked none. */
    String accountName(String company, String account) {
        Map<String, String> names = accountNames.get(company);
        return names == null ? null : names.get(account);
    }

    /** Writes the account names; the model and window write themselves. */
    void writeNames(StateOutput out) {
        List<String> companies = new ArrayList<>(accountNames.keySet());
        companies.sort(null);
        out.writeInt(companies.size());
        for (String company : companies) {
            Map<String, String> names = accountNames.get(company);
            List<String> accounts = new ArrayList<>(names.keySet());
            accounts.sort(null);
            out.writeString(company).writeInt(accounts.size());
            for (String account : accounts) {
                out.writeString(account).writeString(names.get(account));
            }
        }
    }

    void readNames(StateInput in) {
        int companies = in.readInt();
        for (int i = 0; i < companies; i++) {
            Map<String, String> names = accountNames.computeIfAbsent(in.readString(), company -> new HashMap<>());
            int accounts = in.readInt();
            for (int a = 0; a < accounts; a++) {
                names.put(in.readString(), in.readString());
            }
        }
    }

    private void rememberName(Sample sample) {
        // A booking without a name says nothing about the account's name.
        if (!sample.accountName().isEmpty()) {
            accountNames.computeIfAbsent(sample.companyId(), company -> new HashMap<>())
                    .put(sample.accountNumber(), sample.accountName());
        }
    }
}
