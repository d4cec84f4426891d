package ledgerlearn.server;

import java.util.logging.Logger;

/** Log lines are one line each: time, level, logger, message. */
public final class Logging {
    /** Time, level, logger, message. */
    static final String FORMAT = "%1$tF %1$tT %4$s %3$s: %5$s%6$s%n";
    /** Held so that the handler set on it stays: the logging framework keeps loggers only weakly. */
    private static Logger access;

    private Logging() {}

    public static void configure() {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", FORMAT);
        }
        // A line per request, written under the console's lock with a flush each, halved /predict
        // throughput (docs/BENCHMARKS.md): access lines go to stderr from a thread of their own instead.
        access = Logger.getLogger("ledgerlearn.access");
        if (access.getHandlers().length == 0 && access.getUseParentHandlers()) {
            access.setUseParentHandlers(false);
            access.addHandler(new BackgroundHandler(System.err, "ledgerlearn-access-log"));
        }
    }
}
