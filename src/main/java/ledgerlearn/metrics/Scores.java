package ledgerlearn.metrics;

import java.util.Objects;

/**
 * How well the model did over a window of scored samples. The scores are {@code null} when the
 * window is empty.
 *
 * @param n the number of scored samples in the window
 */
public record Scores(Double precision, Double recall, Double accuracy, int n, Average average) {
    public Scores {
        Objects.requireNonNull(average, "average");
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
    }

    /** The answer for a window with nothing scored in it. */
    public static Scores empty(Average average) {
        return new Scores(null, null, null, 0, average);
    }
}
