package ledgerlearn.model;

import java.util.Arrays;
import ledgerlearn.snapshot.StateInput;
import ledgerlearn.snapshot.StateOutput;

/**
 * A softmax over the rows of evidence of one query's candidates (see {@link Evidence}): P(row) is
 * proportional to exp(w . evidence of the row), with one weight per kind of evidence, learnt online by
 * AdaGrad steps on the log-loss of the row that came true. Trained on the very outcome it is asked for,
 * one sample at a time, its probabilities are calibrated on the stream they are learnt from, and they
 * follow the stream as companies come and go.
 */
final class Ranker {
    private final double eta;
    private final double[] weights = new double[Evidence.SIZE];
    private final double[] squaredGradients = new double[Evidence.SIZE];

    Ranker(double eta) {
        this.eta = eta;
        // before any learning: the naive Bayes' own probabilities, and little for an account never seen
        weights[Evidence.NB_LOG_PROBABILITY] = 1;
        weights[Evidence.NEW_BIAS] = -3;
        weights[Evidence.REST_BIAS] = -3;
    }

    /** P(row i) of the softmax over the {@code n} rows of {@link Evidence#SIZE} numbers each in {@code rows}. */
    double[] probabilities(double[] rows, int n) {
        double[] p = new double[n];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0, at = i * Evidence.SIZE; j < Evidence.SIZE; j++, at++) {
                s += weights[j] * rows[at];
            }
            p[i] = s;
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            p[i] = Math.exp(p[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < n; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /** One AdaGrad step of the log-loss of row {@code truth}, given the probabilities the rows had. */
    void learn(double[] rows, int n, double[] probabilities, int truth) {
        double[] gradient = new double[Evidence.SIZE];
        for (int i = 0; i < n; i++) {
            double d = probabilities[i] - (i == truth ? 1 : 0);
            if (d != 0) {
                for (int j = 0, at = i * Evidence.SIZE; j < Evidence.SIZE; j++, at++) {
                    gradient[j] += d * rows[at];
                }
            }
        }
        for (int j = 0; j < gradient.length; j++) {
            double g = gradient[j];
            if (g != 0) {
                squaredGradients[j] += g * g;
                weights[j] -= eta * g / Math.sqrt(squaredGradients[j]);
            }
        }
    }

    /** The weights, by kind of evidence (see {@link Evidence}). */
    double[] weights() {
        return weights.clone();
    }

    void write(StateOutput out) {
        out.writeDoubles(weights, weights.length).writeDoubles(squaredGradients, squaredGradients.length);
    }

    void read(StateInput in) {
        double[] w = in.readDoubles(0);
        double[] g = in.readDoubles(0);
        if (w.length != weights.length || g.length != squaredGradients.length) {
            throw new StateInput.CorruptStateException("ranker: " + w.length + " weights, expected " + weights.length);
        }
        System.arraycopy(w, 0, weights, 0, w.length);
        System.arraycopy(g, 0, squaredGradients, 0, g.length);
    }

    long digest(long hash) {
        for (int j = 0; j < weights.length; j++) {
            hash = Digest.mix(Digest.mix(hash, Double.doubleToLongBits(weights[j])),
                    Double.doubleToLongBits(squaredGradients[j]));
        }
        return hash;
    }

    @Override
    public String toString() {
        return "Ranker" + Arrays.toString(weights);
    }
}
