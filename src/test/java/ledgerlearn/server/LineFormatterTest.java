package ledgerlearn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class LineFormatterTest {
    private static final String PROPERTY = "java.util.logging.SimpleFormatter.format";
    private String before;

    @BeforeEach
    void useTheServersFormat() {
        before = System.getProperty(PROPERTY);
        System.setProperty(PROPERTY, Logging.FORMAT);
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(PROPERTY);
        } else {
            System.setProperty(PROPERTY, before);
        }
    }

    @Test
    void writesExactlyWhatSimpleFormatterWritesForAPlainLine() {
        LineFormatter fast = new LineFormatter();
        SimpleFormatter simple = new SimpleFormatter();
        for (long millis : new long[] {1_764_083_390_123L, 1_764_083_390_999L, 1_764_083_391_000L, 0L}) {
            LogRecord record = record(Level.INFO, "ledgerlearn.access", "POST /predict 200 8B 0.21ms", millis);
            assertEquals(simple.format(record), fast.format(record));
        }
        LogRecord warning = record(Level.WARNING, "ledgerlearn.store", "store: cut torn last line", 1_764_083_390_000L);
        assertEquals(simple.format(warning), fast.format(warning));
    }

    @Test
    void leavesStackTracesAndParametersToSimpleFormatter() {
        LineFormatter fast = new LineFormatter();
        SimpleFormatter simple = new SimpleFormatter();
        LogRecord failed = record(Level.SEVERE, "ledgerlearn.http", "unexpected failure", 1_764_083_390_000L);
        failed.setThrown(new IllegalStateException("boom"));
        assertEquals(simple.format(failed), fast.format(failed));
        LogRecord withParameter = record(Level.INFO, "ledgerlearn", "replayed {0} samples", 1_764_083_390_000L);
        withParameter.setParameters(new Object[] {42});
        assertEquals(simple.format(withParameter), fast.format(withParameter));
    }

    @Test
    void escapesControlCharactersInEveryMessageSoALineStaysOneInertLine() {
        LineFormatter formatter = new LineFormatter();
        LogRecord plain = record(Level.WARNING, "ledgerlearn.http", "bad \u001b[2J\r\nforged", 1_764_083_390_000L);
        String line = formatter.format(plain);
        assertTrue(line.endsWith("bad \\x1b[2J\\r\\nforged" + System.lineSeparator()), line);

        LogRecord withParameter = record(Level.INFO, "ledgerlearn", "method {0}", 1_764_083_390_000L);
        withParameter.setParameters(new Object[] {"GE\u0000T"});
        String formatted = formatter.format(withParameter);
        assertTrue(formatted.contains("method GE\\x00T"), formatted);

        LogRecord failed = record(Level.SEVERE, "ledgerlearn.http", "failure on \u001bX", 1_764_083_390_000L);
        failed.setThrown(new IllegalStateException("boom"));
        String trace = formatter.format(failed);
        assertTrue(trace.contains("failure on \\x1bX") && trace.contains("boom"), trace);
    }

    @Test
    void leavesAnyOtherConfiguredFormatToSimpleFormatter() {
        System.setProperty(PROPERTY, "%4$s: %5$s%n");
        LogRecord record = record(Level.INFO, "ledgerlearn.access", "GET /health 200 80B 0.10ms", 1_764_083_390_000L);
        assertEquals("INFO: GET /health 200 80B 0.10ms" + System.lineSeparator(), new LineFormatter().format(record));
    }

    private static LogRecord record(Level level, String logger, String message, long millis) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName(logger);
        record.setInstant(java.time.Instant.ofEpochMilli(millis));
        return record;
    }
}
