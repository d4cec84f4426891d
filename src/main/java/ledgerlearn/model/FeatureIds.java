package ledgerlearn.model;

import java.util.Arrays;
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
    /** How many keys a snapshot's table is checked for at most (all of them below this). */
    static final int CHECKED_KEYS = 1 << 16;

    private final int capacity;
    /**
     * Each key once, at its id. The hash table holds only ids: a key a slot costs 4 bytes there and 8 here,
     * where a table of keys and ids side by side cost 12 a slot at up to half full (at platform scale these
     * tables were the largest part of the heap after the linear weights; docs/SCALING.md).
     */
    private long[] keys = new long[512];
    /** Per slot: 0 empty, else the id + 1 of the key that hashes there (or was pushed along to it). */
    private int[] slots = new int[1024];
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
        int mask = slots.length - 1;
        for (int slot = slot(key, mask); ; slot = (slot + 1) & mask) {
            int id = slots[slot] - 1;
            if (id < 0) {
                return -1;
            }
            if (keys[id] == key) {
                return id;
            }
        }
    }

    /** The id of {@code key} (never 0), given now if it had none; -1 when it had none and the ids are all given. */
    int intern(long key) {
        int mask = slots.length - 1;
        int slot = slot(key, mask);
        for (int id; (id = slots[slot] - 1) >= 0; slot = (slot + 1) & mask) {
            if (keys[id] == key) {
                return id;
            }
        }
        if (size == capacity) {
            return -1;
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, keys.length + (keys.length >> 1));
        }
        keys[size] = key;
        slots[slot] = size + 1;
        if (++size * 2 > slots.length) {
            grow();
        }
        return size - 1;
    }

    /** Doubles the hash table, placing each id again (the keys are distinct: each was given its id once). */
    private void grow() {
        int[] grown = new int[slots.length * 2];
        int mask = grown.length - 1;
        for (int id = 0; id < size; id++) {
            int slot = slot(keys[id], mask);
            while (grown[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            grown[slot] = id + 1;
        }
        slots = grown;
    }

    /** The keys in id order. */
    long[] keysInIdOrder() {
        return Arrays.copyOf(keys, size);
    }

    long digest(long hash) {
        hash = Digest.mix(hash, size);
        for (int id = 0; id < size; id++) {
            hash = Digest.mix(hash, keys[id]);
        }
        return hash;
    }

    void write(StateOutput out) {
        out.writeInt(capacity);
        out.writeLongs(keys, size);
        out.writeInts(slots, slots.length);
    }

    /**
     * The ids {@link #write} wrote, with their hash table as it was. Building the table anew put each key in a
     * random slot of a table far larger than the processor's caches: at 10,000 companies and 10,000,000 rows,
     * 15 million keys, it was half of the CPU a start from a snapshot spent (docs/SCALING.md), where reading the
     * table is a copy. The snapshot's checksum guards its bytes; what is checked here is what the table must
     * hold: each id once, and no other value. Whether keys are found where the hash puts them, which would
     * not hold should {@link #slot} change without a new snapshot format, is checked on a sample of them (one
     * in {@code size / }{@value #CHECKED_KEYS}), as looking every key up costs what building the table did.
     */
    static FeatureIds read(StateInput in) {
        FeatureIds ids = new FeatureIds(in.readInt());
        long[] byId = in.readLongs(0);
        if (byId.length > ids.capacity) {
            throw new StateInput.CorruptStateException("feature ids: " + byId.length + " keys, at most " + ids.capacity);
        }
        for (long key : byId) {
            if (key == EMPTY) {
                throw new StateInput.CorruptStateException("feature ids: key " + key + " cannot be given an id");
            }
        }
        int[] slots = in.readInts(0);
        if (Integer.bitCount(slots.length) != 1 || slots.length < 2L * byId.length) {
            throw new StateInput.CorruptStateException("feature ids: a table of " + slots.length + " slots for "
                    + byId.length + " keys");
        }
        int filled = checkSlots(slots, byId.length);
        if (filled != byId.length) {
            throw new StateInput.CorruptStateException("feature ids: " + filled + " slots filled for " + byId.length + " keys");
        }
        ids.slots = slots;
        ids.keys = byId.length >= ids.keys.length ? byId : Arrays.copyOf(byId, ids.keys.length);
        ids.size = byId.length;
        for (int id = 0; id < byId.length; id += Math.max(1, byId.length / CHECKED_KEYS)) {
            if (ids.find(byId[id]) != id) {
                throw new StateInput.CorruptStateException("feature ids: key " + byId[id] + " of id " + id
                        + " is not found where the hash puts it (or another id has it too)");
            }
        }
        return ids;
    }

    /**
     * The number of filled slots, checking that each holds an id of the {@code keys} at most once. A plain loop over
     * a {@code boolean[]}: a start runs it on tens of millions of slots before the JIT has compiled much, and with a
     * {@code BitSet}'s calls in it, it was half of the CPU of a start from a snapshot at 10,000 companies.
     */
    private static int checkSlots(int[] slots, int keys) {
        boolean[] seen = new boolean[keys];
        int filled = 0;
        for (int slot : slots) {
            if (slot == 0) {
                continue;
            }
            if (slot < 0 || slot > keys || seen[slot - 1]) {
                throw new StateInput.CorruptStateException("feature ids: a slot holds id " + (slot - 1) + " of " + keys
                        + (slot > 0 && slot <= keys ? ", which another slot holds too" : ""));
            }
            seen[slot - 1] = true;
            filled++;
        }
        return filled;
    }

    static int slot(long key, int mask) {
        return (int) (key ^ (key >>> 32)) & mask;
    }
}
