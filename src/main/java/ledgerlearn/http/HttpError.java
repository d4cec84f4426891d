package ledgerlearn.http;

import java.util.Map;

/**
 * A request that gets an error status; the message is sent to the client as {@code {"error": message}},
 * with the headers the status needs ({@code Allow}, {@code WWW-Authenticate}, {@code Retry-After}).
 */
public final class HttpError extends RuntimeException {
    /** The {@code WWW-Authenticate} header of every 401. */
    static final String CHALLENGE = "Bearer realm=\"ledgerlearn\"";

    private final int status;
    private final Map<String, String> headers;

    private HttpError(int status, String message, Map<String, String> headers) {
        super(message);
        this.status = status;
        this.headers = headers;
    }

    private HttpError(int status, String message) {
        this(status, message, Map.of());
    }

    public static HttpError badRequest(String message) {
        return new HttpError(400, message);
    }

    /** A 401, with the {@code WWW-Authenticate: Bearer} challenge. */
    public static HttpError unauthorized(String message) {
        return new HttpError(401, message, Map.of("WWW-Authenticate", CHALLENGE));
    }

    public static HttpError forbidden(String message) {
        return new HttpError(403, message);
    }

    public static HttpError notFound(String message) {
        return new HttpError(404, message);
    }

    /** A 405, with the methods the path does allow in the {@code Allow} header. */
    public static HttpError methodNotAllowed(String method, String path, String allow) {
        return new HttpError(405, "method " + method + " not allowed on " + path + "; allowed: " + allow,
                Map.of("Allow", allow));
    }

    /** A 415 for a body in an encoding the server does not decode (it reads bodies as sent: UTF-8 JSON). */
    public static HttpError unsupportedContentEncoding(String encoding) {
        return new HttpError(415, "Content-Encoding " + encoding + " is not supported; send the body uncompressed");
    }

    public static HttpError payloadTooLarge(long maxBytes) {
        return payloadTooLarge(maxBytes, "send smaller batches");
    }

    public static HttpError payloadTooLarge(long maxBytes, String advice) {
        return new HttpError(413, "request body larger than the limit of " + maxBytes + " bytes; " + advice);
    }

    /** A 408: the client took too long to send its request, and its connection is closed. */
    static HttpError requestTimeout(String message) {
        // the cut may have come between two reads, leaving the socket open: it is closed after the answer
        return new HttpError(408, message, Map.of("Connection", "close"));
    }

    /** A 503 for a server that has nothing to answer with yet, e.g. no model before the first sample. */
    public static HttpError notReady(String message) {
        return new HttpError(503, message);
    }

    /** A 503 that the client may retry after {@code retryAfterSeconds}, e.g. while the log is unreachable. */
    public static HttpError unavailable(String message, int retryAfterSeconds) {
        return new HttpError(503, message, Map.of("Retry-After", String.valueOf(retryAfterSeconds)));
    }

    /** A 503 for a request that found every worker and queue slot taken; the client may retry in a second. */
    static HttpError busy() {
        return busy("server busy, retry later");
    }

    /** A 503 saying why the server is too busy for the request now; the client may retry in a second. */
    static HttpError busy(String message) {
        return new HttpError(503, message, Map.of("Retry-After", "1"));
    }

    /** A 429 for a client that must wait {@code seconds} before it tries again. */
    static HttpError tooManyRequests(String message, long seconds) {
        return new HttpError(429, message, Map.of("Retry-After", String.valueOf(seconds)));
    }

    /** A 503 for a request that arrived after a stop began. */
    static HttpError shuttingDown() {
        return new HttpError(503, "server is shutting down");
    }

    public int status() {
        return status;
    }

    /** The headers this status needs besides the common ones; empty for most. */
    Map<String, String> headers() {
        return headers;
    }
}
