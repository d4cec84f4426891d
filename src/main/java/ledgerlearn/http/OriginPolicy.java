package ledgerlearn.http;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Keeps browsers from being used against the server. A browser sends {@code Origin} with every
 * cross-origin request it makes for a page (a form post, a fetch), and a page cannot forge it; curl and
 * scripts send none. So a request whose {@code Origin} is not the origin it was sent to (scheme, host and
 * port of its {@code Host}) is refused: a page elsewhere cannot post samples into the server, even as
 * {@code text/plain}, which a form may send without asking. On a loopback server, a {@code Host} that is
 * not a loopback name is refused too: that is DNS rebinding, a page's own name resolved to 127.0.0.1 so
 * that its requests count as same-origin and it could read {@code /stats}. No content type is required:
 * curl's default form type and scripts must keep working.
 */
final class OriginPolicy {
    private final String scheme;
    private final boolean loopback;
    private final String configuredHost;

    /**
     * @param scheme {@code http} or {@code https}
     * @param loopback whether the server listens on a loopback address only
     * @param configuredHost the host it was told to listen on (a name that is its own besides the loopback ones)
     */
    OriginPolicy(String scheme, boolean loopback, String configuredHost) {
        this.scheme = scheme;
        this.loopback = loopback;
        this.configuredHost = configuredHost.toLowerCase(Locale.ROOT);
    }

    /** Throws a 403 for a request from a page of another origin, or to a name that is not this loopback server's. */
    void check(String host, String origin) {
        if (loopback && host != null && !isLoopbackName(hostName(host))) {
            throw HttpError.forbidden("Host \"" + host + "\" is not a name of this server, which listens on a loopback"
                    + " address; use 127.0.0.1, localhost or [::1]");
        }
        if (origin != null && !sameOrigin(origin, host)) {
            throw HttpError.forbidden("cross-origin request refused: Origin \"" + origin + "\" is not this server's"
                    + (host == null ? "" : " (" + scheme + "://" + host + ")"));
        }
    }

    private boolean sameOrigin(String origin, String host) {
        if (host == null) {
            return false;
        }
        URI uri;
        try {
            uri = new URI(origin.strip());
        } catch (URISyntaxException e) {
            return false;
        }
        if (uri.getScheme() == null || uri.getHost() == null || uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
            return false;
        }
        String originScheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int originPort = uri.getPort() < 0 ? defaultPort(originScheme) : uri.getPort();
        return originScheme.equals(scheme)
                && stripBrackets(uri.getHost()).equalsIgnoreCase(stripBrackets(hostName(host)))
                && originPort == hostPort(host);
    }

    /** Whether {@code name} reaches this server through loopback: localhost, 127.0.0.0/8, ::1, or its configured host. */
    private boolean isLoopbackName(String name) {
        String bare = stripBrackets(name).toLowerCase(Locale.ROOT);
        if (bare.equals("localhost") || bare.equals(stripBrackets(configuredHost))) {
            return true;
        }
        if (isIpLiteral(bare)) {
            try {
                // a literal only: never a DNS lookup of what a client sent
                return InetAddress.getByName(bare).isLoopbackAddress();
            } catch (java.net.UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    private static boolean isIpLiteral(String name) {
        return name.contains(":") || name.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    }

    /** The host part of a Host header ({@code name}, {@code name:port}, {@code [v6]:port}). */
    private static String hostName(String host) {
        String h = host.strip();
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.lastIndexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    private int hostPort(String host) {
        String h = host.strip();
        int end = h.startsWith("[") ? h.indexOf(']') : -1;
        int colon = h.lastIndexOf(':');
        if (colon > end && colon >= 0) {
            try {
                return Integer.parseInt(h.substring(colon + 1));
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return defaultPort(scheme);
    }

    private static int defaultPort(String scheme) {
        return scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
    }

    private static String stripBrackets(String name) {
        return name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
    }
}
