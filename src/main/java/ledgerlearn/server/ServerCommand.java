package ledgerlearn.server;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import ledgerlearn.cli.ServerOptions;
import ledgerlearn.http.ApiServer;
import ledgerlearn.http.Security;
import ledgerlearn.learn.Learner;
import sun.misc.Signal;

/** {@code server}: replay the store, serve until SIGTERM or SIGINT, then stop gracefully and exit 0. */
public final class ServerCommand {
    private static final System.Logger LOG = System.getLogger("ledgerlearn");
    /** How long requests in flight may take to finish once a stop is asked for. */
    public static final int GRACE_SECONDS = 10;

    private ServerCommand() {}

    public static int run(ServerOptions options, PrintStream err) {
        Security security;
        try {
            // before the replay, which can take a while: a bad auth file or keystore fails at once
            security = Security.load(options.http().access());
        } catch (IOException e) {
            err.println("ledgerlearn server: " + e.getMessage());
            return 1;
        }
        long started = System.nanoTime();
        CountDownLatch stop = new CountDownLatch(1);
        // Handling the signals ourselves (not only a shutdown hook) lets a requested stop finish the
        // batches in flight and exit 0 rather than 143. They are installed first, so that a signal
        // arriving as soon as the server answers is never the JVM's default.
        Signal.handle(new Signal("TERM"), signal -> stop.countDown());
        Signal.handle(new Signal("INT"), signal -> stop.countDown());
        Learner learner;
        try {
            learner = Learner.open(options.dataDir(), options.fsync(), options.model(), options.autoBookPrecision(),
                    options.snapshotEvery());
        } catch (IOException | RuntimeException e) {
            err.println("ledgerlearn server: cannot open the store in " + options.dataDir() + ": " + e.getMessage());
            return 1;
        }
        double replaySeconds = (System.nanoTime() - started) / 1e9;
        ApiServer server;
        try {
            server = ApiServer.start(options.http(), learner, security);
        } catch (IOException | RuntimeException e) {
            err.println("ledgerlearn server: cannot listen on " + options.http().host() + ":" + options.http().port() + ": " + e.getMessage());
            closeQuietly(learner);
            return 1;
        }
        LOG.log(System.Logger.Level.INFO, String.format(Locale.ROOT,
                "listening on %s://%s:%d, data dir %s, replayed %d samples in %.2f s%s", security.scheme(),
                options.http().host(), server.port(), options.dataDir().toAbsolutePath(),
                learner.samples() - learner.restoredRows(), replaySeconds,
                learner.restoredRows() == 0 ? "" : " after a snapshot of " + learner.restoredRows()));
        logAccess(options, security, server);
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.log(System.Logger.Level.INFO, "stopping: finishing requests in flight");
        server.stop(GRACE_SECONDS);
        closeQuietly(learner);
        LOG.log(System.Logger.Level.INFO, "stopped; store closed with " + learner.samples() + " samples");
        return 0;
    }

    private static void logAccess(ServerOptions options, Security security, ApiServer server) {
        if (security.tokens() == null) {
            LOG.log(System.Logger.Level.INFO, "no API tokens needed (no --auth-file)");
            return;
        }
        LOG.log(System.Logger.Level.INFO, "API tokens needed: " + security.tokens().size() + " from "
                + options.http().access().authFile());
        if (security.sslContext() == null && !server.address().getAddress().isLoopbackAddress()) {
            LOG.log(System.Logger.Level.WARNING, "API tokens travel in clear text over plain HTTP on " + options.http().host()
                    + "; serve HTTPS with --tls-keystore");
        }
    }

    private static void closeQuietly(Learner learner) {
        try {
            learner.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "closing the store failed: " + e.getMessage());
        }
    }
}
