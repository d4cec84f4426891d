package ledgerlearn.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import ledgerlearn.bench.LoadGenerator.LoadResult;
import ledgerlearn.bench.Report.Row;
import ledgerlearn.process.ServerProcess;

/**
 * Phase 9: three server nodes following one topic of a running Kafka broker. The whole data set goes in through
 * all three at once (one writer per node, random chunks of 1..1000 rows), timed until every node has applied
 * every row; then each node's replica lag (its records' time from append to applied, from its {@code /metrics});
 * then {@code /predict} across the three nodes against one single server on the same rows, with as many
 * connections in all.
 */
final class ClusterBench {
    static final int PHASE = 12;
    static final int NODES = 3;
    static final double TARGET_ROWS_PER_SECOND = 40_000;
    static final double TARGET_LAG_P99_SECONDS = 0.25;
    /** Connections per node for /predict; the single server gets all of them. */
    static final int CONNECTIONS_PER_NODE = 3;
    private static final Duration CONVERGE_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration WARMUP = Duration.ofSeconds(2);

    /** What the phase needs of the bench. */
    interface Context {
        List<byte[]> predictRequests(InetSocketAddress address) throws IOException;
    }

    private final String bootstrap;
    private final Path data;
    private final long seed;
    private final int durationSeconds;
    private final List<String> jvmFlags;
    private final List<String> serverFlags;
    private final Path workDir;
    private final Report report;
    private final PrintStream err;
    private final Context context;

    ClusterBench(String bootstrap, Path data, long seed, int durationSeconds, List<String> jvmFlags, List<String> serverFlags,
                 Path workDir, Report report, PrintStream err, Context context) {
        this.bootstrap = bootstrap;
        this.data = data;
        this.seed = seed;
        this.durationSeconds = durationSeconds;
        this.jvmFlags = jvmFlags;
        this.serverFlags = serverFlags;
        this.workDir = workDir;
        this.report = report;
        this.err = err;
        this.context = context;
    }

    boolean run() throws IOException, InterruptedException {
        String topic = "ledgerlearn-bench-" + System.currentTimeMillis();
        List<String> flags = new ArrayList<>(serverFlags);
        flags.addAll(List.of("--kafka", bootstrap, "--kafka-topic", topic));
        List<ServerProcess> nodes = new ArrayList<>();
        boolean ok;
        LoadResult across;
        long rows;
        try {
            for (int i = 0; i < NODES; i++) {
                nodes.add(ServerProcess.start(jvmFlags, flags, workDir.resolve("node" + i)));
            }
            for (ServerProcess node : nodes) {
                awaitReady(node.address());
            }
            err.println("bench: phase " + PHASE + " cluster: the whole data set through " + NODES + " nodes on topic " + topic);
            long started = System.nanoTime();
            Ingest ingest = ingest(nodes);
            rows = ingest.rows;
            awaitApplied(nodes, rows);
            double seconds = (System.nanoTime() - started) / 1e9;
            double rate = rows / seconds;
            ok = ingest.failure == null;
            report.add(new Row(PHASE, String.format(Locale.ROOT, "cluster: ingest of %,d rows through %d nodes (a writer per"
                            + " node, chunks 1..1000, seed %d), one Kafka partition, fsync on; first batch sent to every node"
                            + " holding every row", rows, NODES, seed),
                    String.format(Locale.ROOT, "%.2f s, %,.0f rows/s", seconds, rate)
                            + (ok ? "" : "; a batch FAILED: " + ingest.failure),
                    String.format(Locale.ROOT, "≥ %,.0f rows/s", TARGET_ROWS_PER_SECOND), ok && rate >= TARGET_ROWS_PER_SECOND));
            double worst = 0;
            List<String> each = new ArrayList<>();
            for (ServerProcess node : nodes) {
                double p99 = lagP99(node.address());
                worst = Math.max(worst, p99);
                each.add(String.format(Locale.ROOT, "%.3f", p99));
            }
            report.add(new Row(PHASE, "cluster: replica lag during that ingest, from a batch's append to the log to a"
                    + " node applying it (p99 per node, as its histogram's bucket bound)",
                    String.format(Locale.ROOT, "p99 ≤ %s s", String.join(" / ", each)),
                    String.format(Locale.ROOT, "p99 ≤ %.0f ms", TARGET_LAG_P99_SECONDS * 1000), worst <= TARGET_LAG_P99_SECONDS));
            err.println("bench: phase " + PHASE + " cluster: /predict across the " + NODES + " nodes");
            across = predictAcross(nodes);
        } finally {
            for (ServerProcess node : nodes) {
                node.stop();
            }
        }
        // the same rows in a single server: a copy of node 0's store, without the offsets that make it a node's
        LoadResult single;
        try (ServerProcess server = ServerProcess.start(jvmFlags, serverFlags, storeCopy(workDir.resolve("node0"),
                workDir.resolve("single")))) {
            err.println("bench: phase " + PHASE + " cluster: /predict on one server with the same rows");
            List<byte[]> requests = context.predictRequests(server.address());
            LoadGenerator.run(server.address(), requests, NODES * CONNECTIONS_PER_NODE, WARMUP);
            single = LoadGenerator.run(server.address(), requests, NODES * CONNECTIONS_PER_NODE,
                    Duration.ofSeconds(durationSeconds));
            server.stop();
        }
        report.add(new Row(PHASE, String.format(Locale.ROOT, "cluster: /predict across the %d nodes, %d connections each,"
                        + " closed loop, model of all %,d rows", NODES, CONNECTIONS_PER_NODE, rows),
                describe(across), "≥ the single server's req/s", across.failures() == 0 && across.perSecond() >= single.perSecond()));
        report.add(new Row(PHASE, String.format(Locale.ROOT, "cluster: the same rows in one single server, %d connections",
                NODES * CONNECTIONS_PER_NODE), describe(single), "", null));
        return ok && across.failures() == 0 && single.failures() == 0;
    }

    /**
     * The file that makes a data dir a cluster node's: the cluster package's {@code ClusterNode.OFFSETS_FILE}, named
     * here since the bench does not use that package (the test of {@link #storeCopy} checks they agree).
     */
    static final String NODE_OFFSETS_FILE = "log-offsets.txt";

    /**
     * The files of a stopped node's data dir but its log offsets and its lock, copied into {@code copy}: a server
     * refuses a node's own data dir without --kafka (rows stored there outside the log would set it apart).
     */
    static Path storeCopy(Path nodeDir, Path copy) throws IOException {
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(nodeDir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (Files.isRegularFile(file) && !name.equals(NODE_OFFSETS_FILE)
                        && !name.endsWith(".lock")) {
                    Files.copy(file, copy.resolve(name));
                }
            }
        }
        return copy;
    }

    private record Ingest(long rows, String failure) {
    }

    /** One writer thread per node takes the next random chunk of the data set and posts it to its node until none is left. */
    private Ingest ingest(List<ServerProcess> nodes) throws IOException, InterruptedException {
        Random random = new Random(seed);
        AtomicLong rows = new AtomicLong();
        AtomicReference<String> failure = new AtomicReference<>();
        try (DataSetBodies bodies = DataSetBodies.open(data)) {
            List<Thread> writers = new ArrayList<>();
            for (ServerProcess node : nodes) {
                Thread writer = new Thread(() -> {
                    InetSocketAddress address = node.address();
                    try (HttpConnection connection = new HttpConnection(address)) {
                        while (failure.get() == null) {
                            DataSetBodies.Batch batch;
                            synchronized (bodies) {
                                batch = bodies.next(1 + random.nextInt(1000));
                            }
                            if (batch.rows() == 0) {
                                return;
                            }
                            int status = connection.exchange(HttpConnection.request("POST", address, "/sample", batch.body()));
                            if (status != 200) {
                                failure.compareAndSet(null, status + " " + connection.body());
                                return;
                            }
                            rows.addAndGet(batch.rows());
                        }
                    } catch (IOException e) {
                        failure.compareAndSet(null, e.toString());
                    }
                }, "bench-writer");
                writers.add(writer);
                writer.start();
            }
            for (Thread writer : writers) {
                writer.join();
            }
        }
        return new Ingest(rows.get(), failure.get());
    }

    /** Polls every node's /health until each holds {@code rows} rows with nothing left to apply. */
    private static void awaitApplied(List<ServerProcess> nodes, long rows) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + CONVERGE_TIMEOUT.toNanos();
        for (ServerProcess node : nodes) {
            while (true) {
                JsonObject health = health(node.address());
                if (health.getLong("samples", -1) == rows && health.get("cluster").asObject().getLong("lag", -1) == 0) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("a node did not apply every row within " + CONVERGE_TIMEOUT + ": " + health);
                }
                Thread.sleep(2);
            }
        }
    }

    /** Polls a node's /readyz until it is 200: it reached the log and has applied it. */
    private static void awaitReady(InetSocketAddress address) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + CONVERGE_TIMEOUT.toNanos();
        try (HttpConnection connection = new HttpConnection(address)) {
            while (connection.exchange(HttpConnection.request("GET", address, "/readyz", null)) != 200) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("a node did not get ready: " + connection.body());
                }
                Thread.sleep(10);
            }
        }
    }

    private static JsonObject health(InetSocketAddress address) throws IOException {
        try (HttpConnection connection = new HttpConnection(address)) {
            int status = connection.exchange(HttpConnection.request("GET", address, "/health", null));
            if (status != 200) {
                throw new IOException("GET /health answered " + status + ": " + connection.body());
            }
            return Json.parse(connection.body()).asObject();
        }
    }

    /**
     * The p99 of a node's apply delays as the upper bound of the histogram bucket it falls in, read from the node's
     * {@code ledgerlearn_cluster_apply_delay_seconds} series; infinity when it is past the last bound.
     */
    static double lagP99(InetSocketAddress address) throws IOException {
        String text;
        try (HttpConnection connection = new HttpConnection(address)) {
            int status = connection.exchange(HttpConnection.request("GET", address, "/metrics", null));
            if (status != 200) {
                throw new IOException("GET /metrics answered " + status);
            }
            text = connection.body();
        }
        return p99(text);
    }

    static double p99(String prometheus) {
        List<double[]> buckets = new ArrayList<>();
        for (String line : prometheus.split("\n")) {
            if (line.startsWith("ledgerlearn_cluster_apply_delay_seconds_bucket{le=\"")) {
                String bound = line.substring(line.indexOf('"') + 1, line.lastIndexOf('"'));
                double le = bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
                buckets.add(new double[] {le, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))});
            }
        }
        if (buckets.isEmpty()) {
            return Double.NaN;
        }
        double count = buckets.get(buckets.size() - 1)[1];
        for (double[] bucket : buckets) {
            if (bucket[1] >= 0.99 * count) {
                return bucket[0];
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    /** Closed-loop /predict on every node at once, {@link #CONNECTIONS_PER_NODE} connections each; the results added up. */
    private LoadResult predictAcross(List<ServerProcess> nodes) throws IOException, InterruptedException {
        List<LoadGenerator> generators = new ArrayList<>();
        for (ServerProcess node : nodes) {
            List<byte[]> requests = context.predictRequests(node.address());
            LoadGenerator.run(node.address(), requests, CONNECTIONS_PER_NODE, WARMUP);
            generators.add(new LoadGenerator(node.address(), requests, CONNECTIONS_PER_NODE, 0));
        }
        for (LoadGenerator generator : generators) {
            generator.start();
        }
        Thread.sleep(Duration.ofSeconds(durationSeconds).toMillis());
        List<LoadResult> results = new ArrayList<>();
        for (LoadGenerator generator : generators) {
            results.add(generator.stop());
        }
        LatencyHistogram latencies = new LatencyHistogram();
        LatencyHistogram fromDue = new LatencyHistogram();
        LatencyHistogram late = new LatencyHistogram();
        long failures = 0;
        String firstFailure = null;
        double seconds = 0;
        int connections = 0;
        for (LoadResult result : results) {
            latencies.add(result.latencies());
            fromDue.add(result.fromDue());
            late.add(result.late());
            failures += result.failures();
            firstFailure = firstFailure == null ? result.firstFailure() : firstFailure;
            seconds = Math.max(seconds, result.seconds());
            connections += result.connections();
        }
        // the loads ran side by side, so their requests over the longest of them is the cluster's rate
        return new LoadResult(connections, latencies, fromDue, late, failures, firstFailure, seconds);
    }

    private static String describe(LoadResult result) {
        LatencyHistogram l = result.latencies();
        return String.format(Locale.ROOT, "%,.0f req/s; p50 %s, p99 %s, max %s ms", result.perSecond(),
                Report.millis(l.percentile(0.5)), Report.millis(l.percentile(0.99)), Report.millis(l.max()))
                + (result.failures() == 0 ? "" : "; " + result.failures() + " FAILED, first: " + result.firstFailure());
    }
}
