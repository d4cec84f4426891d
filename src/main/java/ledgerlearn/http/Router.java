package ledgerlearn.http;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import ledgerlearn.sample.Sample;
import ledgerlearn.sample.Transaction;
import ledgerlearn.telemetry.LogText;
import com.eclipsesource.json.JsonValue;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * The one handler on {@code "/"}. It lets the request in ({@link Admission}: 503 when busy or
 * stopping), refuses it when a page elsewhere sent it ({@link OriginPolicy}), checks its token
 * ({@link AccessPolicy}), strips an optional {@code /v1}, finds the route (404, 405 with {@code Allow}),
 * reads the body within its cap (413) and the {@link BodyBudget} (503), takes a worker (503 when too many
 * wait) and calls the endpoint. Whatever fails on the way becomes its status in {@link ExceptionMapper};
 * the answer is counted ({@link RequestStats}), logged ({@link AccessLog}) and sent ({@link ResponseWriter}).
 */
final class Router implements HttpHandler {
    /** How far past the body cap an unread body is taken, so that a client sending an oversized one reads its 413. */
    private static final long LINGER_EXTRA_BYTES = 16L << 20;
    /** How much of the body of a caller refused for who it is (401, 403, 429) is taken: a small batch's worth. */
    private static final long LINGER_REFUSED_CALLER = 1L << 20;
    private final List<Route> routes;
    private final long maxBodyBytes;
    private final Admission admission;
    private final OriginPolicy origins;
    private final AccessPolicy access;
    private final BodyBudget budget;
    private final RequestStats stats;
    private final AccessLog accessLog;
    private final ResponseWriter writer = new ResponseWriter();

    Router(List<Route> routes, long maxBodyBytes, Admission admission, OriginPolicy origins, AccessPolicy access,
           BodyBudget budget, RequestStats stats, AccessLog accessLog) {
        this.routes = List.copyOf(routes);
        this.maxBodyBytes = maxBodyBytes;
        this.admission = admission;
        this.origins = origins;
        this.access = access;
        this.budget = budget;
        this.stats = stats;
        this.accessLog = accessLog;
    }

    /** Every route served, as {@code "METHOD /template"}, in routing order. */
    List<String> routes() {
        List<String> list = new ArrayList<>();
        for (Route route : routes) {
            list.add(route.name());
        }
        return list;
    }

    @Override
    public void handle(HttpExchange exchange) {
        long started = System.nanoTime();
        String rawPath = rawPath(exchange.getRequestURI());
        Routed routed = new Routed();
        Admission.Pass pass = null;
        Response response;
        try {
            // the headers are in: from here on the thread works, and is not cut for a slow client
            WorkerPool.working();
            pass = admission.enter();
            response = route(exchange, rawPath, routed);
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            response = ExceptionMapper.toResponse(e, exchange.getRequestMethod() + " " + rawPath);
        }
        try {
            // counted and logged just before it is sent, so a client that has its answer finds it counted
            long nanos = System.nanoTime() - started;
            String method = exchange.getRequestMethod();
            stats.record(routed.template, routed.endpoint, response.status(), nanos);
            accessLog.log(exchange.getRemoteAddress(), method, rawPath, response.status(),
                    ResponseWriter.bodyBytes(method, response), nanos);
            WorkerPool.waitingForClient();
            writer.send(exchange, response, unreadBody(exchange, routed), lingerBytes(response));
        } finally {
            if (pass != null) {
                pass.close();
            }
        }
    }

    /**
     * The path as the client sent it. A request for {@code //metrics/1} or {@code ///metrics/1} is a path whose
     * first segments are empty, but {@link URI} reads a target without a scheme that starts with two slashes as
     * an authority ({@code metrics}, or none) and a path ({@code /1}, or {@code /metrics/1}): that path would
     * answer for another. Without a scheme, the part before the query is the path, every slash kept.
     */
    static String rawPath(URI uri) {
        if (uri.getScheme() != null) {
            return uri.getRawPath();
        }
        String target = uri.getRawSchemeSpecificPart();
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    /** How far routing got: the template the path matched, the route that took the request, and its body. */
    private static final class Routed {
        String template = RequestStats.UNMATCHED;
        String endpoint;
        long declaredLength = -1;
        Utf8Reader body;
    }

    private Response route(HttpExchange exchange, String rawPath, Routed routed) throws Exception {
        String method = exchange.getRequestMethod();
        String path = withoutVersion(rawPath);
        try {
            routed.declaredLength = contentLength(exchange);
        } catch (HttpError e) {
            // a length the JDK server read one way and others could read another: the body is not taken
            routed.declaredLength = Long.MAX_VALUE;
            throw e;
        }
        // the probes tell nothing but whether the server is up, to whatever name an orchestrator calls it by
        if (!AccessPolicy.isProbe(method, path)) {
            origins.check(exchange.getRequestHeaders().getFirst("Host"), exchange.getRequestHeaders().getFirst("Origin"));
        }
        // before routing and before the body is read: without a token a caller learns nothing, not even which paths exist
        // two tokens (a proxy's and the client's, say) would leave which one counts to the order of the headers
        Caller caller = access.check(method, path, Request.header(exchange.getRequestHeaders(), "Authorization"),
                exchange.getRemoteAddress().getAddress());
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            Map<String, String> params = route.match(path);
            if (params == null) {
                continue;
            }
            routed.template = route.template();
            if (!route.serves(method)) {
                allowed.addAll(route.methods());
                continue;
            }
            routed.endpoint = route.name();
            if (route.endpoint().needsWorker()) {
                admission.refuseIfShedding();
            }
            AccessPolicy.requireRole(caller, method, path);
            Map<String, String> query = QueryString.parse(exchange.getRequestURI().getRawQuery());
            allowOnly(query, route.endpoint().queryParams());
            // the body's memory is held until the endpoint is done with what was read from it
            try (BodyBudget.Reservation reserved = budget.reserve()) {
                JsonValue body = null;
                List<Sample> batch = null;
                List<Transaction> queries = null;
                try {
                    WorkerPool.waitingForClient();
                    if (route.body() == Route.Body.JSON) {
                        body = JsonBody.read(open(exchange, routed, route.maxBody(), reserved, JsonBody.TREE_WEIGHT));
                    } else if (route.body() == Route.Body.BATCH) {
                        batch = JsonBody.readBatch(open(exchange, routed, route.maxBody(), reserved, JsonBody.BATCH_WEIGHT));
                    } else if (route.body() == Route.Body.QUERIES) {
                        queries = JsonBody.readQueries(open(exchange, routed, route.maxBody(), reserved, JsonBody.BATCH_WEIGHT),
                                PredictBatchEndpoint.MAX_QUERIES);
                    }
                } catch (HttpError e) {
                    if (e.status() == 413) {
                        throw HttpError.payloadTooLarge(route.maxBody(), route.endpoint().tooLargeAdvice());
                    }
                    throw e;
                }
                WorkerPool.working();
                // the body is in: only now does the request take a worker, so a slow client never holds one
                Request request = new Request(method, path, params, query, body, batch, queries, exchange.getRequestHeaders(),
                        caller);
                if (!route.endpoint().needsWorker()) {
                    return route.endpoint().handle(request);
                }
                try (Admission.Pass worker = admission.work()) {
                    return route.endpoint().handle(request);
                }
            } catch (IOException e) {
                // a malformed chunk, or a client that went away or was cut off by the request timeout
                throw HttpError.badRequest("could not read the request body: " + e.getMessage());
            }
        }
        if (!allowed.isEmpty()) {
            throw HttpError.methodNotAllowed(method, path, String.join(", ", allowed));
        }
        throw HttpError.notFound("no such path: " + rawPath + "; routes: " + String.join(", ", routes()));
    }

    /** Refuses query parameters the endpoint does not take, naming those it does. */
    private static void allowOnly(Map<String, String> query, Set<String> known) {
        for (String name : query.keySet()) {
            if (!known.contains(name)) {
                throw HttpError.badRequest("unknown query parameter \"" + name + "\""
                        + (known.isEmpty() ? "; this path takes none" : "; known: " + String.join(", ", new TreeSet<>(known))));
            }
        }
    }

    private static Utf8Reader open(HttpExchange exchange, Routed routed, long maxBody, BodyBudget.Reservation reserved,
                                   int weight) {
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        if (encoding != null && !encoding.isBlank() && !"identity".equalsIgnoreCase(encoding.strip())) {
            // a compressed body would otherwise be read as text and refused as "not valid UTF-8"
            throw HttpError.unsupportedContentEncoding(LogText.escape(encoding.strip()));
        }
        routed.body = JsonBody.open(exchange.getRequestBody(), routed.declaredLength, maxBody, reserved, weight);
        return routed.body;
    }

    /** Whether the request announced a body that was not read to its end. */
    private static boolean unreadBody(HttpExchange exchange, Routed routed) {
        if (routed.body != null && routed.body.atEnd()) {
            return false;
        }
        return routed.declaredLength > 0 || (routed.declaredLength < 0
                && "chunked".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Transfer-Encoding")));
    }

    /**
     * How much of an unread body may be taken after the answer so that the client reads it: up to the body
     * cap and a little more for a client refused for what it sent, only a small batch's worth for one refused
     * for who it is (no token, another origin, too many failures), which is owed no more than its answer.
     */
    private long lingerBytes(Response response) {
        int status = response.status();
        return status == 401 || status == 403 || status == 429 ? LINGER_REFUSED_CALLER : maxBodyBytes + LINGER_EXTRA_BYTES;
    }

    private static String withoutVersion(String path) {
        if (path == null || path.isEmpty() || path.equals("/v1")) {
            return "/";
        }
        return path.startsWith("/v1/") ? path.substring(3) : path;
    }

    /**
     * The declared body length, -1 when none is declared. Only digits are a length (RFC 9110): the JDK
     * server also reads {@code +24} as 24, a framing other servers and proxies on the way may read
     * otherwise, so such a request is refused before anything else.
     */
    static long contentLength(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Content-Length");
        if (header == null) {
            return -1;
        }
        String digits = header.strip();
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw HttpError.badRequest("Content-Length must be digits only, got \"" + header + "\"");
        }
        return Long.parseLong(digits);
    }
}
