package ledgerlearn.server;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * The log line format of {@link Logging} ({@code 2026-11-25 15:09:50 INFO logger: message}), written
 * with a timestamp made once a second instead of a {@code String.format} per line: the access log
 * writes a line per request. Records with a stack trace or parameters, and any other configured
 * format, go to {@link SimpleFormatter} unchanged.
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
            return simple.format(record);
        }
        long second = Math.floorDiv(record.getMillis(), 1000);
        if (second != cachedSecond) {
            cachedTime = SECOND.format(Instant.ofEpochSecond(second).atZone(zone));
            cachedSecond = second;
        }
        String message = record.getMessage() == null ? "null" : record.getMessage();
        return new StringBuilder(cachedTime.length() + message.length() + 48)
                .append(cachedTime).append(' ')
                .append(record.getLevel().getLocalizedName()).append(' ')
                .append(record.getLoggerName()).append(": ")
                .append(message).append(System.lineSeparator())
                .toString();
    }
}
