package ledgerlearn.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ledgerlearn.Learner;
import ledgerlearn.cli.Options;
import ledgerlearn.cli.UsageException;
import ledgerlearn.http.ApiServer;
import ledgerlearn.store.SampleStore;

/** A real server on 127.0.0.1, any free port, over a temporary data dir; closing it stops it and deletes the dir. */
public final class TestServer implements HttpTarget, AutoCloseable {
    private final Path dataDir;
    private final Options.Server options;
    private Learner learner;
    private ApiServer server;

    private TestServer(Path dataDir, Options.Server options) throws IOException {
        this.dataDir = dataDir;
        this.options = options;
        open();
    }

    /** A server with default settings on a fresh temporary data dir. */
    public static TestServer start() throws IOException {
        Path dir = TempDirs.create("ledgerlearn-test-");
        return new TestServer(dir, Options.server(dir));
    }

    /** A server with {@code flags} (as the server command takes them) on a fresh temporary data dir. */
    public static TestServer start(String... flags) throws IOException {
        Path dir = TempDirs.create("ledgerlearn-test-");
        List<String> args = new ArrayList<>(List.of("--port", "0", "--data-dir", dir.toString()));
        args.addAll(List.of(flags));
        try {
            return new TestServer(dir, Options.server(args.toArray(String[]::new), Map.of()));
        } catch (UsageException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private void open() throws IOException {
        learner = Learner.open(dataDir, options.fsync(), options.model());
        server = ApiServer.start(options, learner);
    }

    /** Stops the server and starts a new one on the same data dir, which replays the store. */
    public void restart() throws IOException {
        stop();
        open();
    }

    private void stop() throws IOException {
        server.stop(5);
        learner.close();
    }

    @Override
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The store file, to check what was made durable. */
    public Path storeFile() {
        return dataDir.resolve(SampleStore.FILE_NAME);
    }

    @Override
    public void close() throws IOException {
        try {
            stop();
        } finally {
            TempDirs.delete(dataDir);
        }
    }
}
