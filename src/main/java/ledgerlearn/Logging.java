package ledgerlearn;

/** Log lines are one line each: time, level, logger, message. */
final class Logging {
    private Logging() {}

    static void configure() {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT %4$s %3$s: %5$s%6$s%n");
        }
    }
}
