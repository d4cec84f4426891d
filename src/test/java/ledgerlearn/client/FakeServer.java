package ledgerlearn.client;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonArray;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonValue;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A stand-in for the real server on 127.0.0.1: records what the client sends and answers with canned JSON. */
final class FakeServer implements AutoCloseable {
    static final String METRICS = "{\"precision\": 0.5,\n \"recall\": 0.25, \"accuracy\": 0.75, \"n\": 1000, \"average\": \"macro\"}";
    static final String PREDICTION = "[\"6700\"]";

    static {
        // answer without waiting for the client's delayed ACK, or every request costs 40 ms
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final List<JsonArray> chunks = new ArrayList<>();
    private final List<JsonObject> queries = new ArrayList<>();
    private final List<String> keys = new ArrayList<>();
    /** When each stored chunk arrived, on the {@link System#nanoTime()} clock. */
    private final List<Long> arrivals = new ArrayList<>();
    private final int refuseChunk;
    private int closeChunk = -1;
    private int busyChunk = -1;
    private boolean busyMetrics;
    private String busyRetryAfter;
    /** Each refused POST /sample's key, body and when it came. */
    private final List<String> refusedBodies = new ArrayList<>();
    private long total;
    private int metricsRequests;

    /** A server that accepts every chunk. */
    FakeServer() throws IOException {
        this(-1);
    }

    /** A server that answers the chunk numbered {@code refuseChunk} (0-based) with a 400. */
    FakeServer(int refuseChunk) throws IOException {
        this.refuseChunk = refuseChunk;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A server that closes the connection on the chunk numbered {@code chunk} (0-based) without answering, as a crash would. */
    static FakeServer closingOnChunk(int chunk) throws IOException {
        FakeServer server = new FakeServer();
        server.closeChunk = chunk;
        return server;
    }

    /**
     * A server that answers the chunk numbered {@code chunk} (0-based) with 503 and {@code Retry-After: retryAfter}
     * ({@code null}: none) the first time, storing nothing, as a busy server does.
     */
    static FakeServer busyOnChunk(int chunk, String retryAfter) throws IOException {
        FakeServer server = new FakeServer();
        server.busyChunk = chunk;
        server.busyRetryAfter = retryAfter;
        return server;
    }

    /** A server that stores every chunk but answers GET /metrics/1000 with 503, as a server under load may. */
    static FakeServer busyMetrics() throws IOException {
        FakeServer server = new FakeServer();
        server.busyMetrics = true;
        return server;
    }

    /** The bodies of the POST /sample requests answered 503, in order. */
    synchronized List<String> refusedBodies() {
        return List.copyOf(refusedBodies);
    }

    /** A loopback port nothing listens on (it was free a moment ago), to test an unreachable server. */
    static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    synchronized List<JsonArray> chunks() {
        return List.copyOf(chunks);
    }

    synchronized List<JsonObject> rows() {
        List<JsonObject> rows = new ArrayList<>();
        for (JsonArray chunk : chunks) {
            chunk.forEach(row -> rows.add(row.asObject()));
        }
        return rows;
    }

    synchronized List<Integer> chunkSizes() {
        List<Integer> sizes = new ArrayList<>();
        chunks.forEach(chunk -> sizes.add(chunk.size()));
        return sizes;
    }

    /** When each chunk answered 200 arrived, on the {@link System#nanoTime()} clock. */
    synchronized List<Long> arrivals() {
        return List.copyOf(arrivals);
    }

    /** The Idempotency-Key of each chunk, in order ({@code null} for none). */
    synchronized List<String> keys() {
        return new ArrayList<>(keys);
    }

    synchronized int metricsRequests() {
        return metricsRequests;
    }

    synchronized List<JsonObject> queries() {
        return List.copyOf(queries);
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (method.equals("POST") && path.equals("/sample")) {
                JsonArray chunk = Json.parse(body).asArray();
                keys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
                if (chunks.size() == closeChunk) {
                    closeChunk = -1;
                    // closing the exchange before any answer closes the connection
                    return;
                }
                if (chunks.size() == busyChunk) {
                    busyChunk = -1;
                    keys.remove(keys.size() - 1);
                    refusedBodies.add(body);
                    if (busyRetryAfter != null) {
                        exchange.getResponseHeaders().set("Retry-After", busyRetryAfter);
                    }
                    answer(exchange, 503, "{\"error\": \"server busy, retry later\"}");
                    return;
                }
                if (chunks.size() == refuseChunk) {
                    chunks.add(chunk);
                    answer(exchange, 400, "{\"error\": \"sample 3: BankEntryDate must be YYYY-MM-DD, got \\\"x\\\"\"}");
                    return;
                }
                chunks.add(chunk);
                arrivals.add(System.nanoTime());
                total += chunk.size();
                answer(exchange, 200, "{\"accepted\": " + chunk.size() + ", \"total\": " + total + "}");
            } else if (method.equals("GET") && path.equals("/metrics/1000")) {
                metricsRequests++;
                if (busyMetrics) {
                    exchange.getResponseHeaders().set("Retry-After", "1");
                    answer(exchange, 503, "{\"error\": \"server busy, retry later\"}");
                    return;
                }
                answer(exchange, 200, METRICS);
            } else if (method.equals("POST") && path.equals("/predict")) {
                JsonValue query = Json.parse(body);
                queries.add(query.asObject());
                answer(exchange, 200, PREDICTION);
            } else {
                answer(exchange, 404, "{\"error\": \"no " + method + " " + path + "\"}");
            }
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
