package ledgerlearn.telemetry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * A thread-safe histogram of durations over fixed buckets, as Prometheus histograms count them:
 * a duration is counted in the first bucket whose upper bound it does not exceed, or in the
 * overflow bucket past the last bound.
 */
public final class Histogram {
    /** Upper bounds from half a millisecond to ten seconds: request and fsync times both fall inside. */
    public static final List<Double> DEFAULT_BOUNDS_SECONDS =
            List.of(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0);

    private final List<Double> boundsSeconds;
    private final long[] boundsNanos;
    /** One counter per bucket (not cumulative) plus the overflow; cumulated on read, so writers never contend. */
    private final LongAdder[] counts;
    private final LongAdder sumNanos = new LongAdder();

    /** A histogram over {@link #DEFAULT_BOUNDS_SECONDS}. */
    public Histogram() {
        this(DEFAULT_BOUNDS_SECONDS);
    }

    /** A histogram over the given upper bounds in seconds, which must be positive and ascending. */
    public Histogram(List<Double> boundsSeconds) {
        this.boundsSeconds = List.copyOf(boundsSeconds);
        this.boundsNanos = new long[boundsSeconds.size()];
        for (int i = 0; i < boundsNanos.length; i++) {
            double bound = this.boundsSeconds.get(i);
            if (!(bound > 0) || (i > 0 && bound <= this.boundsSeconds.get(i - 1))) {
                throw new IllegalArgumentException("bounds must be positive and ascending, got " + boundsSeconds);
            }
            boundsNanos[i] = Math.round(bound * 1e9);
        }
        counts = new LongAdder[boundsNanos.length + 1];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    /** Counts one duration; a negative one (a clock oddity) counts as zero. */
    public void observe(long nanos) {
        long duration = Math.max(0, nanos);
        int bucket = 0;
        while (bucket < boundsNanos.length && duration > boundsNanos[bucket]) {
            bucket++;
        }
        counts[bucket].increment();
        sumNanos.add(duration);
    }

    /** The counts so far; taken without a lock, so a duration observed meanwhile may be in the sum only. */
    public Snapshot snapshot() {
        List<Long> cumulative = new ArrayList<>(counts.length);
        long running = 0;
        for (LongAdder count : counts) {
            running += count.sum();
            cumulative.add(running);
        }
        return new Snapshot(boundsSeconds, cumulative, sumNanos.sum() / 1e9);
    }

    /**
     * A histogram's counts at one moment.
     *
     * @param boundsSeconds the buckets' upper bounds, ascending, without the implicit {@code +Inf}
     * @param cumulativeCounts per bucket, the durations at most its bound; one more entry at the end
     *     for {@code +Inf}, which is every duration
     * @param sumSeconds the sum of every duration observed
     */
    public record Snapshot(List<Double> boundsSeconds, List<Long> cumulativeCounts, double sumSeconds) {
        public Snapshot {
            boundsSeconds = List.copyOf(boundsSeconds);
            cumulativeCounts = List.copyOf(cumulativeCounts);
            if (cumulativeCounts.size() != boundsSeconds.size() + 1) {
                throw new IllegalArgumentException("need one count per bound plus +Inf");
            }
        }

        /** The number of durations observed: the {@code +Inf} bucket's count. */
        public long count() {
            return cumulativeCounts.get(cumulativeCounts.size() - 1);
        }
    }
}
