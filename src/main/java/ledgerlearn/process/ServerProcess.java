package ledgerlearn.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code ledgerlearn server} in a JVM of its own on 127.0.0.1: the one launcher the bench and the
 * tests share. It is started with the caller's flags, found ready by its "listening on" line (or by
 * polling), and stopped with SIGTERM as an operator would, or killed.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on https?://(?:\\[[^\\]\\s]+\\]|[^\\s:/]+):(\\d{1,5})\\b");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final long POLL_MILLIS = 10;

    private final JavaProcess process;
    private final InetSocketAddress address;
    private final long readyNanos;

    private ServerProcess(JavaProcess process, InetSocketAddress address, long readyNanos) {
        this.process = process;
        this.address = address;
        this.readyNanos = readyNanos;
    }

    /** Whether a server at an address answers yet; a connection failure means not yet. */
    @FunctionalInterface
    public interface Readiness {
        boolean ready(InetSocketAddress address) throws IOException;
    }

    /**
     * {@code java <jvmFlags> -cp <this class path> ledgerlearn.Main server <serverFlags> --host 127.0.0.1
     * --port <port> --data-dir <dataDir>}: address, port and data dir come last, so they win (the
     * parser keeps the last value of a flag).
     */
    public static List<String> command(List<String> jvmFlags, List<String> serverFlags, Path dataDir, int port) {
        List<String> args = new ArrayList<>();
        args.add("server");
        args.addAll(serverFlags);
        args.addAll(List.of("--host", "127.0.0.1", "--port", String.valueOf(port), "--data-dir", dataDir.toString()));
        return JavaProcess.command(jvmFlags, args);
    }

    /** Starts a server on a free port and waits until it says it is listening. */
    public static ServerProcess start(List<String> jvmFlags, List<String> serverFlags, Path dataDir)
            throws IOException, InterruptedException {
        JavaProcess process = JavaProcess.start("server", command(jvmFlags, serverFlags, dataDir, 0));
        String line = process.awaitLine(l -> port(l).isPresent(), START_TIMEOUT).orElse(null);
        if (line == null) {
            process.close();
            throw new IOException("the server did not start; its last lines:\n  " + process.tail());
        }
        long ready = System.nanoTime() - process.startedNanos();
        return new ServerProcess(process, new InetSocketAddress("127.0.0.1", port(line).getAsInt()), ready);
    }

    /**
     * Starts a server on a free port chosen here and asks {@code readiness} every 10 ms from the moment
     * the process is started until it says yes, which times the start to ready.
     */
    public static ServerProcess startAndPoll(List<String> jvmFlags, List<String> serverFlags, Path dataDir,
                                             Readiness readiness) throws IOException, InterruptedException {
        return startAndPoll(jvmFlags, serverFlags, dataDir, readiness, START_TIMEOUT);
    }

    /** As {@link #startAndPoll(List, List, Path, Readiness)}, giving up after {@code timeout} (a long replay). */
    public static ServerProcess startAndPoll(List<String> jvmFlags, List<String> serverFlags, Path dataDir,
                                             Readiness readiness, Duration timeout) throws IOException, InterruptedException {
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", freePort());
        JavaProcess process = JavaProcess.start("server", command(jvmFlags, serverFlags, dataDir, address.getPort()));
        long deadline = process.startedNanos() + timeout.toNanos();
        while (true) {
            try {
                if (readiness.ready(address)) {
                    return new ServerProcess(process, address, System.nanoTime() - process.startedNanos());
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.close();
                throw new IOException("the server never got ready; its last lines:\n  " + process.tail());
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** The port of a server's "listening on http://127.0.0.1:PORT" line. */
    public static OptionalInt port(String line) {
        Matcher m = LISTENING.matcher(line);
        return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    public InetSocketAddress address() {
        return address;
    }

    public int port() {
        return address.getPort();
    }

    public String url() {
        return "http://127.0.0.1:" + address.getPort();
    }

    /** Nanoseconds from starting the process to it being seen ready. */
    public long readyNanos() {
        return readyNanos;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for a line of the server's output that {@code wanted} accepts; see {@link JavaProcess#awaitLine}. */
    public Optional<String> awaitLine(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        return process.awaitLine(wanted, timeout);
    }

    /** What the server printed so far: its first and its latest lines (see {@link JavaProcess#lines}). */
    public String output() {
        return String.join("\n", process.lines());
    }

    /** Whether the server printed an {@code OutOfMemoryError}. */
    public boolean printedOutOfMemoryError() {
        return process.printedOutOfMemoryError();
    }

    /** Stops the server with SIGTERM, as an operator would, kills it after a grace period, and returns its exit code. */
    public int stop() throws InterruptedException {
        return process.stop(STOP_GRACE);
    }

    /** SIGKILL: the server dies at once, wherever it is; returns when it is gone. */
    public void kill() throws InterruptedException {
        process.kill();
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
