package ledgerlearn.model;

import java.util.Arrays;

/**
 * N_cf for every hashed bucket f and class c, addressed directly by bucket, in a layout whose size
 * is bounded whatever the input: two ints per bucket (8 MB at 2^20 buckets) hold a bucket's first
 * class and its count, which is all most buckets ever need; a bucket seen with more classes keeps
 * them, ascending, in a row of one shared int pool. At most {@code maxExtraPairs} (bucket, class)
 * pairs beyond each bucket's first are kept: past that, a class new to a bucket is not counted
 * there, a decision that depends only on the order of learning, so replays stay exact.
 */
final class FeatureTable {
    /** Row layout in the pool: capacity in pairs, pairs, bucket, then (class, count) pairs. */
    private static final int HEADER = 3;

    /** Per bucket: 0 never seen; c + 1 for a bucket seen only with class c; -(row offset + 1) otherwise. */
    private final int[] head;
    /** Per bucket seen with one class: its count. */
    private final int[] headCount;
    private final long maxExtraPairs;
    private int[] pool = new int[64];
    private int poolUsed;
    private int poolGarbage;
    private int distinct;
    private long extraPairs;

    FeatureTable(int hashBits, long maxExtraPairs) {
        head = new int[1 << hashBits];
        headCount = new int[1 << hashBits];
        this.maxExtraPairs = maxExtraPairs;
    }

    /** V: the number of buckets seen. */
    int distinct() {
        return distinct;
    }

    /** The (bucket, class) pairs counted. */
    long pairs() {
        return distinct + extraPairs;
    }

    boolean seen(int bucket) {
        return head[bucket] != 0;
    }

    /** N_cf += 1. */
    void add(int bucket, int c) {
        int h = head[bucket];
        if (h == 0) {
            head[bucket] = c + 1;
            headCount[bucket] = 1;
            distinct++;
        } else if (h == c + 1) {
            headCount[bucket]++;
        } else if (h > 0) {
            if (extraPairs < maxExtraPairs) {
                extraPairs++;
                int first = h - 1;
                int row = allocate(2, bucket);
                int low = Math.min(first, c);
                pool[row + 1] = 2;
                pool[row + HEADER] = low;
                pool[row + HEADER + 1] = low == first ? headCount[bucket] : 1;
                pool[row + HEADER + 2] = low == first ? c : first;
                pool[row + HEADER + 3] = low == first ? 1 : headCount[bucket];
                head[bucket] = -(row + 1);
                headCount[bucket] = 0;
            }
        } else {
            addToRow(bucket, -h - 1, c);
        }
    }

    /** N_cf. */
    int count(int bucket, int c) {
        int h = head[bucket];
        if (h >= 0) {
            return h == c + 1 ? headCount[bucket] : 0;
        }
        int row = -h - 1;
        int i = find(row, c);
        return i < 0 ? 0 : pool[row + HEADER + 2 * i + 1];
    }

    /**
     * Where {@code bucket}'s (class, count) pairs are, for a loop {@code for (i = start(b); i < end(b); i += 2)}
     * over {@link #classOf} and {@link #countOf}, classes ascending. A bucket's single inline pair
     * has the negative position {@code -1 - bucket}.
     */
    int start(int bucket) {
        int h = head[bucket];
        return h > 0 ? -1 - bucket : h == 0 ? 0 : -h - 1 + HEADER;
    }

    int end(int bucket) {
        int h = head[bucket];
        return h > 0 ? 1 - bucket : h == 0 ? 0 : -h - 1 + HEADER + 2 * pool[-h - 1 + 1];
    }

    int classOf(int i) {
        return i < 0 ? head[-1 - i] - 1 : pool[i];
    }

    int countOf(int i) {
        return i < 0 ? headCount[-1 - i] : pool[i + 1];
    }

    /** Folds every bucket's pairs, buckets and classes ascending, into {@code hash}. */
    long digest(long hash) {
        hash = Digest.mix(Digest.mix(hash, distinct), extraPairs);
        for (int bucket = 0; bucket < head.length; bucket++) {
            int h = head[bucket];
            if (h != 0) {
                hash = Digest.mix(hash, bucket);
                if (h > 0) {
                    hash = Digest.mix(Digest.mix(hash, h - 1), headCount[bucket]);
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

    private void addToRow(int bucket, int row, int c) {
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
            int moved = allocate(pairs + Math.max(2, pairs >> 1), bucket);
            // allocate may have compacted the pool, moving this row
            row = -head[bucket] - 1;
            System.arraycopy(pool, row + HEADER, pool, moved + HEADER, 2 * pairs);
            pool[moved + 1] = pairs;
            poolGarbage += HEADER + 2 * pool[row];
            head[bucket] = -(moved + 1);
            row = moved;
        }
        int at = -i - 1;
        int from = row + HEADER + 2 * at;
        System.arraycopy(pool, from, pool, from + 2, 2 * (pairs - at));
        pool[from] = c;
        pool[from + 1] = 1;
        pool[row + 1] = pairs + 1;
    }

    /** A free row of {@code bucket} for {@code capacity} pairs (its pair count still to be set); may compact the pool first. */
    private int allocate(int capacity, int bucket) {
        int size = HEADER + 2 * capacity;
        if (poolUsed + size > pool.length) {
            if (poolGarbage > poolUsed / 4) {
                compact();
            }
            if (poolUsed + size > pool.length) {
                pool = Arrays.copyOf(pool, Math.max(poolUsed + size, pool.length + (pool.length >> 1)));
            }
        }
        int row = poolUsed;
        pool[row] = capacity;
        pool[row + 2] = bucket;
        poolUsed += size;
        return row;
    }

    /**
     * Slides every live row down over the rows left behind when a row grew, in place: a row is live
     * when its bucket's head still points at it.
     */
    private void compact() {
        int used = 0;
        for (int row = 0; row < poolUsed; ) {
            int size = HEADER + 2 * pool[row];
            int bucket = pool[row + 2];
            if (head[bucket] == -(row + 1)) {
                System.arraycopy(pool, row, pool, used, size);
                head[bucket] = -(used + 1);
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
