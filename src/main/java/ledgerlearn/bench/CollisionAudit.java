package ledgerlearn.bench;

import java.util.HashSet;
import java.util.Set;
import ledgerlearn.model.Model;
import ledgerlearn.sample.Transaction;

/**
 * Counts the keys of the model's feature space that two distinct features share. Each key is paired with the
 * same feature's key under an independent hash ({@link Model#featureKeys}): a key met with two different
 * partners stands for two features, which a table keyed by exact features would have kept apart. (Two
 * features colliding under both hashes at once, about one chance in 2^64, would go unseen.)
 */
final class CollisionAudit {
    private long[] keys = new long[1 << 16];
    private long[] partners = new long[1 << 16];
    private int size;
    private final Set<Long> collided = new HashSet<>();

    void add(Transaction transaction) {
        long[] model = Model.featureKeys(transaction, false);
        long[] independent = Model.featureKeys(transaction, true);
        for (int i = 0; i < model.length; i++) {
            put(model[i], independent[i]);
        }
    }

    /** The distinct keys met. */
    int keys() {
        return size;
    }

    /** The keys met with more than one feature. */
    int collisions() {
        return collided.size();
    }

    void put(long key, long partner) {
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            if (keys[i] == 0) {
                keys[i] = key;
                partners[i] = partner;
                if (++size > keys.length * 3 / 5) {
                    grow();
                }
                return;
            }
            if (keys[i] == key) {
                if (partners[i] != partner) {
                    collided.add(key);
                }
                return;
            }
        }
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldPartners = partners;
        keys = new long[oldKeys.length * 2];
        partners = new long[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != 0) {
                int i = slot(oldKeys[j], mask);
                while (keys[i] != 0) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                partners[i] = oldPartners[j];
            }
        }
    }

    private static int slot(long key, int mask) {
        // the keys are well mixed hashes already
        return (int) (key ^ (key >>> 32)) & mask;
    }
}
