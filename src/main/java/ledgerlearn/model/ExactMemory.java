package ledgerlearn.model;

import java.util.Arrays;

/**
 * A bounded map from a (company, text, amount) key to the account booked for it: the majority
 * account of the key's bookings, tracked with one candidate and one vote count per key
 * (Boyer–Moore majority vote), so a single odd booking does not displace a habit.
 */
final class ExactMemory {
    private static final long EMPTY = 0;
    /** A key lives in one of the WINDOW slots from its home slot, so a lookup never probes further. */
    private static final int WINDOW = 32;

    private final int maxSlots;
    private long[] keys = new long[16];
    private int[] accounts = new int[16];
    private int[] votes = new int[16];
    private int size;

    /** Grows to at most {@code maxSlots} slots (a power of two); once full, a new key evicts the weakest in its window. */
    ExactMemory(int maxSlots) {
        if (Integer.bitCount(maxSlots) != 1 || maxSlots < 16) {
            throw new IllegalArgumentException("maxSlots must be a power of two >= 16, got " + maxSlots);
        }
        this.maxSlots = maxSlots;
    }

    int size() {
        return size;
    }

    /** The remembered account for {@code key} (never 0), or -1. */
    int get(long key) {
        int mask = keys.length - 1;
        int slot = slot(key, mask);
        for (int i = 0; i < WINDOW; i++, slot = (slot + 1) & mask) {
            if (keys[slot] == key) {
                return accounts[slot];
            }
            if (keys[slot] == EMPTY) {
                return -1;
            }
        }
        return -1;
    }

    /** Counts one booking of {@code account} for {@code key} (never 0). */
    void record(long key, int account) {
        int mask = keys.length - 1;
        int slot = slot(key, mask);
        for (int i = 0; i < WINDOW; i++, slot = (slot + 1) & mask) {
            if (keys[slot] == key) {
                vote(slot, account);
                return;
            }
            if (keys[slot] == EMPTY) {
                break;
            }
        }
        while (!put(key, account, 1, keys.length == maxSlots)) {
            grow();
        }
        if (size * 2 > keys.length && keys.length < maxSlots) {
            grow();
        }
    }

    private void vote(int slot, int account) {
        if (votes[slot] == 0) {
            accounts[slot] = account;
            votes[slot] = 1;
        } else if (accounts[slot] == account) {
            votes[slot]++;
        } else {
            votes[slot]--;
        }
    }

    /**
     * Puts a key known to be absent into the first empty slot of its window; when the window is full,
     * over its weakest entry if {@code evict}, else it returns false. Slots are never emptied, so a
     * key is never behind an empty slot of its window and lookups may stop at the first empty one.
     */
    private boolean put(long key, int account, int vote, boolean evict) {
        int mask = keys.length - 1;
        int slot = slot(key, mask);
        int target = -1;
        int weakest = slot;
        for (int i = 0; i < WINDOW; i++, slot = (slot + 1) & mask) {
            if (keys[slot] == EMPTY) {
                target = slot;
                size++;
                break;
            }
            if (votes[slot] < votes[weakest]) {
                weakest = slot;
            }
        }
        if (target < 0) {
            if (!evict) {
                return false;
            }
            target = weakest;
        }
        keys[target] = key;
        accounts[target] = account;
        votes[target] = vote;
        return true;
    }

    /** Folds every entry, in key order, into {@code hash}. */
    long digest(long hash) {
        long[] sorted = new long[size];
        int n = 0;
        for (long key : keys) {
            if (key != EMPTY) {
                sorted[n++] = key;
            }
        }
        Arrays.sort(sorted);
        hash = Digest.mix(hash, size);
        for (long key : sorted) {
            int slot = slot(key, keys.length - 1);
            while (keys[slot] != key) {
                slot = (slot + 1) & (keys.length - 1);
            }
            hash = Digest.mix(Digest.mix(Digest.mix(hash, key), accounts[slot]), votes[slot]);
        }
        return hash;
    }

    /** Doubles the slots (again, if a window overflows while growing); only at the bound may entries be evicted. */
    private void grow() {
        long[] oldKeys = keys;
        int[] oldAccounts = accounts;
        int[] oldVotes = votes;
        int capacity = oldKeys.length;
        boolean placedAll;
        do {
            capacity *= 2;
            keys = new long[capacity];
            accounts = new int[capacity];
            votes = new int[capacity];
            size = 0;
            placedAll = true;
            for (int i = 0; i < oldKeys.length && placedAll; i++) {
                if (oldKeys[i] != EMPTY) {
                    placedAll = put(oldKeys[i], oldAccounts[i], oldVotes[i], capacity == maxSlots);
                }
            }
        } while (!placedAll);
    }

    private static int slot(long key, int mask) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> 32) & mask;
    }
}
