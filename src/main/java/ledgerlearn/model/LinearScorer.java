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
 *
 * <p>The weights of one feature lie together in a row of one shared int pool, ascending by account, so
 * scoring a query reads one row per feature instead of one scattered entry per (feature, account).
 */
final class LinearScorer {
    /** The feature every query has: a bias per account. */
    static final int BIAS = Integer.MAX_VALUE - 1;
    /** Row layout in the pool: capacity in pairs, pairs, feature, then (account, weight bits, squared gradients bits). */
    private static final int HEADER = 3;
    private static final int PAIR = 3;

    private final double eta;
    private final double minGradient;
    private final long capacity;
    /** Per feature id: 0 none, else the row's offset + 1. */
    private int[] rows = new int[1024];
    private int biasRow;
    /**
     * Per account: the position of its pair in the bias row + 1, 0 when it has none. The bias row holds nearly
     * every account of every company, so searching it for each candidate was the longest search of a query at
     * platform scale (docs/SCALING.md); this finds a pair at once.
     */
    private int[] biasPositions = new int[0];
    private int[] pool = new int[1024];
    private int poolUsed;
    private int poolGarbage;
    private long size;

    LinearScorer(double eta, double minGradient, long capacity) {
        this.eta = eta;
        this.minGradient = minGradient;
        this.capacity = capacity;
    }

    /** The number of (feature, account) weights. */
    long size() {
        return size;
    }

    /** Writes log P(classes[i]) of the softmax over {@code classes[0..n)} into {@code out[i]}. */
    void logProbabilities(int[] features, int[] classes, int n, double[] out) {
        Arrays.fill(out, 0, n, 0);
        for (int f : features) {
            int row = row(f);
            if (row < 0) {
                continue;
            }
            for (int i = 0; i < n; i++) {
                int at = find(f, row, classes[i]);
                if (at >= 0) {
                    out[i] += Float.intBitsToFloat(pool[pairAt(row, at) + 1]);
                }
            }
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
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
                int pair = pairFor(f, classes[i]);
                if (pair < 0) {
                    continue;
                }
                float squared = Float.intBitsToFloat(pool[pair + 2]) + (float) (gradient * gradient);
                float weight = Float.intBitsToFloat(pool[pair + 1]) - (float) (eta * gradient / Math.sqrt(squared));
                pool[pair + 1] = Float.floatToRawIntBits(weight);
                pool[pair + 2] = Float.floatToRawIntBits(squared);
            }
        }
    }

    /** The row of feature {@code f}, or -1. */
    private int row(int f) {
        int h = f == BIAS ? biasRow : f < rows.length ? rows[f] : 0;
        return h - 1;
    }

    private static int pairAt(int row, int at) {
        return row + HEADER + PAIR * at;
    }

    /** The pair index of account c in the row at {@code row} of feature {@code f}, or -(insertion point) - 1. */
    private int find(int f, int row, int c) {
        if (f == BIAS && c < biasPositions.length && biasPositions[c] > 0) {
            return biasPositions[c] - 1;
        }
        return find(row, c);
    }

    /** The pair index of account c in the row at {@code row}, or -(insertion point) - 1. */
    private int find(int row, int c) {
        int lo = 0;
        int hi = pool[row + 1] - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int m = pool[row + HEADER + PAIR * mid];
            if (m < c) {
                lo = mid + 1;
            } else if (m > c) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -lo - 1;
    }

    /** The pool offset of the pair (f, c), added with zero weight when absent and there is room; else -1. */
    private int pairFor(int f, int c) {
        int row = row(f);
        if (row >= 0) {
            int at = find(f, row, c);
            if (at >= 0) {
                return pairAt(row, at);
            }
        }
        if (size == capacity) {
            return -1;
        }
        if (row < 0) {
            row = allocate(f, 2);
            setRow(f, row);
        } else if (pool[row + 1] == pool[row]) {
            int pairs = pool[row + 1];
            int moved = allocate(f, pairs + Math.max(2, pairs >> 1));
            // allocate may have compacted the pool, moving this row
            row = row(f);
            System.arraycopy(pool, row + HEADER, pool, moved + HEADER, PAIR * pairs);
            pool[moved + 1] = pairs;
            poolGarbage += HEADER + PAIR * pool[row];
            setRow(f, moved);
            row = moved;
        }
        int at = -find(row, c) - 1;
        int from = pairAt(row, at);
        System.arraycopy(pool, from, pool, from + PAIR, PAIR * (pool[row + 1] - at));
        pool[from] = c;
        pool[from + 1] = 0;
        pool[from + 2] = 0;
        pool[row + 1]++;
        size++;
        if (f == BIAS) {
            indexBias(row, at);
        }
        return from;
    }

    /** Records the positions of the bias row's pairs from position {@code from} on (those a new pair moved along). */
    private void indexBias(int row, int from) {
        int pairs = pool[row + 1];
        int last = pool[pairAt(row, pairs - 1)];
        if (last >= biasPositions.length) {
            biasPositions = Arrays.copyOf(biasPositions, Math.max(last + 1, biasPositions.length * 2));
        }
        for (int at = from; at < pairs; at++) {
            biasPositions[pool[pairAt(row, at)]] = at + 1;
        }
    }

    private void setRow(int f, int row) {
        if (f == BIAS) {
            biasRow = row + 1;
            return;
        }
        if (f >= rows.length) {
            rows = Arrays.copyOf(rows, Math.max(f + 1, rows.length * 2));
        }
        rows[f] = row + 1;
    }

    /**
     * A free row for {@code pairs} pairs of feature {@code f} (its pair count zero); may compact the pool first.
     * The pool is one array that at platform scale holds hundreds of megabytes: it is compacted once an
     * eighth of it is rows left behind, and grows by a quarter, so that its unused part and the copy made
     * when it grows stay small next to it (docs/SCALING.md).
     */
    private int allocate(int f, int pairs) {
        int length = HEADER + PAIR * pairs;
        if (poolUsed + length > pool.length) {
            if (poolGarbage > poolUsed / 8) {
                compact();
            }
            if (poolUsed + length > pool.length) {
                pool = Arrays.copyOf(pool, Math.max(poolUsed + length, pool.length + (pool.length >> 2)));
            }
        }
        int row = poolUsed;
        pool[row] = pairs;
        pool[row + 1] = 0;
        pool[row + 2] = f;
        poolUsed += length;
        return row;
    }

    /** Slides every live row down over the rows left behind when a row grew: a row is live when its feature points at it. */
    private void compact() {
        int used = 0;
        for (int row = 0; row < poolUsed; ) {
            int length = HEADER + PAIR * pool[row];
            int f = pool[row + 2];
            if (row(f) == row) {
                System.arraycopy(pool, row, pool, used, length);
                setRow(f, used);
                used += length;
            }
            row += length;
        }
        poolUsed = used;
        poolGarbage = 0;
    }

    void write(StateOutput out) {
        compact();
        out.writeLong(size).writeInt(biasRow).writeInts(rows, rows.length).writeInts(pool, poolUsed);
    }

    /** Restores the weights {@link #write} wrote into this scorer, of the same settings, for a model of {@code classes} accounts. */
    void read(StateInput in, int classes) {
        size = in.readLong();
        biasRow = in.readInt();
        rows = in.readInts(1024);
        pool = in.readInts(1024);
        poolUsed = in.lastLength();
        poolGarbage = 0;
        if (size < 0 || biasRow < 0 || biasRow > poolUsed) {
            throw new StateInput.CorruptStateException("linear scorer: inconsistent rows");
        }
        for (int row : rows) {
            if (row < 0 || row > poolUsed) {
                throw new StateInput.CorruptStateException("linear scorer: a row out of its pool");
            }
        }
        biasPositions = new int[0];
        int row = biasRow - 1;
        if (row >= 0) {
            int pairs = row + HEADER <= poolUsed ? pool[row + 1] : -1;
            if (pairs < 0 || (long) row + HEADER + (long) PAIR * pairs > poolUsed) {
                throw new StateInput.CorruptStateException("linear scorer: the bias row out of its pool");
            }
            for (int at = 0, previous = -1; at < pairs; previous = pool[pairAt(row, at)], at++) {
                int c = pool[pairAt(row, at)];
                if (c <= previous || c >= classes) {
                    throw new StateInput.CorruptStateException("linear scorer: account " + c + " in the bias row of "
                            + classes + " accounts");
                }
            }
            if (pairs > 0) {
                indexBias(row, 0);
            }
        }
    }

    /** Every weight, features ascending (the bias last), accounts ascending. */
    long digest(long hash) {
        hash = Digest.mix(hash, size);
        for (int f = 0; f < rows.length; f++) {
            hash = digestRow(hash, f);
        }
        return digestRow(hash, BIAS);
    }

    private long digestRow(long hash, int f) {
        int row = row(f);
        if (row < 0) {
            return hash;
        }
        hash = Digest.mix(hash, f);
        for (int p = row + HEADER, end = row + HEADER + PAIR * pool[row + 1]; p < end; p++) {
            hash = Digest.mix(hash, pool[p]);
        }
        return hash;
    }
}
