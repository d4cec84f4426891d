package ledgerlearn.server;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.StreamHandler;

/**
 * A log handler that formats and writes its records on a thread of its own, flushing once per burst
 * instead of once per line, so the thread that logs never waits for the stream or for another logger.
 * When {@link #CAPACITY} records are waiting, a logging thread waits too: no line is dropped.
 */
final class BackgroundHandler extends Handler {
    static final int CAPACITY = 8192;
    private static final int BURST = 256;

    private final BlockingQueue<LogRecord> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final StreamHandler out;
    private final Thread writer;
    private volatile boolean closed;

    BackgroundHandler(OutputStream stream, String name) {
        out = new StreamHandler(stream, new LineFormatter());
        writer = new Thread(this::write, name);
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void publish(LogRecord record) {
        if (closed || !isLoggable(record)) {
            return;
        }
        try {
            queue.put(record);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write() {
        List<LogRecord> burst = new ArrayList<>(BURST);
        try {
            while (!closed) {
                burst.add(queue.take());
                queue.drainTo(burst, BURST - 1);
                burst.forEach(out::publish);
                burst.clear();
                out.flush();
            }
        } catch (InterruptedException e) {
            // closing: close() writes what is left
        }
    }

    @Override
    public void flush() {
        out.flush();
    }

    /** Writes every record still waiting and flushes; the stream itself stays open (it is usually stderr). */
    @Override
    public void close() {
        closed = true;
        writer.interrupt();
        try {
            writer.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<LogRecord> rest = new ArrayList<>();
        queue.drainTo(rest);
        rest.forEach(out::publish);
        out.flush();
    }
}
