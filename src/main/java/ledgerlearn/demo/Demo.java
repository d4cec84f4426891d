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
            if (options.keepRunning() || options.rate() > 0) {
                onStopSignal(stop);
            }
            try {
                URI url = URI.create("http://127.0.0.1:" + server.port());
                err.println("demo: server listening on " + url + " (data dir " + dataDir + ")");
                err.println("demo: dashboard at " + url + "/");
                int code = StreamingClient.run(new StreamingClient.Settings(Connection.to(url), null, Long.MAX_VALUE,
                        options.seed(), 1000, options.quiet(), options.rate()), out, err);
                if (stop.getCount() == 0) {
                    err.println("demo: stopped");
                    return 0;
                }
                if (code == 0 && options.keepRunning()) {
                    err.println("demo: the server keeps running at " + url + " (dashboard at " + url
                            + "/); press Ctrl-C to stop it");
                    awaitQuietly(stop);
                }
                return code;
            } finally {
                Thread.interrupted(); // a stop signal's interrupt has done its work; the clean-up must not see it
                server.stop(ServerCommand.GRACE_SECONDS);
            }
        } catch (IOException e) {
            err.println("ledgerlearn demo: " + e.getMessage());
            return 1;
        } finally {
            deleteRecursively(dataDir);
        }
    }

    /**
     * Counts {@code stop} down on SIGTERM or SIGINT and interrupts this thread, so that Ctrl-C while a
     * paced stream runs still stops the server and deletes the data dir.
     */
    private static void onStopSignal(CountDownLatch stop) {
        Thread demo = Thread.currentThread();
        SignalHandler handler = signal -> {
            stop.countDown();
            demo.interrupt();
        };
        Signal.handle(new Signal("TERM"), handler);
        Signal.handle(new Signal("INT"), handler);
    }

    private static void awaitQuietly(CountDownLatch stop) {
        try {
            stop.await();
        } catch (InterruptedException e) {
            // the stop signal interrupts as well as counting down
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
