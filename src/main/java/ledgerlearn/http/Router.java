package ledgerlearn.http;

import com.eclipsesource.json.JsonValue;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one handler on {@code "/"}. It lets the request in ({@link Admission}: 503 when busy or
 * stopping), refuses it when a page elsewhere sent it ({@link OriginPolicy}), checks its token ({@link AccessPolicy}), strips an optional {@code /v1}, finds the route
 * (404, 405 with {@code Allow}), reads the body within its cap (413), and calls the endpoint. Whatever
 * fails on the way becomes its status in {@link ExceptionMapper}; the answer is counted
 * ({@link RequestStats}), logged ({@link AccessLog}) and sent ({@link ResponseWriter}).
 */
final class Router implements HttpHandler {
    private final List<Route> routes;
    private final long maxBodyBytes;
    private final Admission admission;
    private final AccessPolicy access;
    private final OriginPolicy origins;
    private final RequestStats stats;
    private final AccessLog accessLog;
    private final ResponseWriter writer;

    Router(List<Route> routes, long maxBodyBytes, Admission admission, OriginPolicy origins, AccessPolicy access,
           RequestStats stats, AccessLog accessLog) {
        this.routes = List.copyOf(routes);
        this.maxBodyBytes = maxBodyBytes;
        this.admission = admission;
        this.access = access;
        this.origins = origins;
        this.stats = stats;
        this.accessLog = accessLog;
        this.writer = new ResponseWriter(maxBodyBytes);
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
        Routed routed = new Routed();
        Admission.Pass pass = null;
        Response response;
        try {
            pass = admission.enter();
            response = route(exchange, routed);
        } catch (Exception | StackOverflowError e) {
            response = ExceptionMapper.toResponse(e, exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath());
        }
        try {
            // counted and logged just before it is sent, so a client that has its answer finds it counted
            long nanos = System.nanoTime() - started;
            String method = exchange.getRequestMethod();
            stats.record(routed.template, routed.endpoint, response.status(), nanos);
            accessLog.log(exchange.getRemoteAddress(), method, exchange.getRequestURI().getRawPath(), response.status(),
                    ResponseWriter.bodyBytes(method, response), nanos);
            writer.send(exchange, response);
        } finally {
            if (pass != null) {
                pass.close();
            }
        }
    }

    /** How far routing got: the template the path matched, and the route that took the request. */
    private static final class Routed {
        String template = RequestStats.UNMATCHED;
        String endpoint;
    }

    private Response route(HttpExchange exchange, Routed routed) throws Exception {
        String method = exchange.getRequestMethod();
        String path = withoutVersion(exchange.getRequestURI().getRawPath());
        long declaredLength = contentLength(exchange);
        origins.check(exchange.getRequestHeaders().getFirst("Host"), exchange.getRequestHeaders().getFirst("Origin"));
        // before routing and before the body is read: without a token a caller learns nothing, not even which paths exist
        access.check(method, path, exchange.getRequestHeaders().getFirst("Authorization"),
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
            Map<String, String> query = QueryString.parse(exchange.getRequestURI().getRawQuery());
            JsonValue body = route.hasBody() ? body(exchange, declaredLength) : null;
            return route.endpoint().handle(new Request(method, path, params, query, body));
        }
        if (!allowed.isEmpty()) {
            throw HttpError.methodNotAllowed(method, path, String.join(", ", allowed));
        }
        throw HttpError.notFound("no such path: " + path + "; routes: " + String.join(", ", routes()));
    }

    private JsonValue body(HttpExchange exchange, long declaredLength) {
        try {
            return JsonBody.read(exchange.getRequestBody(), declaredLength, maxBodyBytes);
        } catch (IOException e) {
            // a malformed chunk, or a client that went away or was cut off by the request timeout
            throw HttpError.badRequest("could not read the request body: " + e.getMessage());
        }
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
