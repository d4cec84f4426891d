package ledgerlearn.server;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import ledgerlearn.telemetry.LogText;

/**
 * The log line format of {@link Logging} ({@code 2026-11-25 15:09:50 INFO logger: message}), written
 * with a timestamp made once a second instead of a {@code String.format} per line: the access log
 * writes a line per request. Records with a stack trace or parameters, and any other configured
 * format, go to {@link SimpleFormatter}. Either way the message's control characters are escaped
 * ({@link LogText}), whoever logged it: a message may quote what a client sent.
 */
final class LineFormatter extends Formatter {
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final SimpleFormatter simple = new SimpleFormatter();
    private final boolean ours;
    private final ZoneId zone = ZoneId.systemDefault();
    private long cachedSecond = Long.MIN_VALUE;
    private String cachedTime;

    LineFormatter() {
        ours = Logging.FORMAT.equals(System.getProperty("java.util.logging.SimpleFormatter.format"));
    }

    @Override
    public synchronized String format(LogRecord record) {
        Object[] parameters = record.getParameters();
        if (!ours || record.getThrown() != null || (parameters != null && parameters.length > 0)) {
            return simple.format(escaped(record));
        }
        long second = Math.floorDiv(record.getMillis(), 1000);
        if (second != cachedSecond) {
            cachedTime = SECOND.format(Instant.ofEpochSecond(second).atZone(zone));
            cachedSecond = second;
        }
        String message = LogText.escape(record.getMessage());
        return new StringBuilder(cachedTime.length() + message.length() + 48)
                .append(cachedTime).append(' ')
                .append(record.getLevel().getLocalizedName()).append(' ')
                .append(record.getLoggerName()).append(": ")
                .append(message).append(System.lineSeparator())
                .toString();
    }

    /** The record with its message formatted (parameters filled in) and escaped; the same record when that changes nothing. */
    private LogRecord escaped(LogRecord record) {
        String message = formatMessage(record);
        String safe = LogText.escape(message);
        if (safe.equals(record.getMessage()) && (record.getParameters() == null || record.getParameters().length == 0)) {
            return record;
        }
        LogRecord copy = new LogRecord(record.getLevel(), safe);
        copy.setLoggerName(record.getLoggerName());
        copy.setInstant(record.getInstant());
        copy.setThrown(record.getThrown());
        copy.setSourceClassName(record.getSourceClassName());
        copy.setSourceMethodName(record.getSourceMethodName());
        copy.setSequenceNumber(record.getSequenceNumber());
        return copy;
    }
}
