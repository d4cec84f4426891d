package ledgerlearn.client;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Rows sent, rows/s and ETA on stderr: one line redrawn in place on a terminal, a plain line every
 * couple of seconds when stderr goes to a file or a pipe, nothing when quiet.
 */
final class ProgressBar {
    static final long TERMINAL_INTERVAL_NANOS = 100_000_000L;
    static final long PLAIN_INTERVAL_NANOS = 2_000_000_000L;
    private static final int BAR_WIDTH = 24;

    private final PrintStream err;
    private final boolean terminal;
    private final LongSupplier total;
    private final LongSupplier nanoClock;
    private final long start;
    private long lastDrawn;
    private int lastWidth;

    /**
     * @param err where to draw, {@code null} for no output at all
     * @param terminal redraw one line with {@code \r} instead of printing a line per report
     * @param total the rows that will be sent once known (it may become known while the rows are sent), else {@code -1}
     * @param nanoClock {@link System#nanoTime()} outside tests
     */
    ProgressBar(PrintStream err, boolean terminal, LongSupplier total, LongSupplier nanoClock) {
        this.err = err;
        this.terminal = terminal;
        this.total = total;
        this.nanoClock = nanoClock;
        this.start = nanoClock.getAsLong();
        this.lastDrawn = start;
    }

    /** A bar on {@code err} that redraws in place when stderr is a terminal, or none when quiet. */
    static ProgressBar of(PrintStream err, boolean quiet, LongSupplier total) {
        return new ProgressBar(quiet ? null : err, stderrIsTerminal(), total, System::nanoTime);
    }

    /**
     * Whether stderr is a terminal. The JDK says only whether stdin and stdout both are ({@link System#console()}),
     * which {@code client ... > out.txt} makes false while the bar's stderr is still the terminal; on Linux,
     * where file descriptor 2 points says it.
     */
    static boolean stderrIsTerminal() {
        try {
            return isTerminalDevice(Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString());
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    /** Whether a file descriptor's target, as {@code /proc/self/fd} shows it, is a terminal. */
    static boolean isTerminalDevice(String target) {
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    }

    /** Reports {@code rows} sent so far, drawing only if the last drawing is old enough. */
    void update(long rows) {
        if (err == null) {
            return;
        }
        long now = nanoClock.getAsLong();
        if (now - lastDrawn < (terminal ? TERMINAL_INTERVAL_NANOS : PLAIN_INTERVAL_NANOS)) {
            return;
        }
        lastDrawn = now;
        long all = total.getAsLong();
        draw(rows, all > 0 ? (double) rows / all : -1, now, false);
    }

    /** Draws the final state and ends the line. */
    void finish(long rows) {
        if (err == null) {
            return;
        }
        draw(rows, 1.0, nanoClock.getAsLong(), true);
    }

    /** Ends a line drawn in place, so that an error printed next starts on a line of its own. */
    void abandon() {
        if (err != null && terminal && lastWidth > 0) {
            err.println();
            err.flush();
            lastWidth = 0;
        }
    }

    private void draw(long rows, double fraction, long now, boolean done) {
        String line = line(rows, fraction, now - start, done);
        if (terminal) {
            String bar = bar(fraction);
            String text = bar + line;
            // pad with spaces so a shorter line wipes out the tail of the longer one before it
            int pad = Math.max(0, lastWidth - text.length());
            err.print("\r" + text + " ".repeat(pad) + (done ? "\n" : ""));
            lastWidth = text.length();
        } else {
            err.println(line);
        }
        err.flush();
    }

    String line(long rows, double fraction, long elapsedNanos, boolean done) {
        StringBuilder line = new StringBuilder();
        line.append(String.format(Locale.ROOT, "%,d", rows));
        long all = total.getAsLong();
        if (all >= 0 && !(done && rows < all)) {
            line.append(String.format(Locale.ROOT, "/%,d", all));
        }
        line.append(" rows");
        if (fraction >= 0) {
            line.append(String.format(Locale.ROOT, "  %3d%%", (int) Math.floor(Math.min(1, fraction) * 100)));
        }
        double seconds = elapsedNanos / 1e9;
        if (seconds > 0) {
            line.append(String.format(Locale.ROOT, "  %,.0f rows/s", rows / seconds));
        }
        if (!done && fraction > 0 && fraction < 1) {
            line.append("  ETA ").append(duration(seconds * (1 - fraction) / fraction));
        }
        return line.toString();
    }

    private static String bar(double fraction) {
        if (fraction < 0) {
            return "";
        }
        int filled = (int) Math.floor(Math.min(1, fraction) * BAR_WIDTH);
        return "[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] ";
    }

    /** {@code m:ss}, or {@code h:mm:ss} from an hour on. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
