package ledgerlearn;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import ledgerlearn.cli.Options;
import ledgerlearn.client.StreamingClient;
import ledgerlearn.http.ApiServer;
import sun.misc.Signal;

/** {@code demo}: a server on a free loopback port and a fresh data dir, fed the embedded synthetic data set. */
final class Demo {
    private Demo() {}

    static int run(Options.Demo options, PrintStream out, PrintStream err) {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("ledgerlearn-demo-");
        } catch (IOException e) {
            err.println("ledgerlearn demo: cannot create a temporary data dir: " + e.getMessage());
            return 1;
        }
        Options.Server serverOptions = Options.server(dataDir);
        try (Learner learner = Learner.open(dataDir, serverOptions.fsync(), serverOptions.model())) {
            ApiServer server = ApiServer.start(serverOptions, learner);
            try {
                URI url = URI.create("http://127.0.0.1:" + server.port());
                err.println("demo: server listening on " + url + " (data dir " + dataDir + ")");
                int code = StreamingClient.run(
                        new Options.Client(url, null, Long.MAX_VALUE, options.seed(), 1000, options.quiet(),
                                Options.ClientSecurity.NONE), out, err);
                if (code == 0 && options.keepRunning()) {
                    err.println("demo: the server keeps running at " + url + "; press Ctrl-C to stop it");
                    awaitStopSignal();
                }
                return code;
            } finally {
                server.stop(ServerCommand.GRACE_SECONDS);
            }
        } catch (IOException e) {
            err.println("ledgerlearn demo: " + e.getMessage());
            return 1;
        } finally {
            deleteRecursively(dataDir);
        }
    }

    private static void awaitStopSignal() {
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), signal -> stop.countDown());
        Signal.handle(new Signal("INT"), signal -> stop.countDown());
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("demo: could not delete " + dir + ": " + e.getMessage());
        }
    }
}
