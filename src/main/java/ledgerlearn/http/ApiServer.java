package ledgerlearn.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import ledgerlearn.learn.Learner;

/** The JDK HTTP server on one root context, with a bounded worker pool and timeouts; start, actual port, graceful stop. */
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
        // Without this the JDK server leaves Nagle's algorithm on, and each small response waits for
        // the client's delayed ACK (~40 ms). It is read once, when the first server is created.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        configureTimeouts(config.requestTimeoutSeconds(), config.idleTimeoutSeconds());
        InetSocketAddress address = new InetSocketAddress(config.host(), config.port());
        HttpServer server = security.sslContext() == null
                ? HttpServer.create(address, 256)
                : Tls.httpsServer(address, 256, security.sslContext());
        RequestStats stats = new RequestStats();
        List<Route> routes = List.of(
                new Route("POST", "/sample", true, new SampleEndpoint(learner)),
                new Route("POST", "/predict", true, new PredictEndpoint(learner)),
                new Route("GET", "/metrics/{n}", false, new MetricsEndpoint(learner)),
                new Route("GET", "/health", false, new HealthEndpoint(learner)),
                new Route("GET", "/stats", false, new StatsEndpoint(learner, stats)),
                new Route("GET", "/", false, new DashboardEndpoint()),
                new Route("GET", "/metrics", false, new PrometheusEndpoint(learner, stats)),
                new Route("GET", "/openapi.json", false, new OpenApiEndpoint()));
        WorkerPool workers = new WorkerPool(config.threads(), config.queue());
        Admission admission = new Admission(workers::shedding);
        OriginPolicy origins = new OriginPolicy(security.scheme(), server.getAddress().getAddress().isLoopbackAddress(),
                config.host());
        Router router = new Router(routes, config.maxBodyBytes(), admission, origins, new AccessPolicy(security.tokens()),
                stats, new AccessLog(config.accessLog()));
        server.createContext("/", router);
        server.setExecutor(workers);
        server.start();
        return new ApiServer(server, router, admission, workers);
    }

    /**
     * The JDK server reads headers and bodies on its workers, so a client that sends half a request
     * would hold a worker for ever; its request timeout closes such connections (and its idle
     * timeout closes silent ones). It takes these from system properties once, when the JVM's first
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
