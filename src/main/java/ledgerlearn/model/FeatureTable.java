package ledgerlearn.model;

import java.util.Arrays;
import ledgerlearn.snapshot.StateInput;
import ledgerlearn.snapshot.StateOutput;

/**
 * N_cf for every feature f (by its {@link FeatureIds} id) and class c: two ints per feature hold its
 * first class and that class's count, which is all most features ever need; a feature seen with more
 * classes keeps them, ascending, in a row of one shared int pool. At most {@code maxExtraPairs}
 * (feature, class) pairs beyond each feature's first are kept: past that, a class new to a feature is
 * not counted there, a decision that depends only on the order of learning, so replays stay exact.
 */
final class FeatureTable {
    /** Row layout in the pool: capacity in pairs, pairs, feature, then (class, count) pairs. */
    private static final int HEADER = 3;

    /** Per feature: 0 never seen; c + 1 for a feature seen only with class c; -(row offset + 1) otherwise. */
    private int[] head = new int[1024];
    /** Per feature seen with one class: its count. */
    private int[] headCount = new int[1024];
    private final long maxExtraPairs;
    private int[] pool = new int[64];
    private int poolUsed;
    private int poolGarbage;
    private int distinct;
    private long extraPairs;

    FeatureTable(long maxExtraPairs) {
        this.maxExtraPairs = maxExtraPairs;
    }

    /** V: the number of features seen. */
    int distinct() {
        return distinct;
    }

    /** The (feature, class) pairs counted. */
    long pairs() {
        return distinct + extraPairs;
    }

    boolean seen(int feature) {
        return feature < head.length && head[feature] != 0;
    }

    /** N_cf += 1. */
    void add(int feature, int c) {
        if (feature >= head.length) {
            int length = Math.max(feature + 1, head.length + (head.length >> 1));
            head = Arrays.copyOf(head, length);
            headCount = Arrays.copyOf(headCount, length);
        }
        int h = head[feature];
        if (h == 0) {
            head[feature] = c + 1;
            headCount[feature] = 1;
            distinct++;
        } else if (h == c + 1) {
            headCount[feature]++;
        } else if (h > 0) {
            if (extraPairs < maxExtraPairs) {
                extraPairs++;
                int first = h - 1;
                int row = allocate(2, feature);
                int low = Math.min(first, c);
                pool[row + 1] = 2;
                pool[row + HEADER] = low;
                pool[row + HEADER + 1] = low == first ? headCount[feature] : 1;
                pool[row + HEADER + 2] = low == first ? c : first;
                pool[row + HEADER + 3] = low == first ? 1 : headCount[feature];
                head[feature] = -(row + 1);
                headCount[feature] = 0;
            }
        } else {
            addToRow(feature, -h - 1, c);
        }
    }

    /** N_cf. */
    int count(int feature, int c) {
        if (feature >= head.length) {
            return 0;
        }
        int h = head[feature];
        if (h >= 0) {
            return h == c + 1 ? headCount[feature] : 0;
        }
        int row = -h - 1;
        int i = find(row, c);
        return i < 0 ? 0 : pool[row + HEADER + 2 * i + 1];
    }

    /**
     * Where {@code feature}'s (class, count) pairs are, for a loop {@code for (i = start(b); i < end(b); i += 2)}
     * over {@link #classOf} and {@link #countOf}, classes ascending. A feature's single inline pair
     * has the negative position {@code -1 - feature}.
     */
    int start(int feature) {
        if (feature >= head.length) {
            return 0;
        }
        int h = head[feature];
        return h > 0 ? -1 - feature : h == 0 ? 0 : -h - 1 + HEADER;
    }

    int end(int feature) {
        if (feature >= head.length) {
            return 0;
        }
        int h = head[feature];
        return h > 0 ? 1 - feature : h == 0 ? 0 : -h - 1 + HEADER + 2 * pool[-h - 1 + 1];
    }

    int classOf(int i) {
        return i < 0 ? head[-1 - i] - 1 : pool[i];
    }

    int countOf(int i) {
        return i < 0 ? headCount[-1 - i] : pool[i + 1];
    }

    /** Folds every feature's pairs, features and classes ascending, into {@code hash}. */
    long digest(long hash) {
        hash = Digest.mix(Digest.mix(hash, distinct), extraPairs);
        for (int feature = 0; feature < head.length; feature++) {
            int h = head[feature];
            if (h != 0) {
                hash = Digest.mix(hash, feature);
                if (h > 0) {
                    hash = Digest.mix(Digest.mix(hash, h - 1), headCount[feature]);
                } else {
                    int row = -h - 1;
                    int end = row + HEADER + 2 * pool[row + 1];
                    for (int i = row + HEADER; i < end; i++) {
                        hash = Digest.mix(hash, pool[i]);
                    }
                }
            }
        }
        return hash;
    }

    void write(StateOutput out) {
        out.writeLong(maxExtraPairs).writeInt(distinct).writeLong(extraPairs).writeInt(poolGarbage);
        out.writeInts(head, head.length).writeInts(headCount, headCount.length).writeInts(pool, poolUsed);
    }

    static FeatureTable read(StateInput in) {
        FeatureTable table = new FeatureTable(in.readLong());
        table.distinct = in.readInt();
        table.extraPairs = in.readLong();
        table.poolGarbage = in.readInt();
        table.head = in.readInts(0);
        table.headCount = in.readInts(0);
        if (table.headCount.length != table.head.length) {
            throw new StateInput.CorruptStateException("feature table: " + table.head.length + " heads, "
                    + table.headCount.length + " counts");
        }
        table.pool = in.readInts(64);
        table.poolUsed = in.lastLength();
        return table;
    }

    private void addToRow(int feature, int row, int c) {
        int i = find(row, c);
        if (i >= 0) {
            pool[row + HEADER + 2 * i + 1]++;
            return;
        }
        if (extraPairs == maxExtraPairs) {
            return;
        }
        extraPairs++;
        int pairs = pool[row + 1];
        if (pairs == pool[row]) {
            int moved = allocate(pairs + Math.max(2, pairs >> 1), feature);
            // allocate may have compacted the pool, moving this row
            row = -head[feature] - 1;
            System.arraycopy(pool, row + HEADER, pool, moved + HEADER, 2 * pairs);
            pool[moved + 1] = pairs;
            poolGarbage += HEADER + 2 * pool[row];
            head[feature] = -(moved + 1);
            row = moved;
        }
        int at = -i - 1;
        int from = row + HEADER + 2 * at;
        System.arraycopy(pool, from, pool, from + 2, 2 * (pairs - at));
        pool[from] = c;
        pool[from + 1] = 1;
        pool[row + 1] = pairs + 1;
    }

    /**
     * A free row of {@code feature} for {@code capacity} pairs (its pair count still to be set); may compact the pool first.
     * The pool is one array that at platform scale holds hundreds of megabytes: it is compacted once an
     * eighth of it is rows left behind, and grows by a quarter, so that its unused part and the copy made
     * when it grows stay small next to it (docs/SCALING.md).
     */
    private int allocate(int capacity, int feature) {
        int size = HEADER + 2 * capacity;
        if (poolUsed + size > pool.length) {
            if (poolGarbage > poolUsed / 8) {
                compact();
            }
            if (poolUsed + size > pool.length) {
                pool = Arrays.copyOf(pool, Math.max(poolUsed + size, pool.length + (pool.length >> 2)));
            }
        }
        int row = poolUsed;
        pool[row] = capacity;
        pool[row + 2] = feature;
        poolUsed += size;
        return row;
    }

    /**
     * Slides every live row down over the rows left behind when a row grew, in place: a row is live
     * when its feature's head still points at it.
     */
    private void compact() {
        int used = 0;
        for (int row = 0; row < poolUsed; ) {
            int size = HEADER + 2 * pool[row];
            int feature = pool[row + 2];
            if (head[feature] == -(row + 1)) {
                System.arraycopy(pool, row, pool, used, size);
                head[feature] = -(used + 1);
                used += size;
            }
            row += size;
        }
        poolUsed = used;
        poolGarbage = 0;
    }

    /** The pair index of class c in the row at {@code row}, or -(insertion point) - 1. */
    private int find(int row, int c) {
        int lo = 0;
        int hi = pool[row + 1] - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int m = pool[row + HEADER + 2 * mid];
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
}
