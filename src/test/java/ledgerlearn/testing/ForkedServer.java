package ledgerlearn.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import ledgerlearn.process.JavaProcess;
import ledgerlearn.process.ServerProcess;

/**
 * The server command in a JVM of its own on 127.0.0.1, started by the launcher the bench uses
 * ({@link ServerProcess}), so that a test can SIGKILL or SIGTERM it and call it over HTTP. Closing
 * kills it if it still runs.
 */
public final class ForkedServer implements HttpTarget, AutoCloseable {
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(60);

    private final ServerProcess server;

    private ForkedServer(ServerProcess server) {
        this.server = server;
    }

    /** Starts a server on {@code dataDir} with {@code flags} and waits until it listens. */
    public static ForkedServer start(Path dataDir, String... flags) throws IOException {
        return start(List.of(), dataDir, flags);
    }

    /** As {@link #start(Path, String...)}, with options for the JVM such as {@code -Xmx64m}. */
    public static ForkedServer start(List<String> jvmOptions, Path dataDir, String... flags) throws IOException {
        try {
            return new ForkedServer(ServerProcess.start(jvmOptions, List.of(flags), dataDir));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What a server process that ended by itself left: its exit code and output. */
    public record Exit(int code, String output) {
    }

    /** Runs a server that is expected to stop by itself (e.g. refuse to start), and returns how it ended. */
    public static Exit runToExit(Path dataDir, String... flags) throws IOException {
        return runToExit(List.of(), dataDir, flags);
    }

    /** As {@link #runToExit(Path, String...)}, with options for the JVM such as {@code -Xmx64m}. */
    public static Exit runToExit(List<String> jvmOptions, Path dataDir, String... flags) throws IOException {
        JavaProcess process = JavaProcess.start("server", ServerProcess.command(jvmOptions, List.of(flags), dataDir, 0));
        try {
            int code = process.waitFor(EXIT_TIMEOUT);
            return new Exit(code, String.join("\n", process.lines()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public URI uri(String path) {
        return URI.create(server.url() + path);
    }

    public int port() {
        return server.port();
    }

    /** What the server printed so far (its first and latest lines). */
    public String log() {
        return server.output();
    }

    /** SIGKILL: the process dies at once, wherever it is; returns when it is gone. */
    public void kill() {
        try {
            server.kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM: asks for a graceful stop; returns the exit code once the process is gone (killed if it took too long). */
    public int terminate() {
        try {
            return server.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether the server printed an {@code OutOfMemoryError}. */
    public boolean printedOutOfMemoryError() {
        return server.printedOutOfMemoryError();
    }

    public long pid() {
        return server.pid();
    }

    public boolean isAlive() {
        return server.isAlive();
    }

    @Override
    public void close() {
        kill();
    }
}
