package ledgerlearn.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import com.sun.net.httpserver.HttpServer;
import ledgerlearn.learn.Learner;

/**
 * The JDK HTTP server on one root context: a thread per connection being read (bounded), a few workers for
 * the requests that are in, a memory budget for bodies, and timeouts; start, actual port, graceful stop.
 */
public final class ApiServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("ledgerlearn.http");

    private final HttpServer server;
    private final Router router;
    private final Admission admission;
    private final WorkerPool workers;
    /** The timeouts the JDK server of this JVM runs with, fixed by the first server started. */
    private static String timeoutsInEffect;

    private ApiServer(HttpServer server, Router router, Admission admission, WorkerPool workers) {
        this.server = server;
        this.router = router;
        this.admission = admission;
        this.workers = workers;
    }

    /** Binds {@code host:port} (port 0 picks a free one) and starts serving {@code learner}. */
    public static ApiServer start(ServerConfig config, Learner learner) throws IOException {
        return start(config, learner, Security.load(config.access()));
    }

    /** As {@link #start(ServerConfig, Learner)}, with the API tokens and TLS context already loaded. */
    public static ApiServer start(ServerConfig config, Learner learner, Security security) throws IOException {
        return start(config, learner, security, null);
    }

    /** As {@link #start(ServerConfig, Learner, Security)}, as one node of a cluster when {@code replication} is not null. */
    public static ApiServer start(ServerConfig config, Learner learner, Security security, Replication replication)
            throws IOException {
        // Without this the JDK server leaves Nagle's algorithm on, and each small response waits for
        // the client's delayed ACK (~40 ms). It is read once, when the first server is created.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        configureTimeouts(config.requestTimeoutSeconds(), config.idleTimeoutSeconds());
        InetSocketAddress address = new InetSocketAddress(config.host(), config.port());
        HttpServer server = security.sslContext() == null
                ? HttpServer.create(address, 256)
                : Tls.httpsServer(address, 256, security.sslContext());
        RequestStats stats = new RequestStats();
        BodyBudget budget = new BodyBudget(config.bodyMemoryBytes());
        long maxBatch = maxBatchBytes(config.maxBodyBytes(), budget);
        WorkerPool workers = new WorkerPool(config.connections());
        List<Route> routes = List.of(
                new Route("POST", "/sample", Route.Body.BATCH, maxBatch, new SampleEndpoint(learner, replication)),
                new Route("POST", "/predict", Route.Body.JSON, PredictEndpoint.MAX_BODY, new PredictEndpoint(learner, replication)),
                new Route("POST", "/predict/batch", Route.Body.QUERIES, maxBatch, new PredictBatchEndpoint(learner, replication)),
                Route.of("GET", "/metrics/{n}", new MetricsEndpoint(learner)),
                Route.of("GET", "/health", new HealthEndpoint(learner, replication)),
                Route.of("GET", "/livez", ProbeEndpoint.live()),
                // ready: the store takes batches, a connection thread was free for this probe (one that found
                // them all taken says the server turns requests away), and a cluster node is within --max-lag
                Route.of("GET", "/readyz", ProbeEndpoint.ready(() -> !workers.shedding() && learner.storeHealth().ok()
                        && (replication == null || replication.status().ready()))),
                Route.of("GET", "/stats", new StatsEndpoint(learner, stats)),
                Route.of("GET", "/", new DashboardEndpoint()),
                Route.of("GET", "/metrics", new PrometheusEndpoint(learner, stats, replication)),
                Route.of("GET", "/openapi.json", new OpenApiEndpoint()),
                Route.of("GET", "/companies", new CompaniesEndpoint(learner)),
                Route.of("GET", "/companies/{id}/samples", new CompanySamplesEndpoint(learner)),
                Route.of("DELETE", "/companies/{id}", new CompanyDeletionEndpoint(learner, replication)));
        Admission admission = new Admission(workers::shedding, config.threads(), config.queue());
        OriginPolicy origins = new OriginPolicy(security.scheme(), server.getAddress().getAddress().isLoopbackAddress(),
                config.host());
        Router router = new Router(routes, maxBatch, admission, origins, new AccessPolicy(security.tokens()), budget,
                stats, new AccessLog(config.accessLog()));
        server.createContext("/", router);
        server.setExecutor(workers);
        server.start();
        return new ApiServer(server, router, admission, workers);
    }

    /**
     * The largest batch body: {@code maxBodyBytes}, unless the body memory could not hold one that large
     * (at {@link JsonBody#BATCH_WEIGHT} times its bytes), when it is what the memory holds; a body larger
     * than that could never be taken, so it gets 413 at once rather than 503 for ever.
     */
    static long maxBatchBytes(long maxBodyBytes, BodyBudget budget) {
        long fits = budget.capacity() / JsonBody.BATCH_WEIGHT;
        if (fits < maxBodyBytes) {
            LOG.log(System.Logger.Level.WARNING, "POST /sample and /predict/batch bodies are capped at " + fits + " bytes, not "
                    + maxBodyBytes + ": the memory for bodies in flight (" + budget.capacity()
                    + " bytes; --body-memory, or a quarter of the heap) holds no larger one");
            return fits;
        }
        return maxBodyBytes;
    }

    /**
     * The JDK server reads headers and bodies on the thread it hands a connection to, so a client that
     * sends half a request would hold that thread for ever; its request timeout closes such connections
     * (and its idle timeout closes silent ones). It takes these from system properties once, when the JVM's first
     * server is created, so they are JVM-wide: a later server asking for others is warned about.
     */
    private static synchronized void configureTimeouts(int requestSeconds, int idleSeconds) {
        String wanted = "request timeout " + requestSeconds + " s, idle timeout " + idleSeconds + " s";
        if (timeoutsInEffect == null) {
            System.setProperty("sun.net.httpserver.maxReqTime", String.valueOf(requestSeconds));
            System.setProperty("sun.net.httpserver.idleInterval", String.valueOf(idleSeconds));
            // idle connections are swept every 10 s by default; every second keeps the idle timeout near its value
            System.setProperty("sun.net.httpserver.clockTick", "1000");
            timeoutsInEffect = wanted;
        } else if (!timeoutsInEffect.equals(wanted)) {
            LOG.log(System.Logger.Level.WARNING, "this JVM's HTTP server keeps its first " + timeoutsInEffect
                    + "; ignoring " + wanted);
        }
    }

    /** Every route served, as {@code "METHOD /template"}; each is also served under {@code /v1}. */
    List<String> routes() {
        return router.routes();
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The address actually bound. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /**
     * Answers new requests with 503, lets requests in flight finish for up to {@code graceSeconds},
     * then closes the listener and every connection and stops the workers.
     */
    public void stop(int graceSeconds) {
        try {
            if (!admission.drain(graceSeconds * 1000L)) {
                LOG.log(System.Logger.Level.WARNING, "requests still in flight after " + graceSeconds + " s; stopping anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.stop(0);
        try {
            workers.shutdown(graceSeconds);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop(0);
    }
}
