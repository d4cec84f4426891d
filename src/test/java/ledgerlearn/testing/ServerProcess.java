package ledgerlearn.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server command in a JVM of its own ({@code java ledgerlearn.Main server --port 0 ...}) on
 * 127.0.0.1, so a test can SIGKILL or SIGTERM it. Its output goes to a log file; closing kills
 * the process if it still runs and deletes the log.
 */
public final class ServerProcess implements HttpTarget, AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:([0-9]+),");
    private static final long START_SECONDS = 60;
    private static final long EXIT_SECONDS = 60;

    private final Process process;
    private final Path log;
    private final int port;

    private ServerProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts a server on {@code dataDir} with {@code flags} and waits until it listens. */
    public static ServerProcess start(Path dataDir, String... flags) throws IOException {
        return start(List.of(), dataDir, flags);
    }

    /** As {@link #start(Path, String...)}, with options for the JVM such as {@code -Xmx64m}. */
    public static ServerProcess start(List<String> jvmOptions, Path dataDir, String... flags) throws IOException {
        Path log = Files.createTempFile("ledgerlearn-server-", ".log");
        Process process = launch(jvmOptions, dataDir, log, flags);
        try {
            return new ServerProcess(process, log, awaitPort(process, log));
        } catch (IOException | RuntimeException | Error e) {
            process.destroyForcibly();
            Files.deleteIfExists(log);
            throw e;
        }
    }

    /** What a server process that ended by itself left: its exit code and output. */
    public record Exit(int code, String output) {
    }

    /** Runs a server that is expected to stop by itself (e.g. refuse to start), and returns how it ended. */
    public static Exit runToExit(Path dataDir, String... flags) throws IOException {
        Path log = Files.createTempFile("ledgerlearn-server-", ".log");
        Process process = launch(List.of(), dataDir, log, flags);
        try {
            if (!waitFor(process, EXIT_SECONDS)) {
                throw new AssertionError("server still running after " + EXIT_SECONDS + " s:\n" + read(log));
            }
            return new Exit(process.exitValue(), read(log));
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }

    private static Process launch(List<String> jvmOptions, Path dataDir, Path log, String... flags) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "ledgerlearn.Main", "server",
                "--host", "127.0.0.1", "--port", "0", "--data-dir", dataDir.toString()));
        command.addAll(List.of(flags));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // the flags alone decide: no LEDGERLEARN_* setting of the machine running the tests leaks in
        builder.environment().keySet().removeIf(name -> name.startsWith("LEDGERLEARN_"));
        return builder.start();
    }

    private static int awaitPort(Process process, Path log) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (System.nanoTime() < deadline) {
            Matcher matcher = LISTENING.matcher(read(log));
            if (matcher.find()) {
                return Integer.parseInt(matcher.group(1));
            }
            if (waitFor(process, 0)) {
                throw new AssertionError("server exited with " + process.exitValue() + " before listening:\n" + read(log));
            }
            waitFor(process, 0.02);
        }
        throw new AssertionError("server not listening after " + START_SECONDS + " s:\n" + read(log));
    }

    private static boolean waitFor(Process process, double seconds) {
        try {
            return process.waitFor((long) (seconds * 1000), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path log) throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    @Override
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public int port() {
        return port;
    }

    /** Everything the server printed so far. */
    public String log() throws IOException {
        return read(log);
    }

    /** SIGKILL: the process dies at once, wherever it is; returns when it is gone. */
    public void kill() {
        process.destroyForcibly();
        if (!waitFor(process, EXIT_SECONDS)) {
            throw new AssertionError("server survived SIGKILL for " + EXIT_SECONDS + " s");
        }
    }

    /** SIGTERM: asks for a graceful stop; returns the exit code once the process is gone. */
    public int terminate() throws IOException {
        process.destroy();
        if (!waitFor(process, EXIT_SECONDS)) {
            throw new AssertionError("server still running " + EXIT_SECONDS + " s after SIGTERM:\n" + log());
        }
        return process.exitValue();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws IOException {
        try {
            if (process.isAlive()) {
                kill();
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
