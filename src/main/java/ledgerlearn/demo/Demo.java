package ledgerlearn.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import ledgerlearn.cli.DemoOptions;
import ledgerlearn.cli.ServerOptions;
import ledgerlearn.client.Connection;
import ledgerlearn.client.StreamingClient;
import ledgerlearn.http.ApiServer;
import ledgerlearn.learn.Learner;
import ledgerlearn.process.Directories;
import ledgerlearn.server.ServerCommand;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/** {@code demo}: a server with its dashboard on a loopback port and a fresh data dir, fed the embedded synthetic data set. */
public final class Demo {
    private Demo() {}

    public static int run(DemoOptions options, PrintStream out, PrintStream err) {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("ledgerlearn-demo-");
        } catch (IOException e) {
            err.println("ledgerlearn demo: cannot create a temporary data dir: " + e.getMessage());
            return 1;
        }
        ServerOptions serverOptions = ServerOptions.throwaway(dataDir, options.port());
        try (Learner learner = Learner.open(dataDir, serverOptions.fsync(), serverOptions.model(), serverOptions.autoBookPrecision(),
                serverOptions.snapshotEvery())) {
            ApiServer server;
            try {
                server = ApiServer.start(serverOptions.http(), learner);
            } catch (IOException e) {
                err.println("ledgerlearn demo: cannot listen on " + serverOptions.http().host() + ":" + serverOptions.http().port()
                        + ": " + e.getMessage() + (serverOptions.http().port() == 0 ? "" : "; try another --port, or 0"));
                return 1;
            }
            CountDownLatch stop = new CountDownLatch(1);
            Runnable restoreSignals = onStopSignal(stop);
            try {
                URI url = URI.create("http://127.0.0.1:" + server.port());
                err.println("demo: server listening on " + url + " (data dir " + dataDir + ")");
                err.println("demo: dashboard at " + url + "/");
                int code = StreamingClient.run(new StreamingClient.Settings(Connection.to(url), null, 0, Long.MAX_VALUE,
                        options.seed(), 1000, options.quiet(), options.rate(), false), out, err, stop);
                if (code == 0 && options.keepRunning() && stop.getCount() > 0) {
                    err.println("demo: the server keeps running at " + url + " (dashboard at " + url
                            + "/); press Ctrl-C to stop it");
                    awaitUninterruptibly(stop);
                }
                if (stop.getCount() == 0) {
                    err.println("demo: stopped");
                    return 0;
                }
                return code;
            } finally {
                server.stop(ServerCommand.GRACE_SECONDS);
                restoreSignals.run();
            }
        } catch (IOException e) {
            err.println("ledgerlearn demo: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        } finally {
            deleteRecursively(dataDir);
        }
    }

    /**
     * Counts {@code stop} down on SIGTERM or SIGINT, and does nothing else: the stream and the wait watch
     * the latch, so no thread is interrupted, and no channel of the store is closed by an interrupt
     * halfway through the clean-up. Once asked to stop, the server is stopped and the data dir deleted.
     * Returns what puts the handlers from before back, for when the demo is over.
     */
    private static Runnable onStopSignal(CountDownLatch stop) {
        SignalHandler handler = signal -> stop.countDown();
        Signal term = new Signal("TERM");
        Signal interrupt = new Signal("INT");
        SignalHandler termBefore = Signal.handle(term, handler);
        SignalHandler interruptBefore = Signal.handle(interrupt, handler);
        return () -> {
            Signal.handle(term, termBefore);
            Signal.handle(interrupt, interruptBefore);
        };
    }

    private static void awaitUninterruptibly(CountDownLatch stop) {
        boolean interrupted = false;
        while (stop.getCount() > 0) {
            try {
                stop.await();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteRecursively(Path dir) {
        try {
            Directories.deleteRecursively(dir);
        } catch (IOException e) {
            System.err.println("demo: could not delete " + dir + ": " + e.getMessage());
        }
    }
}
