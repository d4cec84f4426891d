package ledgerlearn.sample;

import java.util.Objects;

/**
 * One row of the store: a sample as received, the account the model predicted for it before learning it
 * ({@code ""} for a sample that arrived before any model existed, and so was not scored), and the
 * probability the model gave that account ({@code null} when there was no prediction, or the row was
 * stored before stores kept it).
 */
public record StoredSample(Sample sample, String predicted, Double probability) {
    public StoredSample {
        Objects.requireNonNull(sample, "sample");
        Objects.requireNonNull(predicted, "predicted");
        if (probability != null && !(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be 0..1, got " + probability);
        }
    }

    /** A row without a probability. */
    public StoredSample(Sample sample, String predicted) {
        this(sample, predicted, null);
    }

    /** Whether this sample was predicted before it was learnt, and so counts in the metrics. */
    public boolean scored() {
        return !predicted.isEmpty();
    }
}
