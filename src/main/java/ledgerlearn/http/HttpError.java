package ledgerlearn.http;

/** A request that gets an error status; the message is sent to the client as {@code {"error": message}}. */
public final class HttpError extends RuntimeException {
    private final int status;
    private final String allow;

    private HttpError(int status, String message, String allow) {
        super(message);
        this.status = status;
        this.allow = allow;
    }

    public static HttpError badRequest(String message) {
        return new HttpError(400, message, null);
    }

    /** A 401; the router adds the {@code WWW-Authenticate: Bearer} challenge. */
    public static HttpError unauthorized(String message) {
        return new HttpError(401, message, null);
    }

    public static HttpError forbidden(String message) {
        return new HttpError(403, message, null);
    }

    public static HttpError notFound(String message) {
        return new HttpError(404, message, null);
    }

    /** A 405, with the methods the path does allow for the {@code Allow} header. */
    public static HttpError methodNotAllowed(String method, String path, String allow) {
        return new HttpError(405, "method " + method + " not allowed on " + path + "; allowed: " + allow, allow);
    }

    public static HttpError payloadTooLarge(long maxBytes) {
        return new HttpError(413, "request body larger than the limit of " + maxBytes + " bytes; send smaller batches", null);
    }

    public static HttpError notReady(String message) {
        return new HttpError(503, message, null);
    }

    public static HttpError unavailable(String message) {
        return new HttpError(503, message, null);
    }

    public int status() {
        return status;
    }

    /** The {@code Allow} header of a 405, else {@code null}. */
    public String allow() {
        return allow;
    }
}
