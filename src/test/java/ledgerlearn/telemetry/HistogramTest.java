package ledgerlearn.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

final class HistogramTest {

    @Test
    void countsADurationInTheFirstBucketItDoesNotExceed() {
        Histogram histogram = new Histogram(List.of(0.001, 0.01));
        histogram.observe(1_000_000);     // exactly 1 ms: the first bucket
        histogram.observe(1_000_001);     // just over: the second
        histogram.observe(10_000_000);    // exactly 10 ms: the second
        histogram.observe(2_000_000_000); // 2 s: only +Inf

        Histogram.Snapshot snapshot = histogram.snapshot();

        assertEquals(List.of(0.001, 0.01), snapshot.boundsSeconds());
        assertEquals(List.of(1L, 3L, 4L), snapshot.cumulativeCounts());
        assertEquals(4, snapshot.count());
        assertEquals(2.012000001, snapshot.sumSeconds(), 1e-12);
    }

    @Test
    void startsEmptyAndCountsANegativeDurationAsZero() {
        Histogram histogram = new Histogram();
        assertEquals(0, histogram.snapshot().count());
        assertEquals(Histogram.DEFAULT_BOUNDS_SECONDS.size() + 1, histogram.snapshot().cumulativeCounts().size());

        histogram.observe(-5);

        assertEquals(1, histogram.snapshot().cumulativeCounts().get(0));
        assertEquals(0.0, histogram.snapshot().sumSeconds());
    }

    @Test
    void refusesBoundsThatAreNotPositiveAndAscending() {
        assertThrows(IllegalArgumentException.class, () -> new Histogram(List.of(0.01, 0.001)));
        assertThrows(IllegalArgumentException.class, () -> new Histogram(List.of(0.01, 0.01)));
        assertThrows(IllegalArgumentException.class, () -> new Histogram(List.of(0.0, 1.0)));
    }
}
