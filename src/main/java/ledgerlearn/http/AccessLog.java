package ledgerlearn.http;

import java.net.InetSocketAddress;
import java.util.logging.Level;
import java.util.logging.Logger;
import ledgerlearn.telemetry.LogText;

/**
 * One compact line per answered request on the logger {@code ledgerlearn.access}, e.g.
 * {@code 127.0.0.1 POST /sample 200 27B 3.1ms}. Only the client's address, the method, the path, the
 * status, the body size and the duration are written: never a query string or a header, which may carry
 * secrets. The method and path are the client's to choose, so their control characters are escaped.
 */
final class AccessLog {
    private static final Logger LOG = Logger.getLogger("ledgerlearn.access");
    /** Paths are logged as sent (percent-encoded, so on one line), cut short past this length. */
    static final int MAX_PATH = 200;
    private static final int MAX_METHOD = 16;

    private final boolean enabled;

    AccessLog(boolean enabled) {
        this.enabled = enabled;
    }

    void log(InetSocketAddress client, String method, String rawPath, int status, long bytes, long nanos) {
        if (enabled && LOG.isLoggable(Level.INFO)) {
            // Naming the source here spares the logger a stack walk per line to find it (a third of its cost).
            LOG.logp(Level.INFO, Router.class.getName(), "handle", line(address(client), method, rawPath, status, bytes, nanos));
        }
    }

    /** The client's IP address as text, {@code -} when unknown. */
    static String address(InetSocketAddress client) {
        return client == null || client.getAddress() == null ? "-" : client.getAddress().getHostAddress();
    }

    static String line(String address, String method, String rawPath, int status, long bytes, long nanos) {
        StringBuilder line = new StringBuilder(80);
        line.append(address).append(' ')
                .append(LogText.escape(cut(method, MAX_METHOD))).append(' ')
                .append(LogText.escape(cut(rawPath == null || rawPath.isEmpty() ? "/" : rawPath, MAX_PATH))).append(' ')
                .append(status).append(' ')
                .append(bytes).append("B ")
                .append(millis(nanos)).append("ms");
        return line.toString();
    }

    /** Two decimals under a millisecond, one under a hundred, none above: short, and enough to tell apart. */
    static String millis(long nanos) {
        long duration = Math.max(0, nanos);
        long hundredths = Math.round(duration / 1e4);
        if (hundredths < 100) {
            return (hundredths < 10 ? "0.0" : "0.") + hundredths;
        }
        long tenths = Math.round(duration / 1e5);
        if (tenths < 1000) {
            return tenths / 10 + "." + tenths % 10;
        }
        return Long.toString(Math.round(duration / 1e6));
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "...";
    }
}
