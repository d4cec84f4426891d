package ledgerlearn.model;

import java.util.Arrays;

/** Numbers non-negative int keys 0, 1, 2, ... in the order they are first added (open addressing, no boxing). */
final class IntIndex {
    private static final int EMPTY = -1;

    private int[] keys;
    private int[] indexes;
    private int size;

    IntIndex() {
        keys = new int[16];
        Arrays.fill(keys, EMPTY);
        indexes = new int[16];
    }

    int size() {
        return size;
    }

    /** The index of {@code key}, or -1 if it was never added. */
    int get(int key) {
        int mask = keys.length - 1;
        for (int slot = slot(key, mask); ; slot = (slot + 1) & mask) {
            int k = keys[slot];
            if (k == key) {
                return indexes[slot];
            }
            if (k == EMPTY) {
                return -1;
            }
        }
    }

    /** The index of {@code key}, adding it as {@link #size()} if it is new. */
    int add(int key) {
        if (key < 0) {
            throw new IllegalArgumentException("key must be >= 0, got " + key);
        }
        int mask = keys.length - 1;
        int slot = slot(key, mask);
        for (; keys[slot] != EMPTY; slot = (slot + 1) & mask) {
            if (keys[slot] == key) {
                return indexes[slot];
            }
        }
        keys[slot] = key;
        indexes[slot] = size;
        if (++size * 2 > keys.length) {
            grow();
        }
        return size - 1;
    }

    private void grow() {
        int[] oldKeys = keys;
        int[] oldIndexes = indexes;
        keys = new int[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        indexes = new int[keys.length];
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                int slot = slot(oldKeys[i], mask);
                while (keys[slot] != EMPTY) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                indexes[slot] = oldIndexes[i];
            }
        }
    }

    private static int slot(int key, int mask) {
        int h = key * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }
}
