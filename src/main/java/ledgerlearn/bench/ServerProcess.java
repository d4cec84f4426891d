package ledgerlearn.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/** A {@code ledgerlearn server} in its own JVM on a loopback port, with fsync on. */
final class ServerProcess implements AutoCloseable {
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

    /**
     * The server's command line. The access log is off unless {@code serverArgs} turn it on, as the
     * README advises for load tests; the bench's own flags come after {@code serverArgs}, so they win
     * (the parser keeps the last value of a flag).
     */
    static List<String> command(List<String> jvmFlags, List<String> serverArgs, Path dataDir, int port) {
        List<String> args = new ArrayList<>();
        args.add("server");
        args.addAll(List.of("--access-log", "false"));
        args.addAll(serverArgs);
        args.addAll(List.of("--host", "127.0.0.1", "--port", String.valueOf(port), "--data-dir", dataDir.toString(),
                "--fsync", "true"));
        return JavaProcess.command(jvmFlags, args);
    }

    /** Starts a server on a free port and waits until it says it is listening. */
    static ServerProcess start(List<String> jvmFlags, List<String> serverArgs, Path dataDir)
            throws IOException, InterruptedException {
        JavaProcess process = JavaProcess.start("server", command(jvmFlags, serverArgs, dataDir, 0));
        String line = process.awaitLine(l -> LogLines.port(l).isPresent(), START_TIMEOUT).orElse(null);
        if (line == null) {
            process.close();
            throw new IOException("the server did not start; its last lines:\n  " + process.tail());
        }
        long ready = System.nanoTime() - process.startedNanos();
        return new ServerProcess(process, new InetSocketAddress("127.0.0.1", LogLines.port(line).getAsInt()), ready);
    }

    /**
     * Starts a server on a free port chosen here and polls {@code GET /health} every 10 ms from the
     * moment the process is started until it answers 200, which times the start to ready.
     */
    static ServerProcess startAndPoll(List<String> jvmFlags, List<String> serverArgs, Path dataDir)
            throws IOException, InterruptedException {
        int port = freePort();
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
        byte[] health = HttpConnection.request("GET", address, "/health", null);
        JavaProcess process = JavaProcess.start("server", command(jvmFlags, serverArgs, dataDir, port));
        long deadline = process.startedNanos() + START_TIMEOUT.toNanos();
        while (true) {
            try (HttpConnection connection = new HttpConnection(address)) {
                if (connection.exchange(health) == 200) {
                    return new ServerProcess(process, address, System.nanoTime() - process.startedNanos());
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.close();
                throw new IOException("the server never answered /health with 200; its last lines:\n  " + process.tail());
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    InetSocketAddress address() {
        return address;
    }

    String url() {
        return "http://127.0.0.1:" + address.getPort();
    }

    /** Nanoseconds from starting the process to it being seen ready. */
    long readyNanos() {
        return readyNanos;
    }

    /** What the server logged as its replay time, once it has logged it. */
    OptionalDouble replaySeconds() throws InterruptedException {
        return process.awaitLine(l -> LogLines.replaySeconds(l).isPresent(), Duration.ofSeconds(5))
                .map(l -> LogLines.replaySeconds(l)).orElse(OptionalDouble.empty());
    }

    /** Forces a full collection ({@code jcmd PID GC.run}), then reads the heap still in use ({@code GC.heap_info}). */
    OptionalLong liveHeapAfterFullGc() throws IOException, InterruptedException {
        jcmd("GC.run");
        return LogLines.heapUsedBytes(jcmd("GC.heap_info"));
    }

    private List<String> jcmd(String command) throws IOException, InterruptedException {
        Path jcmd = JavaProcess.java().resolveSibling("jcmd");
        Process tool = new ProcessBuilder(jcmd.toString(), String.valueOf(process.pid()), command)
                .redirectErrorStream(true).start();
        String output;
        try (InputStream in = tool.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!tool.waitFor(60, TimeUnit.SECONDS) || tool.exitValue() != 0) {
            tool.destroyForcibly();
            throw new IOException("jcmd " + command + " failed: " + output.strip());
        }
        return output.lines().toList();
    }

    /** Whether the server printed an {@code OutOfMemoryError}. */
    boolean printedOutOfMemoryError() {
        return process.printedOutOfMemoryError();
    }

    /** Stops the server with SIGTERM, as an operator would, and returns its exit code. */
    int stop() throws InterruptedException {
        return process.stop(STOP_GRACE);
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
