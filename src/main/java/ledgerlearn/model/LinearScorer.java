package ledgerlearn.model;

import java.util.Arrays;
import ledgerlearn.snapshot.StateInput;
import ledgerlearn.snapshot.StateOutput;

/**
 * A softmax regression over sparse features, learnt online one sample at a time, that scores only the few
 * candidate accounts of a query: score_c = sum over the query's features f of w_fc. Where naive Bayes
 * counts each feature as if the others were not there, this learns how much each feature of a company
 * tells apart the accounts it is confused with, and follows what a company books lately (AdaGrad steps
 * stay large for features seen rarely). A weight exists only for a (feature, account) pair whose gradient
 * once reached {@code minGradient}, and at most {@code capacity} pairs: past that, a new pair is not
 * learnt, a decision that depends only on the order of learning, so a replay makes the same one.
 */
final class LinearScorer {
    /** The feature every query has: a bias per account. */
    static final int BIAS = Integer.MAX_VALUE - 1;
    private static final long EMPTY = 0;

    private final double eta;
    private final double minGradient;
    private final int capacity;
    private long[] keys = new long[1024];
    /** Per slot: the weight, then the sum of its squared gradients. */
    private float[] values = new float[2048];
    private int size;

    LinearScorer(double eta, double minGradient, int capacity) {
        this.eta = eta;
        this.minGradient = minGradient;
        this.capacity = capacity;
    }

    /** The number of (feature, account) weights. */
    int size() {
        return size;
    }

    /** Writes log P(classes[i]) of the softmax over {@code classes[0..n)} into {@code out[i]}. */
    void logProbabilities(int[] features, int[] classes, int n, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            out[i] = score(features, classes[i]);
            max = Math.max(max, out[i]);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.exp(out[i] - max);
        }
        double log = max + Math.log(sum);
        for (int i = 0; i < n; i++) {
            out[i] -= log;
        }
    }

    /**
     * One AdaGrad step of the softmax's log-loss towards {@code classes[truth]}, from the log probabilities
     * the classes have ({@code null}: computed here).
     */
    void learn(int[] features, int[] classes, int n, int truth, double[] logP) {
        if (logP == null) {
            logP = new double[n];
            logProbabilities(features, classes, n, logP);
        }
        for (int i = 0; i < n; i++) {
            double gradient = Math.exp(logP[i]) - (i == truth ? 1 : 0);
            if (Math.abs(gradient) < minGradient) {
                continue;
            }
            for (int f : features) {
                int slot = slotFor(key(f, classes[i]));
                if (slot < 0) {
                    continue;
                }
                int at = 2 * slot;
                values[at + 1] += (float) (gradient * gradient);
                values[at] -= (float) (eta * gradient / Math.sqrt(values[at + 1]));
            }
        }
    }

    private double score(int[] features, int c) {
        double score = 0;
        int mask = keys.length - 1;
        for (int f : features) {
            long key = key(f, c);
            for (int slot = FeatureIds.slot(key, mask); keys[slot] != EMPTY; slot = (slot + 1) & mask) {
                if (keys[slot] == key) {
                    score += values[2 * slot];
                    break;
                }
            }
        }
        return score;
    }

    private static long key(int feature, int c) {
        long k = ((long) feature << 32 | c) * 0x9E3779B97F4A7C15L;
        k ^= k >>> 31;
        return k == EMPTY ? 1 : k;
    }

    private int slotFor(long key) {
        int mask = keys.length - 1;
        int slot = FeatureIds.slot(key, mask);
        while (keys[slot] != EMPTY) {
            if (keys[slot] == key) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        if (size == capacity) {
            return -1;
        }
        if ((size + 1) * 2 > keys.length) {
            grow();
            return slotFor(key);
        }
        keys[slot] = key;
        size++;
        return slot;
    }

    private void grow() {
        long[] oldKeys = keys;
        float[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new float[keys.length * 2];
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                int slot = FeatureIds.slot(oldKeys[i], mask);
                while (keys[slot] != EMPTY) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                values[2 * slot] = oldValues[2 * i];
                values[2 * slot + 1] = oldValues[2 * i + 1];
            }
        }
    }

    void write(StateOutput out) {
        out.writeInt(size).writeLongs(keys, keys.length).writeFloats(values, values.length);
    }

    /** Restores the weights {@link #write} wrote into this scorer, of the same settings. */
    void read(StateInput in) {
        int n = in.readInt();
        long[] k = in.readLongs(0);
        float[] v = in.readFloats(0);
        if (Integer.bitCount(k.length) != 1 || v.length != 2 * k.length || n < 0 || n > k.length / 2) {
            throw new StateInput.CorruptStateException("linear scorer: inconsistent lengths");
        }
        size = n;
        keys = k;
        values = v;
    }

    /** Every weight, in key order. */
    long digest(long hash) {
        long[] sorted = new long[size];
        int n = 0;
        for (long key : keys) {
            if (key != EMPTY) {
                sorted[n++] = key;
            }
        }
        Arrays.sort(sorted);
        hash = Digest.mix(hash, size);
        int mask = keys.length - 1;
        for (long key : sorted) {
            int slot = FeatureIds.slot(key, mask);
            while (keys[slot] != key) {
                slot = (slot + 1) & mask;
            }
            hash = Digest.mix(Digest.mix(hash, key), Float.floatToIntBits(values[2 * slot]));
            hash = Digest.mix(hash, Float.floatToIntBits(values[2 * slot + 1]));
        }
        return hash;
    }
}
