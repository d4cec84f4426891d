package ledgerlearn.model;

import java.util.Arrays;
import ledgerlearn.snapshot.StateInput;
import ledgerlearn.snapshot.StateOutput;

/**
 * What was booked with each 64-bit key (a company's text and amount, a company's text, a split booking):
 * how many bookings, the last account, and how many bookings went to each account, kept as a
 * {@link FeatureTable} row per key. At most {@code capacity} keys are kept: past that, a new one is not,
 * a decision that depends only on the order of learning, so a replay makes the same one.
 */
final class KeyedCounts {
    private FeatureIds ids;
    private FeatureTable counts;
    /** By key id: bookings, then 1 + the last class. */
    private int[] bookings = new int[256];
    private int[] last = new int[256];

    KeyedCounts(int capacity) {
        this.ids = new FeatureIds(capacity);
        this.counts = new FeatureTable(capacity);
    }

    /** The number of keys booked. */
    int size() {
        return ids.size();
    }

    /** The id of {@code key}, or -1 for a key of 0 or never booked; read it with the accessors below. */
    int find(long key) {
        return key == 0 ? -1 : ids.find(key);
    }

    /** How many times the key of {@code id} was booked (0 for -1). */
    int bookings(int id) {
        return id < 0 ? 0 : bookings[id];
    }

    /** The class the key of {@code id} was last booked to, or -1. */
    int last(int id) {
        return id < 0 ? -1 : last[id] - 1;
    }

    /** How many times the key of {@code id} was booked to class {@code c}. */
    int count(int id, int c) {
        return id < 0 ? 0 : counts.count(id, c);
    }

    /** Counts one booking of class {@code c} for {@code key}; a key of 0 is no key. */
    void record(long key, int c) {
        if (key == 0) {
            return;
        }
        int id = ids.intern(key);
        if (id < 0) {
            return;
        }
        if (id >= bookings.length) {
            bookings = Arrays.copyOf(bookings, bookings.length * 2);
            last = Arrays.copyOf(last, last.length * 2);
        }
        bookings[id]++;
        last[id] = c + 1;
        counts.add(id, c);
    }

    void write(StateOutput out) {
        ids.write(out);
        counts.write(out);
        out.writeInts(bookings, ids.size()).writeInts(last, ids.size());
    }

    static KeyedCounts read(StateInput in, int capacity) {
        KeyedCounts memory = new KeyedCounts(capacity);
        memory.ids = FeatureIds.read(in);
        memory.counts = FeatureTable.read(in);
        memory.bookings = in.readInts(256);
        memory.last = in.readInts(memory.bookings.length);
        if (memory.last.length != memory.bookings.length) {
            throw new StateInput.CorruptStateException("keyed counts: inconsistent lengths");
        }
        return memory;
    }

    long digest(long hash) {
        hash = counts.digest(ids.digest(hash));
        for (int id = 0; id < ids.size(); id++) {
            hash = Digest.mix(Digest.mix(hash, bookings[id]), last[id]);
        }
        return hash;
    }
}
