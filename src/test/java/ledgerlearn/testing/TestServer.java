package ledgerlearn.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import ledgerlearn.learn.Learner;
import ledgerlearn.cli.ServerOptions;
import ledgerlearn.cli.UsageException;
import ledgerlearn.http.ApiServer;
import ledgerlearn.store.Disk;
import ledgerlearn.store.SampleStore;

/** A real server on 127.0.0.1, any free port, over a temporary data dir; closing it stops it and deletes the dir. */
public final class TestServer implements HttpTarget, AutoCloseable {
    private final Path dataDir;
    private final ServerOptions options;
    private final Disk disk;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private Learner learner;
    private ApiServer server;

    private TestServer(Path dataDir, ServerOptions options, Disk disk) throws IOException {
        this.dataDir = dataDir;
        this.options = options;
        this.disk = disk;
        open();
    }

    /** A server with default settings on a fresh temporary data dir. */
    public static TestServer start() throws IOException {
        Path dir = Files.createTempDirectory("ledgerlearn-test-");
        return new TestServer(dir, ServerOptions.throwaway(dir), Disk.local());
    }

    /**
     * A server on a fresh temporary data dir with these server flags besides port and data dir, e.g.
     * {@code --auth-file}; without an access log unless the flags ask for one.
     */
    public static TestServer startWith(String... flags) throws IOException {
        return startOn(Disk.local(), flags);
    }

    /** As {@link #startWith}, with the store on {@code disk} (e.g. a {@link FullDisk}'s). */
    public static TestServer startOn(Disk disk, String... flags) throws IOException {
        Path dir = Files.createTempDirectory("ledgerlearn-test-");
        String[] args = Stream.concat(Stream.of("--port", "0", "--data-dir", dir.toString(), "--access-log", "false"),
                        Arrays.stream(flags))
                .toArray(String[]::new);
        try {
            return new TestServer(dir, ServerOptions.parse(args, Map.of()), disk);
        } catch (UsageException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private void open() throws IOException {
        learner = Learner.open(dataDir, options.fsync(), options.model(), options.autoBookPrecision(),
                options.snapshotEvery(), disk);
        server = ApiServer.start(options.http(), learner);
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
        return URI.create(baseUrl() + path);
    }

    /** {@code https://...} when the server was started with {@code --tls-keystore}. */
    public String baseUrl() {
        return (options.http().access().tlsKeystore() == null ? "http" : "https") + "://127.0.0.1:" + server.port();
    }

    /** The model's checksum: equal after the same rows, however they came. */
    public long checksum() {
        return learner.checksum();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The store file, to check what was made durable. */
    public Path storeFile() {
        return dataDir.resolve(SampleStore.FILE_NAME);
    }

    @Override
    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    @Override
    public HttpResponse<String> post(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Override
    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            stop();
        } finally {
            if (Files.exists(dataDir)) {
                try (Stream<Path> paths = Files.walk(dataDir)) {
                    for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(path);
                    }
                }
            }
        }
    }
}
