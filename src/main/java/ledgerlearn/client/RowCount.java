package ledgerlearn.client;

import java.io.IOException;
import java.nio.file.Path;
import ledgerlearn.dataset.DatasetReader;

/**
 * How many rows a stream will send, for the progress bar's percentage: its limit at first, then the
 * rows the data set holds after the skipped ones, if fewer. Those are counted on a thread of their own
 * while the stream runs (a zip must be read through to count them).
 */
final class RowCount {
    private static final int STEP = 10_000;

    private volatile long total;
    private volatile boolean stopped;

    private RowCount(long total) {
        this.total = total;
    }

    /**
     * The rows to be sent from {@code file} ({@code null}: the embedded data set) after {@code skip}, at most
     * {@code limit} ({@link Long#MAX_VALUE}: all); not counted when {@code quiet}, as no one would see them.
     */
    static RowCount of(Path file, long skip, long limit, boolean quiet) {
        RowCount count = new RowCount(limit == Long.MAX_VALUE ? -1 : limit);
        if (!quiet) {
            Thread counter = new Thread(() -> count.count(file, skip, limit), "row-count");
            counter.setDaemon(true);
            counter.start();
        }
        return count;
    }

    /** A count known before the stream starts. */
    static RowCount known(long total) {
        return new RowCount(total);
    }

    private void count(Path file, long skip, long limit) {
        long rows = 0;
        try (DatasetReader reader = file == null ? DatasetReader.openEmbedded() : DatasetReader.open(file)) {
            long step;
            do {
                step = reader.skip(STEP);
                rows += step;
            } while (step == STEP && !stopped);
        } catch (IOException e) {
            // the stream itself reports an unreadable file
            return;
        }
        if (!stopped) {
            total = Math.max(0, Math.min(limit, rows - skip));
        }
    }

    /** The rows that will be sent, {@code -1} while unknown. */
    long total() {
        return total;
    }

    /** Stops counting, if it is still going. */
    void stop() {
        stopped = true;
    }
}
