package ledgerlearn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

final class IntIndexTest {

    @Test
    void numbersKeysInFirstAddedOrderAcrossGrowth() {
        IntIndex index = new IntIndex();
        for (int i = 0; i < 10_000; i++) {
            assertEquals(i, index.add(i * 7919 % 1_000_003));
        }
        assertEquals(10_000, index.size());
        for (int i = 0; i < 10_000; i++) {
            assertEquals(i, index.get(i * 7919 % 1_000_003));
            assertEquals(i, index.add(i * 7919 % 1_000_003));
        }
        assertEquals(10_000, index.size());
        assertEquals(-1, index.get(1_000_004));
    }
}
