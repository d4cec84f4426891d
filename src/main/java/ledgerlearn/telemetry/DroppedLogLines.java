package ledgerlearn.telemetry;

import java.util.concurrent.atomic.LongAdder;

/**
 * How many log lines this process dropped because the log's sink (stderr) did not take them in time. The
 * logging system is one per process, so this count is too.
 */
public final class DroppedLogLines {
    private static final LongAdder DROPPED = new LongAdder();

    private DroppedLogLines() {}

    /** Counts {@code n} more dropped lines. */
    public static void add(long n) {
        DROPPED.add(n);
    }

    /** The lines dropped since the process started. */
    public static long count() {
        return DROPPED.sum();
    }
}
