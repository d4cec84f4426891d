package ledgerlearn.server;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.StreamHandler;
import ledgerlearn.telemetry.DroppedLogLines;

/**
 * A log handler that formats and writes its records on a thread of its own, flushing once per burst
 * instead of once per line, so the thread that logs never waits for the stream. Once a record wakes the
 * writer, it lets more gather for {@link #GATHER_MILLIS} before writing them: under load it then wakes
 * and writes a few hundred times a second rather than once per request, and the request that logs finds
 * no writer to wake (docs/BENCHMARKS.md: the access log cost a warm server a quarter of its /predict
 * throughput when the writer woke and wrote per line). When {@link #CAPACITY}
 * records are already waiting (the stream is slow, or stuck: a pipe nobody reads), a new record is dropped
 * and counted ({@link DroppedLogLines}) rather than waited for: a request or a stop must never hang on its
 * log line. Once the stream takes lines again, one line says how many were dropped.
 */
final class BackgroundHandler extends Handler {
    static final int CAPACITY = 8192;
    private static final int BURST = 256;
    /** How long the writer lets lines gather after the first one; a line reaches the stream at most this much later. */
    static final long GATHER_MILLIS = 5;
    /** How long closing waits for the writer to finish what is queued; a stuck stream is abandoned after it. */
    static final long CLOSE_WAIT_MILLIS = 1000;

    private final BlockingQueue<LogRecord> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final StreamHandler out;
    private final Thread writer;
    private volatile boolean closed;
    /** Dropped since the writer last reported drops; only the writer resets it. */
    private final AtomicLong unreported = new AtomicLong();

    BackgroundHandler(OutputStream stream, String name) {
        out = new StreamHandler(stream, new LineFormatter());
        out.setLevel(Level.ALL);
        writer = new Thread(this::write, name);
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void publish(LogRecord record) {
        if (closed || !isLoggable(record)) {
            return;
        }
        if (!queue.offer(record)) {
            unreported.incrementAndGet();
            DroppedLogLines.add(1);
        }
    }

    private void write() {
        List<LogRecord> burst = new ArrayList<>(BURST);
        while (!closed) {
            try {
                burst.add(queue.take());
                if (queue.size() < BURST) {
                    Thread.sleep(GATHER_MILLIS);
                }
            } catch (InterruptedException e) {
                // closing: write what is taken (close() waits for it and writes anything after)
            }
            queue.drainTo(burst, BURST - 1);
            long dropped = unreported.getAndSet(0);
            if (dropped > 0) {
                out.publish(droppedRecord(dropped));
            }
            burst.forEach(out::publish);
            burst.clear();
            out.flush();
        }
    }

    private LogRecord droppedRecord(long dropped) {
        LogRecord record = new LogRecord(Level.WARNING, "log: dropped " + dropped
                + " lines while stderr did not take them (a full pipe or a stuck terminal)");
        record.setLoggerName("ledgerlearn.log");
        return record;
    }

    @Override
    public void flush() {
        if (!writer.isAlive()) {
            out.flush();
        }
    }

    /**
     * Writes every record still waiting and flushes, unless the writer is stuck on the stream: then the
     * waiting records are counted as dropped instead, so that closing (at exit, after SIGTERM) never hangs.
     * The stream itself stays open (it is usually stderr).
     */
    @Override
    public void close() {
        closed = true;
        writer.interrupt();
        try {
            writer.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<LogRecord> rest = new ArrayList<>();
        queue.drainTo(rest);
        if (writer.isAlive()) {
            DroppedLogLines.add(rest.size());
            return;
        }
        long dropped = unreported.getAndSet(0);
        if (dropped > 0) {
            out.publish(droppedRecord(dropped));
        }
        rest.forEach(out::publish);
        out.flush();
    }
}
