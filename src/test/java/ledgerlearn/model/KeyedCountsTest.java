package ledgerlearn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

final class KeyedCountsTest {

    @Test
    void countsBookingsPerKeyAndAccountAndRemembersTheLast() {
        KeyedCounts memory = new KeyedCounts(100);
        memory.record(11, 4);
        memory.record(11, 4);
        memory.record(11, 9);
        memory.record(12, 1);

        int key = memory.find(11);
        assertEquals(3, memory.bookings(key));
        assertEquals(2, memory.count(key, 4));
        assertEquals(1, memory.count(key, 9));
        assertEquals(0, memory.count(key, 1));
        assertEquals(9, memory.last(key));
        assertEquals(2, memory.size());
    }

    @Test
    void anUnknownKeyAndTheKeyZeroHaveNoBookings() {
        KeyedCounts memory = new KeyedCounts(100);
        memory.record(0, 3);

        assertEquals(0, memory.size());
        for (long key : new long[] {0, 5}) {
            int id = memory.find(key);
            assertEquals(-1, id);
            assertEquals(0, memory.bookings(id));
            assertEquals(-1, memory.last(id));
            assertEquals(0, memory.count(id, 3));
        }
    }

    @Test
    void remembersNoMoreKeysThanItsCapacity() {
        KeyedCounts memory = new KeyedCounts(2);
        memory.record(1, 1);
        memory.record(2, 1);
        memory.record(3, 1);
        memory.record(1, 2);

        assertEquals(2, memory.size());
        assertEquals(-1, memory.find(3));
        assertEquals(2, memory.bookings(memory.find(1)), "a key already kept still counts");
    }

    @Test
    void equalMemoriesHaveEqualDigests() {
        KeyedCounts a = new KeyedCounts(10);
        KeyedCounts b = new KeyedCounts(10);
        a.record(5, 1);
        b.record(5, 1);
        assertEquals(a.digest(0), b.digest(0));
        b.record(5, 2);
        a.record(5, 1);
        assertNotEquals(a.digest(0), b.digest(0));
    }
}
