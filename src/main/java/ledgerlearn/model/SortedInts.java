package ledgerlearn.model;

import java.util.Arrays;

/** A growing set of ints kept in ascending order, e.g. the accounts one company has booked. */
final class SortedInts {
    private int[] values = new int[4];
    private int size;

    int size() {
        return size;
    }

    int get(int i) {
        return values[i];
    }

    boolean contains(int value) {
        return Arrays.binarySearch(values, 0, size, value) >= 0;
    }

    void add(int value) {
        int at = Arrays.binarySearch(values, 0, size, value);
        if (at >= 0) {
            return;
        }
        at = -at - 1;
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        System.arraycopy(values, at, values, at + 1, size - at);
        values[at] = value;
        size++;
    }

    int[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
