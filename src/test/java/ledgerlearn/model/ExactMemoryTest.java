package ledgerlearn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class ExactMemoryTest {

    private static long key(int i) {
        return (i + 1) * 0x9E3779B97F4A7C15L;
    }

    @Test
    void remembersTheMajorityAccountOfEachKey() {
        ExactMemory memory = new ExactMemory(1 << 10);
        memory.record(key(1), 7);
        memory.record(key(1), 7);
        memory.record(key(1), 3);
        memory.record(key(2), 3);
        assertEquals(7, memory.get(key(1)));
        assertEquals(3, memory.get(key(2)));
        assertEquals(-1, memory.get(key(3)));
        memory.record(key(1), 3);
        memory.record(key(1), 3);
        assertEquals(3, memory.get(key(1)));
    }

    @Test
    void keepsEveryKeyWhileItGrowsBelowItsBound() {
        ExactMemory memory = new ExactMemory(1 << 16);
        for (int i = 0; i < 20_000; i++) {
            memory.record(key(i), i % 97);
        }
        assertEquals(20_000, memory.size());
        for (int i = 0; i < 20_000; i++) {
            assertEquals(i % 97, memory.get(key(i)));
        }
    }

    @Test
    void staysWithinItsSlotsForAFloodOfKeysAndStillAnswersTheNewest() {
        ExactMemory memory = new ExactMemory(64);
        for (int i = 0; i < 1_000_000; i++) {
            memory.record(key(i), i % 5);
            assertEquals(i % 5, memory.get(key(i)));
        }
        assertTrue(memory.size() <= 64, "size " + memory.size());
    }

    @Test
    void evictsTheWeakestEntryOfAFullWindow() {
        ExactMemory memory = new ExactMemory(16);
        // a habit booked often survives a flood of one-off keys
        for (int i = 0; i < 50; i++) {
            memory.record(key(1 << 30), 9);
        }
        for (int i = 0; i < 10_000; i++) {
            memory.record(key(i), 1);
        }
        assertEquals(9, memory.get(key(1 << 30)));
    }
}
