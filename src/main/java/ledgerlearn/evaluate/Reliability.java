package ledgerlearn.evaluate;

import java.util.ArrayList;
import java.util.List;

/**
 * How far shown probabilities can be trusted: each (probability, was it right) pair in one of ten equal
 * bins of probability, and, for a few thresholds, how often the suggestions shown with at least that
 * probability were right. The expected calibration error is the bins' mean gap between the probability
 * shown and the share right, weighted by their rows.
 */
final class Reliability {
    /** The thresholds reported by {@link #atLeast}: those the model-quality targets name. */
    static final double[] THRESHOLDS = {0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99};
    private static final int BINS = 10;

    private final long[] rows = new long[BINS];
    private final long[] right = new long[BINS];
    private final double[] probabilitySums = new double[BINS];
    private final long[] atLeastRows = new long[THRESHOLDS.length];
    private final long[] atLeastRight = new long[THRESHOLDS.length];

    void add(double probability, boolean correct) {
        int bin = Math.min(BINS - 1, (int) (probability * BINS));
        rows[bin]++;
        probabilitySums[bin] += probability;
        if (correct) {
            right[bin]++;
        }
        for (int t = 0; t < THRESHOLDS.length; t++) {
            if (probability >= THRESHOLDS[t]) {
                atLeastRows[t]++;
                if (correct) {
                    atLeastRight[t]++;
                }
            }
        }
    }

    long rows() {
        long n = 0;
        for (long r : rows) {
            n += r;
        }
        return n;
    }

    /** The expected calibration error over ten equal bins; {@code null} with no rows. */
    Double calibrationError() {
        long n = rows();
        if (n == 0) {
            return null;
        }
        double error = 0;
        for (int b = 0; b < BINS; b++) {
            error += Math.abs(right[b] - probabilitySums[b]) / n;
        }
        return error;
    }

    /** One bin: its probabilities' range, rows, mean probability shown and share right. */
    record Bin(double from, double to, long rows, Double meanProbability, Double shareRight) {
    }

    List<Bin> bins() {
        List<Bin> bins = new ArrayList<>(BINS);
        for (int b = 0; b < BINS; b++) {
            bins.add(new Bin(b / (double) BINS, (b + 1) / (double) BINS, rows[b],
                    rows[b] == 0 ? null : probabilitySums[b] / rows[b], rows[b] == 0 ? null : (double) right[b] / rows[b]));
        }
        return bins;
    }

    /** For one threshold: the share of rows shown with at least it, and how many of those were right. */
    record AtLeast(double threshold, Double share, Double shareRight) {
    }

    List<AtLeast> atLeast() {
        long n = rows();
        List<AtLeast> list = new ArrayList<>(THRESHOLDS.length);
        for (int t = 0; t < THRESHOLDS.length; t++) {
            list.add(new AtLeast(THRESHOLDS[t], n == 0 ? null : (double) atLeastRows[t] / n,
                    atLeastRows[t] == 0 ? null : (double) atLeastRight[t] / atLeastRows[t]));
        }
        return list;
    }
}
