package ledgerlearn.metrics;

import java.util.Arrays;
import ledgerlearn.snapshot.StateInput;
import ledgerlearn.snapshot.StateOutput;

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

    /** Writes the ids as they are held: their width in bytes (2 or 4), then the ids. */
    void write(StateOutput out) {
        if (wide != null) {
            out.writeInt(4).writeInts(wide, size);
        } else {
            out.writeInt(2).writeChars(narrow, size);
        }
    }

    /**
     * The column {@link #write} wrote, as narrow or wide as it was, read straight into the array it keeps: a
     * snapshot's window holds every sample ever scored, and reading four bytes an id to narrow them afterwards
     * was twice the bytes and a second array of them (docs/SCALING.md). Each id must be below {@code labels},
     * the number of labels there are.
     *
     * @throws IllegalArgumentException naming the first position whose id is not below {@code labels}, or a
     *     width other than 2 or 4
     */
    static LabelColumn read(StateInput in, int labels) {
        int width = in.readInt();
        LabelColumn column = new LabelColumn(0);
        if (width == 2) {
            column.narrow = in.readChars(16);
            column.size = in.lastLength();
            for (int i = 0; i < column.size; i++) {
                checkRange(column.narrow[i], i, labels);
            }
        } else if (width == 4) {
            column.wide = in.readInts(16);
            column.narrow = null;
            column.size = in.lastLength();
            for (int i = 0; i < column.size; i++) {
                checkRange(column.wide[i], i, labels);
            }
        } else {
            throw new IllegalArgumentException("label ids of " + width + " bytes each, not 2 or 4");
        }
        return column;
    }

    private static void checkRange(int id, int at, int labels) {
        if (id < 0 || id >= labels) {
            throw new IllegalArgumentException("a label id out of range at " + at + ": " + id + " of " + labels + " labels");
        }
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
