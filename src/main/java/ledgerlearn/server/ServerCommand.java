package ledgerlearn.server;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import ledgerlearn.cli.ServerOptions;
import ledgerlearn.http.ApiServer;
import ledgerlearn.http.Replication;
import ledgerlearn.http.Security;
import ledgerlearn.learn.Learner;
import ledgerlearn.secret.SecretFiles;
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
        security.certificateValidity(Instant.now()).ifPresent(validity -> LOG.log(
                validity.expiring() ? System.Logger.Level.WARNING : System.Logger.Level.INFO, validity.text()));
        warnIfReadableByOthers(options.http().access().authFile(), "auth file");
        warnIfReadableByOthers(options.http().access().tlsPasswordFile(), "TLS password file");
        long started = System.nanoTime();
        CountDownLatch stop = new CountDownLatch(1);
        // Handling the signals ourselves (not only a shutdown hook) lets a requested stop finish the
        // batches in flight and exit 0 rather than 143. They are installed first, so that a signal
        // arriving as soon as the server answers is never the JVM's default.
        Signal.handle(new Signal("TERM"), signal -> stop.countDown());
        Signal.handle(new Signal("INT"), signal -> stop.countDown());
        // the terminal it was started from went away: a graceful stop too (under nohup, SIGHUP stays ignored)
        Signal.handle(new Signal("HUP"), signal -> stop.countDown());
        if (options.kafka() == null && Files.exists(options.dataDir().resolve(ledgerlearn.cluster.ClusterNode.OFFSETS_FILE))) {
            err.println("ledgerlearn server: " + options.dataDir() + " is the data dir of a cluster node (it holds "
                    + ledgerlearn.cluster.ClusterNode.OFFSETS_FILE + "): start it with --kafka, as a node of its cluster;"
                    + " rows stored without the log would make it differ from the other nodes");
            return 1;
        }
        Learner learner;
        try {
            if (options.kafka() != null) {
                // a node whose generation of the log was rewritten away while it was down starts afresh
                ledgerlearn.cluster.ClusterNode.prepare(options.kafka().bootstrap(), options.kafka().topic(), options.dataDir());
            }
            learner = Learner.open(options.dataDir(), options.fsync(), options.model(), options.autoBookPrecision(),
                    options.snapshotEvery());
        } catch (IOException | RuntimeException e) {
            err.println("ledgerlearn server: cannot open the store in " + options.dataDir() + ": " + reason(e));
            return 1;
        } catch (OutOfMemoryError e) {
            // what was read is garbage once this is thrown: there is room to say why
            err.println("ledgerlearn server: cannot open the store in " + options.dataDir() + ": what it learnt does not"
                    + " fit in the heap of " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB; start the JVM with a"
                    + " larger -Xmx (docs/SCALING.md says how much a million rows takes)");
            return 1;
        }
        double replaySeconds = (System.nanoTime() - started) / 1e9;
        warmUp(options);
        AutoCloseable cluster = null;
        Replication replication = null;
        if (options.kafka() != null) {
            try {
                // the only reference to the cluster package: its Kafka classes load in cluster mode alone
                ledgerlearn.cluster.ClusterNode node = ledgerlearn.cluster.ClusterNode.start(options.kafka().bootstrap(),
                        options.kafka().topic(), options.kafka().maxLag(), learner, options.dataDir(), options.fsync());
                cluster = node;
                replication = node;
            } catch (IOException | RuntimeException e) {
                err.println("ledgerlearn server: cannot join the cluster: " + e.getMessage());
                closeQuietly(learner);
                return 1;
            }
        }
        ApiServer server;
        try {
            server = ApiServer.start(options.http(), learner, security, replication);
        } catch (IOException | RuntimeException e) {
            err.println("ledgerlearn server: cannot listen on " + options.http().host() + ":" + options.http().port() + ": " + e.getMessage());
            closeQuietly(cluster);
            closeQuietly(learner);
            return 1;
        }
        LOG.log(System.Logger.Level.INFO, String.format(Locale.ROOT,
                "listening on %s://%s:%d, data dir %s, replayed %d samples in %.2f s%s", security.scheme(),
                // an IPv6 address in a URL goes in brackets
                options.http().host().contains(":") ? "[" + options.http().host() + "]" : options.http().host(), server.port(), options.dataDir().toAbsolutePath(),
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
        closeQuietly(cluster);
        closeQuietly(learner);
        LOG.log(System.Logger.Level.INFO, "stopped; store closed with " + learner.samples() + " samples");
        return 0;
    }

    /**
     * What went wrong, in words: the JDK's file system exceptions often say only which file, and leave the what
     * to their class (a directory where a file should be, a permission, ...).
     */
    static String reason(Exception e) {
        if (e instanceof FileSystemException f && (f.getReason() == null || f.getReason().isBlank())) {
            String what = f instanceof AccessDeniedException ? "permission denied"
                    : f instanceof NotDirectoryException ? "not a directory"
                    : f instanceof NoSuchFileException ? "no such file or directory"
                    : f instanceof FileAlreadyExistsException ? "already exists"
                    : f.getClass().getSimpleName();
            return what + ": " + f.getFile() + (f.getOtherFile() == null ? "" : " (" + f.getOtherFile() + ")");
        }
        return e.getMessage();
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

    /**
     * Runs {@link WarmUp} until {@code --warm-up} seconds after the JVM started: its start and the replay
     * count, so a store that took long to replay (which compiled the model's paths already) leaves little
     * or no time, and the start stays as short as asked.
     */
    private static void warmUp(ServerOptions options) {
        if (options.warmUpSeconds() <= 0) {
            return;
        }
        long sinceJvmStartNanos = ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000L;
        long deadline = System.nanoTime() + (long) (options.warmUpSeconds() * 1e9) - sinceJvmStartNanos;
        WarmUp.Result warm = WarmUp.run(options, deadline);
        if (warm.requests() > 0) {
            LOG.log(System.Logger.Level.INFO, String.format(Locale.ROOT,
                    "warmed up in %.2f s: %d requests, %d samples, on a throwaway server", warm.seconds(), warm.requests(),
                    warm.samples()));
        }
    }

    private static void warnIfReadableByOthers(Path file, String what) {
        if (file != null) {
            SecretFiles.readableByOthers(file, what).ifPresent(warning -> LOG.log(System.Logger.Level.WARNING, warning));
        }
    }

    private static void closeQuietly(AutoCloseable cluster) {
        if (cluster == null) {
            return;
        }
        try {
            cluster.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.ERROR, "leaving the cluster failed: " + e.getMessage());
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
