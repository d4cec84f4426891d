package ledgerlearn.metrics;

import java.util.Objects;

/**
 * How well the model did over a window of scored samples. The scores are {@code null} when the
 * window is empty.
 *
 * @param precision scikit-learn's {@code precision_score(average=..., zero_division=0)} over the window
 * @param recall scikit-learn's {@code recall_score(average=..., zero_division=0)} over the window
 * @param accuracy the fraction of samples whose prediction equals the booked account
 * @param n the number of scored samples in the window
 * @param average how per-label precision and recall were combined
 * @param baseline the accuracy of always predicting the window's most frequent booked account
 * @param autoBook how the samples the model would have booked unseen did
 */
public record Scores(Double precision, Double recall, Double accuracy, int n, Average average, Double baseline,
                     AutoBooked autoBook) {
    public Scores {
        Objects.requireNonNull(average, "average");
        Objects.requireNonNull(autoBook, "autoBook");
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
    }

    /** Scores of a window in which nothing was to be booked unseen. */
    public Scores(Double precision, Double recall, Double accuracy, int n, Average average, Double baseline) {
        this(precision, recall, accuracy, n, average, baseline, AutoBooked.of(0, 0, n));
    }

    /** The answer for a window with nothing scored in it. */
    public static Scores empty(Average average) {
        return new Scores(null, null, null, 0, average, null);
    }
}
