package ledgerlearn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import ledgerlearn.snapshot.StateInput;
import org.junit.jupiter.api.Test;

final class FeatureIdsTest {

    @Test
    void givesDenseIdsInTheOrderKeysWereFirstSeen() {
        FeatureIds ids = new FeatureIds(10);
        assertEquals(-1, ids.find(42));
        assertEquals(0, ids.intern(42));
        assertEquals(1, ids.intern(7));
        assertEquals(0, ids.intern(42));
        assertEquals(1, ids.find(7));
        assertEquals(2, ids.size());
        assertArrayEquals(new long[] {42, 7}, ids.keysInIdOrder());
    }

    @Test
    void givesNoMoreIdsThanItsCapacity() {
        FeatureIds ids = new FeatureIds(3);
        for (long key = 1; key <= 5; key++) {
            ids.intern(key);
        }
        assertEquals(3, ids.size());
        assertEquals(-1, ids.intern(4));
        assertEquals(-1, ids.find(5));
        assertEquals(2, ids.find(3));
    }

    @Test
    void keepsEveryIdThroughGrowth() {
        FeatureIds ids = new FeatureIds(1 << 20);
        Random random = new Random(5);
        long[] keys = new long[20_000];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = random.nextLong() | 1;
            assertEquals(i, ids.intern(keys[i]));
        }
        for (int i = 0; i < keys.length; i++) {
            assertEquals(i, ids.find(keys[i]));
        }
    }

    @Test
    void equalIdsHaveEqualDigests() {
        FeatureIds a = new FeatureIds(10);
        FeatureIds b = new FeatureIds(10);
        a.intern(1);
        a.intern(2);
        b.intern(2);
        b.intern(1);
        assertNotEquals(a.digest(0), b.digest(0), "the order of the ids counts");
        b = new FeatureIds(10);
        b.intern(1);
        b.intern(2);
        assertEquals(a.digest(0), b.digest(0));
    }

    @Test
    void idsReadBackFindEveryKeyAndGiveTheNextIdsAsTheOriginalDoes() {
        for (int n : new int[] {0, 1, 511, 512, 513, 5_000}) {
            FeatureIds original = new FeatureIds(1 << 20);
            Random random = new Random(n);
            long[] keys = new long[n];
            for (int i = 0; i < n; i++) {
                keys[i] = random.nextLong() | 1;
                original.intern(keys[i]);
            }
            FeatureIds read = States.roundTrip(original::write, FeatureIds::read);

            assertEquals(original.size(), read.size(), n + " keys");
            for (int i = 0; i < n; i++) {
                assertEquals(i, read.find(keys[i]));
            }
            assertEquals(-1, read.find(2));
            for (int i = 0; i < 1_000; i++) {
                long key = random.nextLong() | 1;
                assertEquals(original.intern(key), read.intern(key));
            }
            assertEquals(original.digest(7), read.digest(7));
        }
    }

    @Test
    void aZeroKeyMoreKeysThanTheCapacityOrATableThatDoesNotHoldTheKeysAreCorrupt() {
        int[] table = tableOf(5, 6, 7);
        assertEquals(3, readIds(3, table, 5, 6, 7).size());
        assertEquals(2, readIds(3, table, 5, 6, 7).find(7));
        assertThrows(StateInput.CorruptStateException.class, () -> readIds(10, tableOf(5, 1), 5, 0));
        assertThrows(StateInput.CorruptStateException.class, () -> readIds(2, table, 5, 6, 7));

        int[] pastTheKeys = table.clone();
        pastTheKeys[firstEmpty(table)] = 4;
        assertThrows(StateInput.CorruptStateException.class, () -> readIds(3, pastTheKeys, 5, 6, 7), "an id past the keys");
        int[] negative = table.clone();
        negative[firstEmpty(table)] = -1;
        assertThrows(StateInput.CorruptStateException.class, () -> readIds(3, negative, 5, 6, 7));
        int[] twice = table.clone();
        twice[firstEmpty(table)] = 1;
        assertThrows(StateInput.CorruptStateException.class, () -> readIds(3, twice, 5, 6, 7), "more slots filled than keys");
        assertThrows(StateInput.CorruptStateException.class, () -> readIds(3, new int[4], 5, 6, 7), "too small a table");
        assertThrows(StateInput.CorruptStateException.class, () -> readIds(3, new int[1000], 5, 6, 7), "not a power of two");

        int[] idTwice = table.clone();
        for (int i = 0; i < idTwice.length; i++) {
            idTwice[i] = idTwice[i] == 3 ? 2 : idTwice[i];
        }
        assertThrows(StateInput.CorruptStateException.class, () -> readIds(3, idTwice, 5, 6, 7), "id 1 in two slots, id 2 in none");
        int[] shifted = new int[table.length];
        for (int i = 0; i < table.length; i++) {
            shifted[(i + 1) % table.length] = table[i];
        }
        assertThrows(StateInput.CorruptStateException.class, () -> readIds(3, shifted, 5, 6, 7), "every key one slot off");
    }

    @Test
    void aKeyGivenTwoIdsIsCorrupt() {
        // keys 5, 9, 5 as a table of ids 1, 2 and 3 would place them: the second 5 right after the first
        int[] table = new int[1024];
        table[FeatureIds.slot(5, 1023)] = 1;
        table[FeatureIds.slot(9, 1023)] = 2;
        table[FeatureIds.slot(5, 1023) + 1] = 3;
        assertThrows(StateInput.CorruptStateException.class, () -> readIds(10, table, 5, 9, 5));
    }

    @Test
    void theHashIsPartOfTheSnapshotFormat() {
        // a snapshot holds the table as this hash filled it: changing the hash needs a new snapshot format
        assertEquals(5, FeatureIds.slot(5, 1023));
        assertEquals(0x88, FeatureIds.slot(0x1234_5678_9abc_def0L, 1023));
        assertEquals(0x888889, FeatureIds.slot(-0x0123_4567_89ab_cdefL, (1 << 24) - 1));
    }

    /** The hash table a {@link FeatureIds} given {@code keys} in order writes. */
    private static int[] tableOf(long... keys) {
        FeatureIds ids = new FeatureIds(keys.length);
        for (long key : keys) {
            ids.intern(key);
        }
        StateInput in = new StateInput(States.bytes(ids::write));
        in.readInt();
        in.readLongs(0);
        return in.readInts(0);
    }

    private static int firstEmpty(int[] table) {
        for (int i = 0; ; i++) {
            if (table[i] == 0) {
                return i;
            }
        }
    }

    private static FeatureIds readIds(int capacity, int[] table, long... keys) {
        return States.read(States.bytes(out -> out.writeInt(capacity).writeLongs(keys, keys.length).writeInts(table, table.length)),
                FeatureIds::read);
    }
}
