package ledgerlearn.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Sends a {@link Response} on its exchange and closes the exchange: the common headers, the response's
 * own, no body for HEAD, and {@code Connection: close} where the request's body may be unread.
 */
final class ResponseWriter {
    private static final System.Logger LOG = System.getLogger("ledgerlearn.http");
    /** How far past the body cap an unread body is drained before the connection is dropped. */
    private static final long LINGER_EXTRA_BYTES = 16L << 20;

    private final long maxBodyBytes;

    ResponseWriter(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The bytes of {@code response}'s body that go out for {@code method}: none for HEAD. */
    static long bodyBytes(String method, Response response) {
        return "HEAD".equals(method) ? 0 : response.body().length;
    }

    void send(HttpExchange exchange, Response response) {
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            response.headers().forEach(exchange.getResponseHeaders()::set);
            if (response.status() == 413 || response.status() == 503 || response.status() == 401 || response.status() == 403
                    || response.status() == 429) {
                // the body may be unread: the connection is not reused after this answer
                exchange.getResponseHeaders().set("Connection", "close");
            }
            byte[] body = response.body();
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(response.status(), head || body.length == 0 ? -1 : body.length);
            if (!head && body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                    out.flush();
                    discardUnreadBody(exchange.getRequestBody());
                }
            }
        } catch (IOException e) {
            // the client went away; nothing is left to tell it
            LOG.log(System.Logger.Level.DEBUG, "could not send response: " + e.getMessage());
        }
    }

    /**
     * Reads and drops what the client is still sending (up to the body cap and a little more),
     * after the answer has gone out. Closing a connection with unread bytes makes the kernel reset
     * it, and a reset can destroy the answer before the client has read it: a client uploading an
     * oversized body would see "connection reset" instead of its 413. Nothing is kept, and the
     * request timeout still bounds how long a slow sender can hold the worker.
     */
    private void discardUnreadBody(InputStream in) throws IOException {
        if (in.read() < 0) {
            // the usual case, a body read whole: no 64 KB buffer for every answer
            return;
        }
        long budget = maxBodyBytes + LINGER_EXTRA_BYTES - 1;
        byte[] buffer = new byte[65536];
        while (budget > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, budget));
            if (read < 0) {
                return;
            }
            budget -= read;
        }
    }
}
