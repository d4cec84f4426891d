package ledgerlearn.http;

import java.net.InetAddress;
import java.util.Optional;
import java.util.Set;

/**
 * Which role a request needs, decided from its method and path alone (after the {@code /v1} strip), and
 * whether its bearer token grants it. {@code GET /}, {@code GET /openapi.json} and the probes {@code GET /livez}
 * and {@code GET /readyz} are public; POST /sample needs {@code writer}; DELETE /companies/{id} needs
 * {@code admin}; every other route needs {@code reader}. A caller without a known token gets 401 before any 404
 * or 405 and learns nothing about which paths exist; a known token's role is checked once the route is found. Which companies a token may see
 * is the endpoints' to check, on the {@link Caller}.
 */
final class AccessPolicy {
    static final String UNAUTHORIZED = "missing or unknown API token; send Authorization: Bearer <token>";
    /** Every request allowed: the server runs without an auth file. */
    static final AccessPolicy ANONYMOUS = new AccessPolicy(null);

    private static final Set<String> PUBLIC_PATHS = Set.of("/", "/openapi.json", "/livez", "/readyz");
    private static final Set<String> PROBES = Set.of("/livez", "/readyz");

    /** Whether the request is a liveness or readiness probe: {@code GET} or {@code HEAD} of {@code /livez} or {@code /readyz}. */
    static boolean isProbe(String method, String path) {
        return (method.equals("GET") || method.equals("HEAD")) && PROBES.contains(path);
    }

    private final ApiTokens tokens;
    private final FailedAuthThrottle throttle;

    /** @param tokens the tokens that may call the API; {@code null} lets every request through */
    AccessPolicy(ApiTokens tokens) {
        this(tokens, new FailedAuthThrottle());
    }

    AccessPolicy(ApiTokens tokens, FailedAuthThrottle throttle) {
        this.tokens = tokens;
        this.throttle = throttle;
    }

    /** The role {@code method path} needs; empty when it is public. */
    static Optional<Role> required(String method, String path) {
        if ((method.equals("GET") || method.equals("HEAD")) && PUBLIC_PATHS.contains(path)) {
            return Optional.empty();
        }
        if (method.equals("POST") && path.equals("/sample")) {
            return Optional.of(Role.WRITER);
        }
        if (method.equals("DELETE") && path.startsWith("/companies/") && path.indexOf('/', "/companies/".length()) < 0) {
            return Optional.of(Role.ADMIN);
        }
        return Optional.of(Role.READER);
    }

    /**
     * The caller of a request: throws a 401 unless {@code authorization} holds a known token, and a 429 without
     * looking at the token when {@code client} failed too often lately ({@link FailedAuthThrottle}). A public path,
     * or a server without tokens, has {@link Caller#ANYONE} for caller. Whether the token has the role the route
     * needs is {@link #requireRole}'s, once the route is known, so a known token gets 404 and 405 as they are.
     */
    Caller check(String method, String path, String authorization, InetAddress client) {
        if (tokens == null) {
            return Caller.ANYONE;
        }
        Optional<Role> needed = required(method, path);
        if (needed.isEmpty()) {
            return Caller.ANYONE;
        }
        long wait = throttle.retryAfterSeconds(client);
        if (wait > 0) {
            throw HttpError.tooManyRequests("too many failed token checks from this address; retry in " + wait + " s",
                    wait);
        }
        Caller caller = tokens.callerOf(bearer(authorization));
        if (caller == null) {
            throttle.failed(client);
            throw HttpError.unauthorized(UNAUTHORIZED);
        }
        return caller;
    }

    /** Throws a 403 unless {@code caller} has the role that {@code method path}, a route the server serves, needs. */
    static void requireRole(Caller caller, String method, String path) {
        Optional<Role> needed = required(method, path);
        if (needed.isPresent() && !caller.roles().contains(needed.get())) {
            throw HttpError.forbidden("token lacks the " + needed.get().label() + " role needed for " + method + " " + path);
        }
    }

    /** The token of an {@code Authorization: Bearer <token>} header (scheme case-insensitive), else {@code null}. */
    static String bearer(String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.strip();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).equalsIgnoreCase("Bearer")) {
            return null;
        }
        String token = value.substring(space + 1).strip();
        return token.isEmpty() ? null : token;
    }
}
