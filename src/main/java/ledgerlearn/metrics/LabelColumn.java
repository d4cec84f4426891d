package ledgerlearn.metrics;

import java.util.Arrays;

/**
 * Label ids in the order they were added: two bytes each while every id is below 65,536 (a server with that
 * many accounts is rare), four once one is not. The metrics window keeps two of these per scored sample, for
 * every sample ever scored, so their width is most of its memory.
 */
final class LabelColumn {
    private static final int NARROW_LIMIT = 1 << 16;

    private char[] narrow;
    /** Set, and {@link #narrow} dropped, once an id does not fit in two bytes. */
    private int[] wide;
    private int size;

    LabelColumn(int capacity) {
        narrow = new char[Math.max(16, capacity)];
    }

    /**
     * The column holding {@code ids[0..n)}, which it may keep: a snapshot's window of every scored sample is
     * made in one pass rather than an id at a time. Each id must be below {@code labels}, the number of labels
     * there are, which also says whether two bytes hold them all.
     *
     * @throws IllegalArgumentException naming the first position whose id is negative or not below {@code labels}
     */
    static LabelColumn of(int[] ids, int n, int labels) {
        LabelColumn column = new LabelColumn(0);
        column.size = n;
        boolean narrow = labels <= NARROW_LIMIT;
        char[] narrowed = narrow ? new char[Math.max(16, n)] : null;
        for (int i = 0; i < n; i++) {
            int id = ids[i];
            if (id < 0 || id >= labels) {
                throw new IllegalArgumentException("a label id out of range at " + i + ": " + id + " of " + labels + " labels");
            }
            if (narrow) {
                narrowed[i] = (char) id;
            }
        }
        column.narrow = narrowed;
        column.wide = narrow ? null : ids;
        return column;
    }

    void add(int id) {
        if (id < 0) {
            throw new IllegalArgumentException("a label id is never negative, got " + id);
        }
        if (wide == null && id >= NARROW_LIMIT) {
            wide = new int[Math.max(narrow.length, size + 1)];
            for (int i = 0; i < size; i++) {
                wide[i] = narrow[i];
            }
            narrow = null;
        }
        if (wide != null) {
            if (size == wide.length) {
                wide = Arrays.copyOf(wide, ScoreWindow.grownLength(wide.length));
            }
            wide[size++] = id;
        } else {
            if (size == narrow.length) {
                narrow = Arrays.copyOf(narrow, ScoreWindow.grownLength(narrow.length));
            }
            narrow[size++] = (char) id;
        }
    }

    int get(int i) {
        return wide != null ? wide[i] : narrow[i];
    }

    int size() {
        return size;
    }
}
