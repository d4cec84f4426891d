package ledgerlearn.http;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonValue;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import ledgerlearn.learn.Learner;
import ledgerlearn.sample.InvalidSampleException;

/**
 * The one handler on {@code "/"}: strips an optional {@code /v1}, finds the route (404, 405 with
 * {@code Allow}), reads the body within its cap (413), calls the endpoint, and holds the single
 * catch that turns every failure into a JSON error with the right status. A request that found
 * every worker busy is answered 503 with {@code Retry-After} before anything else.
 */
final class Router implements HttpHandler {
    private static final System.Logger LOG = System.getLogger("ledgerlearn.http");

    /** How far past the body cap an unread body is drained before the connection is dropped. */
    private static final long LINGER_EXTRA_BYTES = 16L << 20;

    private final List<Route> routes;
    private final long maxBodyBytes;
    private final AccessPolicy access;
    private final RequestCounts requests;
    private final RequestStats stats;
    private final AccessLog accessLog;
    private final BooleanSupplier shedding;
    private final Object inFlightMonitor = new Object();
    private int inFlight;
    private boolean draining;

    /** @param shedding whether the request on the calling thread found the worker pool full */
    Router(List<Route> routes, long maxBodyBytes, AccessPolicy access, RequestCounts requests, RequestStats stats,
           AccessLog accessLog, BooleanSupplier shedding) {
        this.routes = List.copyOf(routes);
        this.maxBodyBytes = maxBodyBytes;
        this.access = access;
        this.requests = requests;
        this.stats = stats;
        this.accessLog = accessLog;
        this.shedding = shedding;
    }

    /** Every route served, as {@code "METHOD /template"}, in routing order. */
    List<String> routes() {
        List<String> list = new ArrayList<>();
        for (Route route : routes) {
            list.add(route.method() + " " + route.template());
        }
        return list;
    }

    @Override
    public void handle(HttpExchange exchange) {
        long started = System.nanoTime();
        Routed routed = new Routed();
        if (shedding.getAsBoolean()) {
            Response busy = error(503, "server busy, retry later");
            exchange.getResponseHeaders().set("Retry-After", "1");
            observe(exchange, routed, busy, started);
            send(exchange, busy);
            return;
        }
        synchronized (inFlightMonitor) {
            if (draining) {
                Response refused = error(503, "server is shutting down");
                observe(exchange, routed, refused, started);
                send(exchange, refused);
                return;
            }
            inFlight++;
        }
        try {
            Response response = respond(exchange, routed);
            observe(exchange, routed, response, started);
            send(exchange, response);
        } finally {
            synchronized (inFlightMonitor) {
                inFlight--;
                inFlightMonitor.notifyAll();
            }
        }
    }

    /**
     * Counts the request once, under its route template, and writes its access-log line. This runs
     * just before the response is sent, so a client that has its answer finds it counted.
     */
    private void observe(HttpExchange exchange, Routed routed, Response response, long started) {
        long nanos = System.nanoTime() - started;
        stats.record(routed.template, response.status(), nanos);
        long bytes = "HEAD".equals(exchange.getRequestMethod()) ? 0 : response.body().length;
        accessLog.log(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), response.status(), bytes,
                nanos);
    }

    /** The route template a request matched, found while routing it. */
    private static final class Routed {
        String template = RequestStats.UNMATCHED;
    }

    /**
     * Refuses new requests with 503 and waits up to {@code graceMillis} for those in flight to finish.
     * The JDK server's own {@code stop(delay)} waits out the whole delay on Java 17 even when idle,
     * so the server drains here and then stops at once.
     *
     * @return whether every request in flight finished in time
     */
    boolean drain(long graceMillis) throws InterruptedException {
        long deadline = System.nanoTime() + graceMillis * 1_000_000L;
        synchronized (inFlightMonitor) {
            draining = true;
            while (inFlight > 0) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    return false;
                }
                inFlightMonitor.wait(left);
            }
            return true;
        }
    }

    private Response respond(HttpExchange exchange, Routed routed) {
        Response response;
        try {
            response = route(exchange, routed);
        } catch (HttpError e) {
            response = error(e.status(), e.getMessage());
            if (e.allow() != null) {
                exchange.getResponseHeaders().set("Allow", e.allow());
            }
            if (e.status() == 401) {
                exchange.getResponseHeaders().set("WWW-Authenticate", AccessPolicy.CHALLENGE);
            }
        } catch (InvalidSampleException e) {
            response = error(400, e.getMessage());
        } catch (Learner.StoreFailedException e) {
            response = error(503, e.getMessage());
        } catch (Exception | StackOverflowError e) {
            LOG.log(System.Logger.Level.ERROR, "unexpected failure on " + exchange.getRequestMethod() + " "
                    + exchange.getRequestURI().getRawPath(), e);
            response = error(500, "internal error");
        }
        return response;
    }

    private Response route(HttpExchange exchange, Routed routed) throws Exception {
        String method = exchange.getRequestMethod();
        String path = withoutVersion(exchange.getRequestURI().getRawPath());
        // before routing and before the body is read: without a token a caller learns nothing, not even which paths exist
        access.check(method, path, exchange.getRequestHeaders().getFirst("Authorization"));
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            Map<String, String> params = route.match(path);
            if (params == null) {
                continue;
            }
            routed.template = route.template();
            if (!route.method().equals(method)) {
                allowed.add(route.method());
                continue;
            }
            requests.count(route.method() + " " + route.template());
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            var body = route.hasBody() ? body(exchange) : null;
            return route.endpoint().handle(new Request(method, path, params, query, body));
        }
        if (!allowed.isEmpty()) {
            throw HttpError.methodNotAllowed(method, path, String.join(", ", allowed));
        }
        throw HttpError.notFound("no such path: " + path + "; routes: " + routeList());
    }

    private JsonValue body(HttpExchange exchange) {
        try {
            return JsonBody.read(exchange.getRequestBody(), contentLength(exchange), maxBodyBytes);
        } catch (IOException e) {
            // a malformed chunk, or a client that went away or was cut off by the request timeout
            throw HttpError.badRequest("could not read the request body: " + e.getMessage());
        }
    }

    private static String withoutVersion(String path) {
        if (path == null || path.isEmpty()) {
            return "/";
        }
        if (path.equals("/v1")) {
            return "/";
        }
        return path.startsWith("/v1/") ? path.substring(3) : path;
    }

    private static long contentLength(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Content-Length");
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            throw HttpError.badRequest("Content-Length is not a number: \"" + header + "\"");
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (query.put(name, value) != null) {
                throw HttpError.badRequest("query parameter \"" + name + "\" given more than once");
            }
        }
        return query;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("malformed percent-encoding in query: \"" + text + "\"");
        }
    }

    private String routeList() {
        return String.join(", ", routes());
    }

    private static Response error(int status, String message) {
        return Response.json(status, Json.object().add("error", message));
    }

    private void send(HttpExchange exchange, Response response) {
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            response.headers().forEach(exchange.getResponseHeaders()::set);
            if (response.status() == 413 || response.status() == 503 || response.status() == 401 || response.status() == 403) {
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
    }}
