package ledgerlearn.http;

import java.io.IOException;
import java.io.OutputStream;
import com.sun.net.httpserver.HttpExchange;

/**
 * Sends a {@link Response} on its exchange and ends the exchange: the common headers, the response's own,
 * no body for HEAD. When the request's body was not read to its end (a refusal before reading, or a body
 * refused part way), the answer says {@code Connection: close}, and after it the rest of the body is
 * {@link Linger lingered} over for a short, bounded while; if it does not end by then, the connection is
 * closed without waiting any longer.
 */
final class ResponseWriter {
    private static final System.Logger LOG = System.getLogger("ledgerlearn.http");

    /** The bytes of {@code response}'s body that go out for {@code method}: none for HEAD. */
    static long bodyBytes(String method, Response response) {
        return "HEAD".equals(method) ? 0 : response.body().length;
    }

    /**
     * Sends {@code response}.
     *
     * @param unreadBody whether the request announced a body that was not read to its end
     * @param lingerBytes how much of such a body may be taken after the answer, so that the client reads it
     * @throws CloseConnection when the connection must be closed without the JDK server's own drain of the
     *     unread body, which would block for as long as the client sends nothing
     */
    void send(HttpExchange exchange, Response response, boolean unreadBody, long lingerBytes) {
        try {
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            response.headers().forEach(exchange.getResponseHeaders()::set);
            if (unreadBody) {
                exchange.getResponseHeaders().set("Connection", "close");
            }
            byte[] body = response.body();
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            boolean empty = head || body.length == 0;
            exchange.sendResponseHeaders(response.status(), empty ? -1 : body.length);
            if (empty) {
                // the JDK server ended the exchange itself, and closes the connection if the body was unread
                return;
            }
            OutputStream out = exchange.getResponseBody();
            out.write(body);
            out.flush();
            if (unreadBody && !Linger.drain(exchange.getRequestBody(), declaredLength(exchange), lingerBytes)) {
                throw new CloseConnection();
            }
            // the body was read whole: the exchange ends, and the connection may be kept
            exchange.close();
        } catch (IOException e) {
            // the client went away; nothing is left to tell it
            LOG.log(System.Logger.Level.DEBUG, "could not send response: " + e.getMessage());
            throw new CloseConnection();
        }
    }

    private static long declaredLength(HttpExchange exchange) {
        try {
            return Router.contentLength(exchange);
        } catch (HttpError e) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * Thrown out of the handler to have the JDK server close the connection at once: a handler that throws
     * gets its connection closed, without the drain of the unread body that ending the exchange would do.
     */
    static final class CloseConnection extends RuntimeException {
        CloseConnection() {
            super("close the connection", null, false, false);
        }
    }
}
