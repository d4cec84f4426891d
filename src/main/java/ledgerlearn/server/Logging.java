package ledgerlearn.server;

import java.util.logging.Handler;
import java.util.logging.Logger;

/** Log lines are one line each: time, level, logger, message; written to stderr without ever blocking the caller. */
public final class Logging {
    /** Time, level, logger, message. */
    static final String FORMAT = "%1$tF %1$tT %4$s %3$s: %5$s%6$s%n";

    private Logging() {}

    /**
     * Sends every log line (the access log's, the server's and the JDK's) to stderr through one
     * {@link BackgroundHandler} in place of the JDK's console handler. The console handler writes on the
     * caller's thread under a lock: a line per request halved /predict throughput (docs/BENCHMARKS.md), and
     * with stderr a pipe nobody read, every worker and the stop itself hung on it.
     */
    public static void configure() {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", FORMAT);
        }
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            if (handler instanceof BackgroundHandler) {
                return;
            }
        }
        for (Handler handler : root.getHandlers()) {
            if (handler instanceof java.util.logging.ConsoleHandler) {
                root.removeHandler(handler);
                handler.close();
            }
        }
        root.addHandler(new BackgroundHandler(System.err, "ledgerlearn-log"));
    }
}
