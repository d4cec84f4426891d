package ledgerlearn.sample;

import java.util.Objects;

/**
 * One row of the store: a sample as received and the account the model predicted for it before
 * learning it ({@code ""} for a sample that arrived before any model existed, and so was not scored).
 */
public record StoredSample(Sample sample, String predicted) {
    public StoredSample {
        Objects.requireNonNull(sample, "sample");
        Objects.requireNonNull(predicted, "predicted");
    }

    /** Whether this sample was predicted before it was learnt, and so counts in the metrics. */
    public boolean scored() {
        return !predicted.isEmpty();
    }
}
