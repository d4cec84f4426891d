package ledgerlearn.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import ledgerlearn.Learner;
import ledgerlearn.cli.Options;

/** The JDK HTTP server on one root context, with a bounded worker pool; start, actual port, graceful stop. */
public final class ApiServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("ledgerlearn.http");

    private final HttpServer server;
    private final Router router;
    private final ExecutorService workers;

    private ApiServer(HttpServer server, Router router, ExecutorService workers) {
        this.server = server;
        this.router = router;
        this.workers = workers;
    }

    /** Binds {@code host:port} (port 0 picks a free one) and starts serving {@code learner}. */
    public static ApiServer start(Options.Server options, Learner learner) throws IOException {
        return start(options, learner, Security.load(options.security()));
    }

    /** As {@link #start(Options.Server, Learner)}, with the API tokens and TLS context already loaded. */
    public static ApiServer start(Options.Server options, Learner learner, Security security) throws IOException {
        // Without this the JDK server leaves Nagle's algorithm on, and each small response waits for
        // the client's delayed ACK (~40 ms). It is read once, when the first server is created.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        InetSocketAddress address = new InetSocketAddress(options.host(), options.port());
        HttpServer server = security.sslContext() == null
                ? HttpServer.create(address, 256)
                : Tls.httpsServer(address, 256, security.sslContext());
        RequestCounts requests = new RequestCounts();
        RequestStats stats = new RequestStats();
        List<Route> routes = List.of(
                new Route("POST", "/sample", true, new SampleEndpoint(learner)),
                new Route("POST", "/predict", true, new PredictEndpoint(learner)),
                new Route("GET", "/metrics/{n}", false, new MetricsEndpoint(learner)),
                new Route("GET", "/health", false, new HealthEndpoint(learner)),
                new Route("GET", "/stats", false, new StatsEndpoint(learner, requests)),
                new Route("GET", "/", false, new DashboardEndpoint()),
                new Route("GET", "/metrics", false, new PrometheusEndpoint(learner, stats)),
                new Route("GET", "/openapi.json", false, new OpenApiEndpoint()));
        Router router = new Router(routes, options.maxBodyBytes(), new AccessPolicy(security.tokens()), requests, stats,
                new AccessLog(options.accessLog()));
        server.createContext("/", router);
        ExecutorService workers = workers(options.threads());
        server.setExecutor(workers);
        server.start();
        return new ApiServer(server, router, workers);
    }

    private static ExecutorService workers(int threads) {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, "ledgerlearn-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
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
            if (!router.drain(graceSeconds * 1000L)) {
                LOG.log(System.Logger.Level.WARNING, "requests still in flight after " + graceSeconds + " s; stopping anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.stop(0);
        workers.shutdown();
        try {
            workers.awaitTermination(graceSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop(0);
    }
}
