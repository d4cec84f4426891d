package ledgerlearn.model;

import ledgerlearn.snapshot.StateInput;
import ledgerlearn.snapshot.StateOutput;
/**
 * Dense ids for 64-bit feature keys, given in the order the features were first learnt, so that every
 * table indexed by them grows with what was learnt. At most {@code capacity} features get an id: past
 * that, a new feature is not learnt, a decision that depends only on the order of learning, so a replay
 * makes the same one; this bounds the model's memory under a flood of never-seen tokens.
 */
final class FeatureIds {
    private static final long EMPTY = 0;

    private final int capacity;
    private long[] keys = new long[1024];
    private int[] ids = new int[1024];
    private int size;

    FeatureIds(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** The number of features with an id: V. */
    int size() {
        return size;
    }

    /** The id of {@code key} (never 0), or -1 when it has none. */
    int find(long key) {
        int mask = keys.length - 1;
        for (int slot = slot(key, mask); ; slot = (slot + 1) & mask) {
            long k = keys[slot];
            if (k == key) {
                return ids[slot];
            }
            if (k == EMPTY) {
                return -1;
            }
        }
    }

    /** The id of {@code key} (never 0), given now if it had none; -1 when it had none and the ids are all given. */
    int intern(long key) {
        int mask = keys.length - 1;
        int slot = slot(key, mask);
        for (; keys[slot] != EMPTY; slot = (slot + 1) & mask) {
            if (keys[slot] == key) {
                return ids[slot];
            }
        }
        if (size == capacity) {
            return -1;
        }
        keys[slot] = key;
        ids[slot] = size;
        if (++size * 2 > keys.length) {
            grow();
        }
        return size - 1;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldIds = ids;
        keys = new long[oldKeys.length * 2];
        ids = new int[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                int slot = slot(oldKeys[i], mask);
                while (keys[slot] != EMPTY) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                ids[slot] = oldIds[i];
            }
        }
    }

    /** The keys in id order. */
    long[] keysInIdOrder() {
        long[] byId = new long[size];
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY) {
                byId[ids[i]] = keys[i];
            }
        }
        return byId;
    }

    long digest(long hash) {
        hash = Digest.mix(hash, size);
        for (long key : keysInIdOrder()) {
            hash = Digest.mix(hash, key);
        }
        return hash;
    }

    void write(StateOutput out) {
        out.writeInt(capacity);
        long[] byId = keysInIdOrder();
        out.writeLongs(byId, byId.length);
    }

    static FeatureIds read(StateInput in) {
        FeatureIds ids = new FeatureIds(in.readInt());
        long[] byId = in.readLongs(0);
        for (long key : byId) {
            if (key == EMPTY || ids.intern(key) < 0) {
                throw new StateInput.CorruptStateException("feature ids: key " + key + " cannot be given an id");
            }
        }
        return ids;
    }

    static int slot(long key, int mask) {
        return (int) (key ^ (key >>> 32)) & mask;
    }
}
