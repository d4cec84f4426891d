package ledgerlearn.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import ledgerlearn.process.JavaProcess;
import ledgerlearn.process.ServerProcess;

/** What the bench reads off a running server besides its answers: readiness, the replay time it logged, its live heap. */
final class ServerProbe {
    private ServerProbe() {}

    /** Whether {@code GET /health} at {@code address} answers 200. */
    static boolean healthy(InetSocketAddress address) throws IOException {
        try (HttpConnection connection = new HttpConnection(address)) {
            return connection.exchange(HttpConnection.request("GET", address, "/health", null)) == 200;
        }
    }

    /** What the server logged as its replay time, once it has logged it. */
    static OptionalDouble replaySeconds(ServerProcess server) throws InterruptedException {
        return server.awaitLine(l -> LogLines.replaySeconds(l).isPresent(), Duration.ofSeconds(5))
                .map(LogLines::replaySeconds).orElse(OptionalDouble.empty());
    }

    /** Forces a full collection ({@code jcmd PID GC.run}), then reads the heap still in use ({@code GC.heap_info}). */
    static OptionalLong liveHeapAfterFullGc(ServerProcess server) throws IOException, InterruptedException {
        jcmd(server, "GC.run");
        return LogLines.heapUsedBytes(jcmd(server, "GC.heap_info"));
    }

    private static List<String> jcmd(ServerProcess server, String command) throws IOException, InterruptedException {
        Path jcmd = JavaProcess.java().resolveSibling("jcmd");
        Process tool = new ProcessBuilder(jcmd.toString(), String.valueOf(server.pid()), command)
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
}
