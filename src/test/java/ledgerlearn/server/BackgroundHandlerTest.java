package ledgerlearn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.regex.Pattern;
import ledgerlearn.telemetry.DroppedLogLines;
import org.junit.jupiter.api.Test;

final class BackgroundHandlerTest {

    @Test
    void writesEveryRecordItKeepsInOrderAndCountsTheRestAsDropped() throws Exception {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        BackgroundHandler handler = new BackgroundHandler(stream, "test-log-writer");
        long droppedBefore = DroppedLogLines.count();
        int perThread = 2 * BackgroundHandler.CAPACITY;
        Thread[] loggers = new Thread[3];
        for (int t = 0; t < loggers.length; t++) {
            int from = t * perThread;
            loggers[t] = new Thread(() -> {
                for (int i = from; i < from + perThread; i++) {
                    handler.publish(record("line " + i));
                }
            });
            loggers[t].start();
        }
        for (Thread logger : loggers) {
            logger.join();
        }
        handler.close();

        // the format is the JDK's default here (two lines a record): the messages are what count
        List<Integer> written = Pattern.compile("line (\\d+)").matcher(stream.toString(Charset.defaultCharset()))
                .results().map(m -> Integer.parseInt(m.group(1))).toList();
        long dropped = DroppedLogLines.count() - droppedBefore;
        assertEquals(loggers.length * perThread, written.size() + dropped, "each line written or counted as dropped");
        for (int t = 0; t < loggers.length; t++) {
            // each thread's own lines keep their order
            int from = t * perThread;
            List<Integer> numbers = written.stream().filter(n -> n >= from && n < from + perThread).toList();
            for (int i = 1; i < numbers.size(); i++) {
                assertTrue(numbers.get(i - 1) < numbers.get(i), "thread " + t + " out of order at " + i);
            }
        }
    }

    @Test
    void linesLoggedOneAtATimeAreWrittenInBurstsNotOneWriteEach() throws Exception {
        AtomicInteger flushes = new AtomicInteger();
        ByteArrayOutputStream stream = new ByteArrayOutputStream() {
            @Override
            public void flush() {
                flushes.incrementAndGet();
            }
        };
        BackgroundHandler handler = new BackgroundHandler(stream, "test-log-writer");
        int lines = 200;
        long spacing = TimeUnit.MILLISECONDS.toNanos(1);
        long started = System.nanoTime();
        for (int i = 0; i < lines; i++) {
            // a line a millisecond: each would wake the writer to write it alone
            while (System.nanoTime() - started < i * spacing) {
                Thread.onSpinWait();
            }
            handler.publish(record("line " + i));
        }
        long loggedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        handler.close();

        assertEquals(lines, Pattern.compile("line \\d+").matcher(stream.toString(Charset.defaultCharset())).results().count());
        // one write for each GATHER_MILLIS the lines took to come, give or take: not one a line
        long expected = loggedMillis / BackgroundHandler.GATHER_MILLIS + 2;
        assertTrue(flushes.get() <= 2 * expected, flushes.get() + " writes for " + lines + " lines over " + loggedMillis + " ms");
    }

    @Test
    void aStreamThatNeverTakesALineBlocksNeitherTheLoggersNorTheClose() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        OutputStream stuck = new OutputStream() {
            @Override
            public void write(int b) {
                await(release);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                await(release);
            }
        };
        BackgroundHandler handler = new BackgroundHandler(stuck, "test-stuck-log-writer");
        long droppedBefore = DroppedLogLines.count();
        int lines = 5 * BackgroundHandler.CAPACITY;
        try {
            long started = System.nanoTime();
            for (int i = 0; i < lines; i++) {
                handler.publish(record("line " + i));
            }
            long publishMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            started = System.nanoTime();
            handler.close();
            long closeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            assertTrue(publishMillis < 5_000, lines + " lines took " + publishMillis + " ms to log");
            assertTrue(closeMillis < BackgroundHandler.CLOSE_WAIT_MILLIS + 2_000, "close took " + closeMillis + " ms");
            // at most the queue and the burst the writer holds could have been taken
            assertTrue(DroppedLogLines.count() - droppedBefore >= lines - BackgroundHandler.CAPACITY - 256,
                    "dropped " + (DroppedLogLines.count() - droppedBefore));
        } finally {
            release.countDown();
        }
    }

    @Test
    void ignoresRecordsAfterClosing() {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        BackgroundHandler handler = new BackgroundHandler(stream, "test-log-writer");
        handler.close();
        handler.publish(new LogRecord(Level.INFO, "too late"));
        assertEquals("", stream.toString(Charset.defaultCharset()));
    }

    private static LogRecord record(String message) {
        LogRecord record = new LogRecord(Level.INFO, message);
        record.setLoggerName("ledgerlearn.access");
        return record;
    }

    /** Waits like a write to a full pipe: until released, whatever interrupts it. */
    private static void await(CountDownLatch latch) {
        while (true) {
            try {
                latch.await();
                return;
            } catch (InterruptedException e) {
                // a blocked write to a pipe does not end on an interrupt either
            }
        }
    }
}
