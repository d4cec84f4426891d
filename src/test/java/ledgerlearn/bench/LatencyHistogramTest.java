package ledgerlearn.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class LatencyHistogramTest {

    @Test
    void smallValuesAreCountedExactly() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (long v = 1; v <= 100; v++) {
            histogram.record(v);
        }
        assertEquals(50, histogram.percentile(0.5));
        assertEquals(99, histogram.percentile(0.99));
        assertEquals(100, histogram.percentile(1.0));
        assertEquals(1, histogram.percentile(0.0));
    }

    @Test
    void percentilesOfMicrosecondsToSecondsAreWithinOnePercent() {
        LatencyHistogram histogram = new LatencyHistogram();
        // 1 µs, 2 µs, ... 100,000 µs: the q-quantile is q * 100,000 µs
        for (long micros = 1; micros <= 100_000; micros++) {
            histogram.record(micros * 1000);
        }
        for (double q : new double[] {0.5, 0.9, 0.99, 0.999}) {
            double expected = q * 100_000 * 1000;
            long actual = histogram.percentile(q);
            assertTrue(actual >= expected && actual <= expected * 1.01, q + ": " + actual + " vs " + expected);
        }
        assertEquals(100_000_000, histogram.max());
        assertEquals(100_000_000, histogram.percentile(1.0));
    }

    @Test
    void aPercentileNeverExceedsTheMaximumRecorded() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.record(1_000_001);
        assertEquals(1_000_001, histogram.percentile(0.99));
    }

    @Test
    void addingHistogramsEqualsRecordingEverythingInOne() {
        LatencyHistogram a = new LatencyHistogram();
        LatencyHistogram b = new LatencyHistogram();
        LatencyHistogram both = new LatencyHistogram();
        for (long v = 1; v < 5000; v += 7) {
            (v % 2 == 0 ? a : b).record(v * 997);
            both.record(v * 997);
        }
        a.add(b);
        assertEquals(both.count(), a.count());
        assertEquals(both.max(), a.max());
        for (double q : new double[] {0.1, 0.5, 0.9, 0.99}) {
            assertEquals(both.percentile(q), a.percentile(q));
        }
    }

    @Test
    void anEmptyHistogramAnswersZero() {
        LatencyHistogram histogram = new LatencyHistogram();
        assertEquals(0, histogram.count());
        assertEquals(0, histogram.percentile(0.99));
        assertEquals(0, histogram.max());
    }

    @Test
    void bucketsAreContiguousFromZeroToTheLargestLong() {
        int buckets = LatencyHistogram.index(Long.MAX_VALUE) + 1;
        for (int i = 0; i < buckets - 1; i++) {
            long upper = LatencyHistogram.upperBound(i);
            assertEquals(i, LatencyHistogram.index(upper), "upper end of bucket " + i);
            assertEquals(i + 1, LatencyHistogram.index(upper + 1), "just past bucket " + i);
        }
        assertEquals(Long.MAX_VALUE, LatencyHistogram.upperBound(buckets - 1));
    }

    @Test
    void refusesNegativeLatenciesAndQuantilesOutsideZeroToOne() {
        LatencyHistogram histogram = new LatencyHistogram();
        assertThrows(IllegalArgumentException.class, () -> histogram.record(-1));
        assertThrows(IllegalArgumentException.class, () -> histogram.percentile(1.5));
    }
}
