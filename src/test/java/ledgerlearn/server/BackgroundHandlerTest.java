package ledgerlearn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

final class BackgroundHandlerTest {

    @Test
    void writesEveryRecordInOrderByTheTimeItIsClosed() throws Exception {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        BackgroundHandler handler = new BackgroundHandler(stream, "test-log-writer");
        int count = 3 * BackgroundHandler.CAPACITY;
        Thread[] loggers = new Thread[3];
        for (int t = 0; t < loggers.length; t++) {
            int from = t * BackgroundHandler.CAPACITY;
            loggers[t] = new Thread(() -> {
                for (int i = from; i < from + BackgroundHandler.CAPACITY; i++) {
                    LogRecord record = new LogRecord(Level.INFO, "line " + i);
                    record.setLoggerName("ledgerlearn.access");
                    handler.publish(record);
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
        assertEquals(count, written.size());
        for (int t = 0; t < loggers.length; t++) {
            // each thread's own lines keep their order
            int from = t * BackgroundHandler.CAPACITY;
            List<Integer> numbers = written.stream()
                    .filter(n -> n >= from && n < from + BackgroundHandler.CAPACITY).toList();
            assertEquals(BackgroundHandler.CAPACITY, numbers.size());
            for (int i = 1; i < numbers.size(); i++) {
                assertTrue(numbers.get(i - 1) < numbers.get(i), "thread " + t + " out of order at " + i);
            }
        }
    }

    @Test
    void dropsNothingButIgnoresRecordsAfterClosing() {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        BackgroundHandler handler = new BackgroundHandler(stream, "test-log-writer");
        handler.close();
        handler.publish(new LogRecord(Level.INFO, "too late"));
        assertEquals("", stream.toString(Charset.defaultCharset()));
    }
}
