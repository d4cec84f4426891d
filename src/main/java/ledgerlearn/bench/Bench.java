package ledgerlearn.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import com.eclipsesource.json.Json;
import ledgerlearn.bench.DataSetBodies.Batch;
import ledgerlearn.bench.LoadGenerator.LoadResult;
import ledgerlearn.bench.Report.Row;
import ledgerlearn.cli.BenchOptions;
import ledgerlearn.dataset.ScaleDataset;
import ledgerlearn.process.Directories;
import ledgerlearn.process.JavaProcess;
import ledgerlearn.process.ServerProcess;

/**
 * {@code bench}: servers, the streaming client and a load generator in separate JVMs on loopback,
 * measuring what a deployment needs against the real data set, printed and written as one table.
 */
public final class Bench {
    static final int[] GROWTH_LEVELS = {10_000, 100_000, 400_000, 700_000};
    static final int GROWTH_BATCH = 500;
    static final int GROWTH_WARMUP_BATCHES = 10;
    static final int GROWTH_TIMED_BATCHES = 30;
    static final int[] PREDICT_CONNECTIONS = {1, 8, 32};
    /** Queries per POST /predict/batch, and the connections that send them. */
    static final int BATCH_QUERIES = 100;
    static final int[] BATCH_CONNECTIONS = {1, 2, 4};
    static final int RESTARTS = 3;
    /** Every 73rd row gives about 10,000 distinct /predict queries spread over the whole data set. */
    static final int QUERY_EVERY = 73;
    static final int QUERY_MAX = 10_100;

    static final double TARGET_INGEST_SECONDS = 10;
    static final double TARGET_INGEST_ROWS_PER_SECOND = 74_000;
    static final double TARGET_GROWTH_RATIO = 1.5;
    static final int TARGET_PREDICT_CONNECTIONS = 8;
    static final double TARGET_PREDICT_PER_SECOND = 15_000;
    static final double TARGET_PREDICT_P99_MILLIS = 5;
    static final double TARGET_DURING_P99_MILLIS = 10;
    static final double TARGET_BATCH_PREDICTIONS_PER_SECOND = 200_000;
    static final double TARGET_RESTART_SECONDS = 2;
    static final long TARGET_HEAP_BYTES = 64L << 20;

    private static final Duration CLIENT_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration WARMUP = Duration.ofSeconds(2);
    /** The warm-up of a fresh server before the access log's comparison (phase 3). */
    private static final Duration ACCESS_LOG_WARMUP = Duration.ofSeconds(10);

    private final BenchOptions options;
    private final PrintStream err;
    private final Path workDir;
    private final List<String> serverJvmFlags;
    private final Report report = new Report();
    private List<byte[]> queries;
    private long fullRows = -1;
    private boolean failed;

    private Bench(BenchOptions options, PrintStream err, Path workDir) {
        this.options = options;
        this.err = err;
        this.workDir = workDir;
        this.serverJvmFlags = serverJvmFlags(size(options.serverHeapBytes()));
    }

    /**
     * Runs the phases asked for, prints the table, writes it into {@code options.out()}; 1 if a phase failed, 2
     * (as for any flag naming a file that is not there) when the data set cannot be read.
     */
    public static int run(BenchOptions options, PrintStream out, PrintStream err) {
        if (!options.scale() && !Files.isReadable(options.data())) {
            err.println("ledgerlearn bench: cannot read the data set " + options.data().toAbsolutePath()
                    + " (get bank_expenses_obfuscated.csv.zip from e-conomic/hiring-assignments and pass --data)");
            return 2;
        }
        Path workDir;
        try {
            // a fresh directory every run, so every server starts on an empty store
            workDir = options.workDir() == null
                    ? Files.createTempDirectory("ledgerlearn-bench-")
                    : Files.createTempDirectory(Files.createDirectories(options.workDir()), "run-");
        } catch (IOException e) {
            err.println("ledgerlearn bench: cannot create a work dir: " + e.getMessage());
            return 1;
        }
        Bench bench = new Bench(options, err, workDir);
        OffsetDateTime started = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        double loadBefore = Machine.loadAverage();
        long startNanos = System.nanoTime();
        try {
            bench.measure();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("ledgerlearn bench: interrupted");
            return 1;
        } finally {
            if (options.workDir() == null) {
                deleteRecursively(workDir, err);
            }
        }
        bench.describe(started, loadBefore, (System.nanoTime() - startNanos) / 1e9);
        String generated = bench.report.render(options.scale() ? "Latest scale run" : "Latest run");
        out.print(generated);
        if (options.out() != null) {
            try {
                Path file = options.out();
                String existing = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
                if (file.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(file.toAbsolutePath().getParent());
                }
                Files.writeString(file, BenchmarksDoc.merge(existing, generated, options.scale() ? "scale" : ""),
                        StandardCharsets.UTF_8);
                err.println("bench: wrote " + file);
            } catch (IOException e) {
                err.println("ledgerlearn bench: cannot write " + options.out() + ": " + e.getMessage());
                return 1;
            }
        }
        return bench.failed ? 1 : 0;
    }

    private void measure() throws InterruptedException {
        if (options.scale()) {
            ScaleBench scale = new ScaleBench(report, err, workDir, options.serverArgs(), options.seed(),
                    Duration.ofSeconds(options.durationSeconds()));
            for (ScaleDataset.Size level : options.scaleLevels()) {
                failed |= !scale.run(level);
            }
            return;
        }
        List<String> phases = options.phases();
        boolean fullStore = phases.stream()
                .anyMatch(p -> List.of("ingest", "predict", "batch", "metrics", "memory", "restart", "deletion").contains(p));
        Path fullDir = workDir.resolve("full");
        if (fullStore) {
            // one server takes the full ingest and then serves /predict and /metrics, all in the small heap
            attempt(1, "full ingest and the phases that use its store", () -> {
                try (ServerProcess server = ServerProcess.start(serverJvmFlags, serverFlags(options.serverArgs()), fullDir)) {
                    boolean ok = ingest(server);
                    if (phases.contains("predict")) {
                        ok &= attempt(3, "/predict", () -> predict(server));
                    }
                    if (phases.contains("batch")) {
                        ok &= attempt(8, "/predict/batch", () -> batch(server));
                    }
                    if (phases.contains("metrics")) {
                        ok &= attempt(7, "/metrics", () -> metrics(server));
                    }
                    OptionalLong liveHeap = OptionalLong.empty();
                    if (phases.contains("memory")) {
                        progress("6 memory: full GC and heap in use (jcmd)");
                        liveHeap = ServerProbe.liveHeapAfterFullGc(server);
                    }
                    int exit = server.stop();
                    if (phases.contains("memory")) {
                        memory(server, ok, exit, liveHeap);
                    }
                }
                return true;
            });
        }
        if (phases.contains("restart") && fullRows > 0) {
            attempt(5, "restart", () -> restart(fullDir));
        }
        if (phases.contains("predict") && fullRows > 0) {
            attempt(3, "/predict with the access log off and on", () -> predictWithAccessLog(fullDir));
        }
        if (phases.contains("deletion") && fullRows > 0) {
            // last of the phases on the full store: it takes companies out of it
            attempt(DeletionBench.PHASE, "deletion", () -> {
                // a deletion learns the rows left into a second state while the first answers: twice the heap
                List<String> jvm = serverJvmFlags(size(2 * options.serverHeapBytes()));
                try (ServerProcess server = ServerProcess.start(jvm, serverFlags(options.serverArgs()), fullDir)) {
                    return new DeletionBench(report, queries()).run(server);
                }
            });
        }
        if (phases.contains("during")) {
            attempt(4, "/predict during ingest", () -> during(0));
            if (options.duringRate() > 0) {
                attempt(4, "/predict during ingest, paced", () -> during(options.duringRate()));
            }
        }
        if (phases.contains("growth")) {
            attempt(2, "cost growth", this::growth);
        }
        if (phases.contains("firstminute")) {
            attempt(9, "first minute", () -> new FirstMinute(options, serverJvmFlags, serverFlags(options.serverArgs()),
                    workDir, report, this::progress).run());
        }
        if (phases.contains("accounts")) {
            // 100,000 accounts do not fit the small heap of the other phases: their servers get a heap of their own
            List<String> jvm = serverJvmFlags(ManyAccountsBench.HEAP);
            attempt(ManyAccountsBench.PHASE, "many accounts", () -> new ManyAccountsBench(report, err, workDir, jvm,
                    serverFlags(options.serverArgs())).run());
        }
        if (phases.contains("cluster")) {
            cluster();
        }
    }

    /** Phase 9, with a running broker only (--kafka): see {@link ClusterBench}. */
    private void cluster() throws InterruptedException {
        if (options.kafka() == null) {
            report.add(new Row(ClusterBench.PHASE, "cluster: three nodes following one Kafka topic",
                    "not run: needs --kafka HOST:PORT of a running broker (see docs/CLUSTER.md)", "", null));
            return;
        }
        // the Kafka clients want more than the 64 MiB of the other phases' servers: the cluster's JVMs get 256 MiB
        List<String> jvm = serverJvmFlags("256m");
        attempt(ClusterBench.PHASE, "cluster", () -> new ClusterBench(options.kafka(), options.data(), options.seed(),
                options.durationSeconds(), jvm, serverFlags(options.serverArgs()), workDir.resolve("cluster"), report, err,
                this::predictRequests).run());
    }

    /** Phase 1: the streaming client, in its own JVM, sends the whole data set; timed from its start to its exit. */
    private boolean ingest(ServerProcess server) throws IOException, InterruptedException {
        progress("1 full ingest: the client streams every row in random chunks of 1..1000");
        Ingest ingest = finishClient(startClient(server));
        fullRows = health(server.address());
        double rate = ingest.rows() / ingest.wallSeconds();
        boolean met = ingest.exit() == 0 && fullRows == ingest.rows()
                && ingest.wallSeconds() <= TARGET_INGEST_SECONDS && rate >= TARGET_INGEST_ROWS_PER_SECOND;
        report.add(new Row(1, String.format(Locale.ROOT,
                "full ingest of %,d rows over HTTP, chunks 1..1000 (seed %d), fsync on; client JVM start to exit",
                ingest.rows(), options.seed()),
                String.format(Locale.ROOT, "%.2f s, %,.0f rows/s", ingest.wallSeconds(), rate)
                        + (ingest.exit() == 0 ? "" : "; client exit code " + ingest.exit() + ": " + ingest.lastLine())
                        + (fullRows == ingest.rows() ? "" : "; but the server holds " + fullRows + " rows"),
                String.format(Locale.ROOT, "≤ %.0f s, ≥ %,.0f rows/s", TARGET_INGEST_SECONDS, TARGET_INGEST_ROWS_PER_SECOND),
                met));
        ingest.clientSeconds().ifPresent(seconds -> report.add(new Row(1,
                "the same, as the client times it (first to last batch, no JVM start)",
                String.format(Locale.ROOT, "%.2f s, %,.0f rows/s", seconds, ingest.rows() / seconds), "", null)));
        return ingest.exit() == 0 && fullRows == ingest.rows();
    }

    /** What one run of the streaming client did. */
    private record Ingest(int exit, long rows, double wallSeconds, OptionalDouble clientSeconds, String lastLine) {
    }

    private JavaProcess startClient(ServerProcess server) throws IOException {
        List<String> args = new ArrayList<>(List.of("client", "--url", server.url(), "--data", options.data().toString(),
                "--limit", "all", "--seed", String.valueOf(options.seed()), "--max-chunk", "1000", "--quiet"));
        args.addAll(options.clientArgs());
        return JavaProcess.start("client", JavaProcess.command(options.clientJvmFlags(), args));
    }

    private Ingest finishClient(JavaProcess client) throws IOException, InterruptedException {
        int exit = client.waitFor(CLIENT_TIMEOUT);
        double wall = (client.endedNanos() - client.startedNanos()) / 1e9;
        long rows = 0;
        OptionalDouble seconds = OptionalDouble.empty();
        for (String line : client.lines()) {
            if (LogLines.sentRows(line).isPresent()) {
                rows = LogLines.sentRows(line).getAsLong();
                seconds = LogLines.sentSeconds(line);
            }
        }
        if (exit != 0) {
            failed = true;
        }
        return new Ingest(exit, rows, wall, seconds, client.tail());
    }

    /** Phase 3: closed-loop /predict load with 1, 8 and 32 connections on the model of every row. */
    private boolean predict(ServerProcess server) throws IOException, InterruptedException {
        List<byte[]> requests = predictRequests(server.address());
        progress("3 /predict: warm-up, then " + options.durationSeconds() + " s each with "
                + Arrays.toString(PREDICT_CONNECTIONS) + " connections");
        LoadGenerator.run(server.address(), requests, TARGET_PREDICT_CONNECTIONS, WARMUP);
        boolean ok = true;
        for (int connections : PREDICT_CONNECTIONS) {
            LoadResult result = LoadGenerator.run(server.address(), requests, connections,
                    Duration.ofSeconds(options.durationSeconds()));
            boolean target = connections == TARGET_PREDICT_CONNECTIONS;
            report.add(new Row(3, String.format(Locale.ROOT, "/predict, %d connection%s, closed loop, model of all %,d rows",
                    connections, connections == 1 ? "" : "s", fullRows), describe(result),
                    target ? predictTarget() : "", target ? predictMet(result) : null));
            ok &= result.failures() == 0;
        }
        return ok;
    }

    /** Phase 8: closed-loop POST /predict/batch load, {@value #BATCH_QUERIES} queries a request, on the model of every row. */
    private boolean batch(ServerProcess server) throws IOException, InterruptedException {
        List<byte[]> requests = new ArrayList<>();
        for (byte[] body : DataSetBodies.batches(queries(), BATCH_QUERIES)) {
            requests.add(HttpConnection.request("POST", server.address(), "/predict/batch", body));
        }
        progress("8 /predict/batch: " + BATCH_QUERIES + " queries a request, warm-up, then " + options.durationSeconds()
                + " s each with " + Arrays.toString(BATCH_CONNECTIONS) + " connections");
        LoadGenerator.run(server.address(), requests, 2, WARMUP);
        boolean ok = true;
        double best = 0;
        for (int connections : BATCH_CONNECTIONS) {
            LoadResult result = LoadGenerator.run(server.address(), requests, connections,
                    Duration.ofSeconds(options.durationSeconds()));
            double predictions = result.perSecond() * BATCH_QUERIES;
            best = Math.max(best, result.failures() == 0 ? predictions : 0);
            report.add(new Row(8, String.format(Locale.ROOT,
                    "POST /predict/batch of %d queries, %d connection%s, closed loop, model of all %,d rows", BATCH_QUERIES,
                    connections, connections == 1 ? "" : "s", fullRows),
                    String.format(Locale.ROOT, "%,.0f predictions/s (", predictions) + describe(result) + ")", "", null));
            ok &= result.failures() == 0;
        }
        report.add(new Row(8, "POST /predict/batch, the best of those", String.format(Locale.ROOT, "%,.0f predictions/s", best),
                String.format(Locale.ROOT, "≥ %,.0f predictions/s", TARGET_BATCH_PREDICTIONS_PER_SECOND),
                best >= TARGET_BATCH_PREDICTIONS_PER_SECOND));
        return ok;
    }

    /**
     * Phase 3 again, at the target's 8 connections only, on two fresh servers of the same store side by side:
     * its access log off, then on (the server's default; a line per request on stderr, which the bench reads
     * and drops). Each is warmed up with {@link #ACCESS_LOG_WARMUP} of the same load first, since the server of
     * phase 3 had the whole ingest behind it: with the 2 s of the other phases, a fresh server is still
     * compiling its hot paths while measured, with or without its log.
     */
    private boolean predictWithAccessLog(Path fullDir) throws IOException, InterruptedException {
        boolean ok = true;
        for (boolean accessLog : new boolean[] {false, true}) {
            progress("3 /predict on a fresh server, access log " + (accessLog ? "on" : "off"));
            List<String> args = new ArrayList<>(options.serverArgs());
            args.addAll(List.of("--access-log", Boolean.toString(accessLog)));
            try (ServerProcess server = ServerProcess.start(serverJvmFlags, serverFlags(args), fullDir)) {
                List<byte[]> requests = predictRequests(server.address());
                LoadGenerator.run(server.address(), requests, TARGET_PREDICT_CONNECTIONS, ACCESS_LOG_WARMUP);
                LoadResult result = LoadGenerator.run(server.address(), requests, TARGET_PREDICT_CONNECTIONS,
                        Duration.ofSeconds(options.durationSeconds()));
                report.add(new Row(3, String.format(Locale.ROOT,
                        "/predict, %d connections, closed loop, a fresh server of the same store after %d s of this load, access log %s",
                        TARGET_PREDICT_CONNECTIONS, ACCESS_LOG_WARMUP.toSeconds(),
                        accessLog ? "on (the server's default)" : "off"), describe(result),
                        accessLog ? predictTarget() : "", accessLog ? predictMet(result) : null));
                server.stop();
                ok &= result.failures() == 0;
            }
        }
        return ok;
    }

    private static String predictTarget() {
        return String.format(Locale.ROOT, "≥ %,.0f req/s, p99 ≤ %.0f ms", TARGET_PREDICT_PER_SECOND, TARGET_PREDICT_P99_MILLIS);
    }

    private static boolean predictMet(LoadResult result) {
        return result.failures() == 0 && result.perSecond() >= TARGET_PREDICT_PER_SECOND
                && result.latencies().percentile(0.99) <= TARGET_PREDICT_P99_MILLIS * 1e6;
    }

    /** Phase 7: GET /metrics over a small and a whole-store window, one request at a time. */
    private boolean metrics(ServerProcess server) throws IOException {
        progress("7 /metrics/1000 and /metrics/1000000");
        boolean ok = true;
        try (HttpConnection connection = new HttpConnection(server.address())) {
            for (int n : new int[] {1000, 1_000_000}) {
                byte[] request = HttpConnection.request("GET", server.address(), "/metrics/" + n, null);
                int repeats = n <= 1000 ? 500 : 50;
                for (int i = 0; i < repeats / 5; i++) {
                    ok &= connection.exchange(request) == 200;
                }
                LatencyHistogram latencies = new LatencyHistogram();
                for (int i = 0; i < repeats; i++) {
                    long start = System.nanoTime();
                    int status = connection.exchange(request);
                    latencies.record(System.nanoTime() - start);
                    ok &= status == 200;
                }
                report.add(new Row(7, String.format(Locale.ROOT, "GET /metrics/%d on %,d rows (%d requests in a row)",
                        n, fullRows, repeats),
                        "p50 " + Report.millis(latencies.percentile(0.5)) + ", p99 " + Report.millis(latencies.percentile(0.99))
                                + ", max " + Report.millis(latencies.max()) + " ms" + (ok ? "" : "; some answers were not 200"),
                        "", null));
            }
        }
        return ok;
    }

    /** Phase 6: the server that took the full ingest and served the loads ran in the small heap all along. */
    private void memory(ServerProcess server, boolean ok, int exit, OptionalLong liveHeap) {
        boolean outOfMemory = server.printedOutOfMemoryError();
        boolean small = options.serverHeapBytes() <= TARGET_HEAP_BYTES;
        String measured = String.format(Locale.ROOT, "%s; live heap after a full GC %s (heap %.0f MiB); server exit code %d after SIGTERM",
                ok && !outOfMemory ? "ingest, /predict and /metrics all answered" : "some requests FAILED",
                liveHeap.isPresent() ? String.format(Locale.ROOT, "%.1f MiB", liveHeap.getAsLong() / 1048576.0) : "unknown",
                options.serverHeapBytes() / 1048576.0, exit)
                + (outOfMemory ? "; OutOfMemoryError in the server log" : "");
        report.add(new Row(6, "the server of phases 1, 3 and 7 in one JVM with " + String.join(" ", serverJvmFlags),
                measured, "full ingest and serving within -Xmx64m",
                small && ok && !outOfMemory && exit == 0 && liveHeap.isPresent()));
    }

    /** Phase 5: from starting the server process on the full store to its first /health 200. */
    private boolean restart(Path fullDir) throws IOException, InterruptedException {
        progress("5 restart: " + RESTARTS + " starts on the full store, polling /health every 10 ms");
        List<Double> seconds = new ArrayList<>();
        List<Double> replays = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < RESTARTS; i++) {
            try (ServerProcess server = ServerProcess.startAndPoll(serverJvmFlags, serverFlags(options.serverArgs()), fullDir,
                    ServerProbe::healthy)) {
                seconds.add(server.readyNanos() / 1e9);
                ServerProbe.replaySeconds(server).ifPresent(replays::add);
                ok &= health(server.address()) == fullRows;
                server.stop();
            }
        }
        double median = median(seconds);
        report.add(new Row(5, String.format(Locale.ROOT, "restart to ready (first /health 200) with %,d rows stored", fullRows),
                String.format(Locale.ROOT, "median %.2f s of %d (%s s); the replay itself %s s", median, RESTARTS,
                        seconds.stream().map(s -> String.format(Locale.ROOT, "%.2f", s)).collect(Collectors.joining(", ")),
                        replays.isEmpty() ? "?" : String.format(Locale.ROOT, "%.2f", median(replays)))
                        + (ok ? "" : "; the restarted server did not hold every row"),
                String.format(Locale.ROOT, "≤ %.0f s", TARGET_RESTART_SECONDS), ok && median <= TARGET_RESTART_SECONDS));
        return ok;
    }

    /**
     * Phase 4: /predict load on a fresh server while the client streams the whole data set into it,
     * in a closed loop ({@code rate} 0) or paced at {@code rate} requests a second.
     */
    private boolean during(int rate) throws IOException, InterruptedException {
        int connections = options.duringConnections();
        String load = String.format(Locale.ROOT, "%d connection%s, %s", connections, connections == 1 ? "" : "s",
                rate == 0 ? "closed loop" : String.format(Locale.ROOT, "paced at %,d req/s", rate));
        progress("4 /predict (" + load + ") during a full ingest");
        Path dir = workDir.resolve(rate == 0 ? "during" : "during-paced");
        try (ServerProcess server = ServerProcess.start(serverJvmFlags, serverFlags(options.serverArgs()), dir)) {
            List<byte[]> requests = predictRequests(server.address());
            JavaProcess client = startClient(server);
            // /predict answers 503 until the first sample is learnt; the load starts once there is a model
            while (health(server.address()) == 0 && client.isAlive()) {
                Thread.sleep(5);
            }
            LoadGenerator generator = new LoadGenerator(server.address(), requests, connections, rate);
            generator.start();
            Ingest ingest = finishClient(client);
            LoadResult result = generator.stop();
            LatencyHistogram latencies = result.latencies();
            boolean met = ingest.exit() == 0 && result.failures() == 0
                    && latencies.percentile(0.99) <= TARGET_DURING_P99_MILLIS * 1e6;
            String paced = rate == 0 ? "" : "; counted from when each was due: p99 " + Report.millis(result.fromDue().percentile(0.99))
                    + ", p999 " + Report.millis(result.fromDue().percentile(0.999)) + " ms, the generator's own threads woke up late by p99 "
                    + Report.millis(result.late().percentile(0.99)) + " ms";
            report.add(new Row(4, "/predict, " + load + ", while the client streams all rows into a fresh server",
                    describe(result) + paced + String.format(Locale.ROOT, "; meanwhile the ingest took %.2f s (%,.0f rows/s)",
                            ingest.wallSeconds(), ingest.rows() / ingest.wallSeconds())
                            + (ingest.exit() == 0 ? "" : "; client exit code " + ingest.exit() + ": " + ingest.lastLine()),
                    String.format(Locale.ROOT, "p99 ≤ %.0f ms", TARGET_DURING_P99_MILLIS), met));
            server.stop();
            return ingest.exit() == 0 && result.failures() == 0;
        }
    }

    /**
     * Phase 2: the latency of one fixed 500-row batch (the data set's first 500 rows, sent again and
     * again) with the store at each level, one request at a time; the levels are reached by streaming
     * the data set in order in 1000-row batches.
     */
    private boolean growth() throws IOException, InterruptedException {
        progress("2 cost growth: one fixed 500-row batch, timed with " + Arrays.toString(GROWTH_LEVELS) + " rows stored");
        try (ServerProcess server = ServerProcess.start(serverJvmFlags, serverFlags(options.serverArgs()),
                workDir.resolve("growth"));
             DataSetBodies data = DataSetBodies.open(options.data());
             HttpConnection connection = new HttpConnection(server.address())) {
            InetSocketAddress address = server.address();
            byte[] fixed;
            try (DataSetBodies first = DataSetBodies.open(options.data())) {
                Batch batch = first.next(GROWTH_BATCH);
                if (batch.rows() < GROWTH_BATCH) {
                    throw new IOException("the data set has fewer than " + GROWTH_BATCH + " rows");
                }
                fixed = HttpConnection.request("POST", address, "/sample", batch.body());
            }
            List<Long> medians = new ArrayList<>();
            long stored = 0;
            for (int level : GROWTH_LEVELS) {
                long warmFrom = level - (long) GROWTH_WARMUP_BATCHES * GROWTH_BATCH;
                while (stored < warmFrom) {
                    stored = send(connection, address, data.next((int) Math.min(1000, warmFrom - stored)));
                }
                if (medians.isEmpty()) {
                    // the first level comes early in the JVM's life: compile the predict path before timing it
                    warmUpPredict(connection, address);
                }
                for (int i = 0; i < GROWTH_WARMUP_BATCHES; i++) {
                    stored = sendFixed(connection, fixed);
                }
                LatencyHistogram latencies = new LatencyHistogram();
                long from = stored;
                for (int i = 0; i < GROWTH_TIMED_BATCHES; i++) {
                    long start = System.nanoTime();
                    int status = connection.exchange(fixed);
                    latencies.record(System.nanoTime() - start);
                    stored = total(status, connection);
                }
                medians.add(latencies.percentile(0.5));
                report.add(new Row(2, String.format(Locale.ROOT,
                        "POST /sample of a fixed %d-row batch, fsync on, store at %,d → %,d rows (%d batches)",
                        GROWTH_BATCH, from, stored, GROWTH_TIMED_BATCHES),
                        "p50 " + Report.millis(latencies.percentile(0.5)) + ", p90 " + Report.millis(latencies.percentile(0.9))
                                + ", max " + Report.millis(latencies.max()) + " ms",
                        "", null));
            }
            double ratio = (double) medians.get(medians.size() - 1) / medians.get(0);
            report.add(new Row(2, String.format(Locale.ROOT, "p50 at %,d rows / p50 at %,d rows",
                    GROWTH_LEVELS[GROWTH_LEVELS.length - 1], GROWTH_LEVELS[0]),
                    String.format(Locale.ROOT, "%.2f", ratio), String.format(Locale.ROOT, "≤ %.1f", TARGET_GROWTH_RATIO),
                    ratio <= TARGET_GROWTH_RATIO));
            server.stop();
            return true;
        }
    }

    /** Sends a batch of the data set; returns the store's row count after it. */
    private long send(HttpConnection connection, InetSocketAddress address, Batch batch) throws IOException {
        if (batch.rows() == 0) {
            throw new IOException("the data set ran out of rows before the last level");
        }
        return total(connection.exchange(HttpConnection.request("POST", address, "/sample", batch.body())), connection);
    }

    private long sendFixed(HttpConnection connection, byte[] request) throws IOException {
        return total(connection.exchange(request), connection);
    }

    /** The {@code total} of a POST /sample answer: the store's row count. */
    private static long total(int status, HttpConnection connection) throws IOException {
        if (status != 200) {
            throw new IOException("POST /sample answered " + status + ": " + connection.body());
        }
        return Json.parse(connection.body()).asObject().getLong("total", -1);
    }

    private void warmUpPredict(HttpConnection connection, InetSocketAddress address) throws IOException {
        List<byte[]> requests = predictRequests(address);
        for (int i = 0; i < 5_000; i++) {
            connection.exchange(requests.get(i % requests.size()));
        }
    }

    private List<byte[]> predictRequests(InetSocketAddress address) throws IOException {
        List<byte[]> requests = new ArrayList<>(queries().size());
        for (byte[] query : queries()) {
            requests.add(HttpConnection.request("POST", address, "/predict", query));
        }
        return requests;
    }

    /** The /predict bodies: the feature columns of every {@value #QUERY_EVERY}th row of the data set, read once. */
    private List<byte[]> queries() throws IOException {
        if (queries == null) {
            queries = DataSetBodies.queries(options.data(), QUERY_EVERY, QUERY_MAX);
        }
        return queries;
    }

    /** The sample count of GET /health. */
    static long health(InetSocketAddress address) throws IOException {
        try (HttpConnection connection = new HttpConnection(address)) {
            int status = connection.exchange(HttpConnection.request("GET", address, "/health", null));
            if (status != 200) {
                throw new IOException("GET /health answered " + status + ": " + connection.body());
            }
            return Json.parse(connection.body()).asObject().getLong("samples", -1);
        }
    }

    static String describe(LoadResult result) {
        LatencyHistogram l = result.latencies();
        return String.format(Locale.ROOT, "%,.0f req/s; p50 %s, p99 %s, p999 %s, max %s ms",
                result.perSecond(), Report.millis(l.percentile(0.5)), Report.millis(l.percentile(0.99)),
                Report.millis(l.percentile(0.999)), Report.millis(l.max()))
                + (result.failures() == 0 ? "" : "; " + result.failures() + " FAILED, first: " + result.firstFailure());
    }

    /**
     * Every server's flags: the access log off unless {@code serverArgs} turn it on, as the README advises
     * for load tests, and fsync on whatever they say.
     */
    static List<String> serverFlags(List<String> serverArgs) {
        List<String> flags = new ArrayList<>(List.of("--access-log", "false"));
        flags.addAll(serverArgs);
        flags.addAll(List.of("--fsync", "true"));
        return flags;
    }

    /** A phase as one step: a failure becomes a row saying so, and the other phases still run. */
    private boolean attempt(int phase, String name, Step step) throws InterruptedException {
        try {
            boolean ok = step.run();
            failed |= !ok;
            return ok;
        } catch (IOException | RuntimeException e) {
            failed = true;
            err.println("bench: phase " + phase + " (" + name + ") failed: " + e.getMessage());
            report.add(new Row(phase, name, "FAILED: " + e.getMessage(), "", false));
            return false;
        }
    }

    /** One phase of the bench; answers whether everything in it worked. */
    private interface Step {
        boolean run() throws IOException, InterruptedException;
    }

    private void progress(String message) {
        err.println("bench: phase " + message);
    }

    private void describe(OffsetDateTime started, double loadBefore, double seconds) {
        Machine machine = Machine.current();
        List<String> benchJvm = ManagementFactory.getRuntimeMXBean().getInputArguments();
        report.note("date", started.toString());
        report.note("command", "`" + commandLine(options.arguments()) + "`");
        report.note("machine", String.format(Locale.ROOT, "%d cores (%s), %s RAM, %s", machine.cores(), machine.cpu(),
                machine.memory(), machine.os()));
        report.note("load average (1 min)", String.format(Locale.ROOT, "%.2f at the start, %.2f at the end",
                loadBefore, Machine.loadAverage()));
        report.note("JDK", machine.jdk());
        if (options.scale()) {
            report.note("server JVMs", "`" + String.join(" ", ScaleBench.serverJvmFlags()) + "`, server flags `--access-log false "
                    + String.join(" ", options.serverArgs()) + (options.serverArgs().isEmpty() ? "" : " ")
                    + "--fsync true` (the rest default)");
            report.note("client", "this bench JVM, one connection, 1,000-row batches made by a second thread as they are sent"
                    + (benchJvm.isEmpty() ? "" : "; `" + String.join(" ", benchJvm) + "`"));
            report.note("data", "`generate --companies N --rows M --seed " + options.seed() + "` streams: "
                    + options.scaleLevels().stream().map(Object::toString).collect(Collectors.joining("; ")));
        } else {
            report.note("server JVMs", "`" + String.join(" ", serverJvmFlags) + "`, server flags `--access-log false "
                    + String.join(" ", options.serverArgs()) + (options.serverArgs().isEmpty() ? "" : " ")
                    + "--fsync true` (the rest default)");
            report.note("client JVM (ingest)", "`" + String.join(" ", options.clientJvmFlags()) + "`"
                    + (options.clientArgs().isEmpty() ? "" : ", client flags `" + String.join(" ", options.clientArgs()) + "`"));
            report.note("bench JVM (load generator)", benchJvm.isEmpty() ? "defaults" : "`" + String.join(" ", benchJvm) + "`");
            report.note("data", options.data().getFileName() + ", " + (fullRows > 0
                    ? String.format(Locale.ROOT, "%,d rows", fullRows) : "rows not counted (ingest not run)"));
        }
        report.note("bench wall time", String.format(Locale.ROOT, "%.0f s", seconds));
    }

    /**
     * The command that ran this bench: the JVM's own words up to {@code bench}, then the bench's arguments as
     * it got them. The JVM's list of its arguments leaves out empty ones ({@code --out ""}), so those come
     * from {@code arguments}.
     */
    static String commandLine(List<String> arguments) {
        List<String> jvm = ProcessHandle.current().info().arguments().map(Arrays::asList).orElse(List.of());
        int bench = jvm.indexOf("bench");
        List<String> words = new ArrayList<>(bench < 0 ? List.of("-jar", "ledgerlearn.jar") : jvm.subList(0, bench));
        words.add("bench");
        words.addAll(arguments);
        return "java " + words.stream().map(Bench::shellQuoted).collect(Collectors.joining(" "));
    }

    /** An argument as a POSIX shell needs it to come back as one word: quoted unless it is plain. */
    static String shellQuoted(String arg) {
        if (!arg.isEmpty() && arg.matches("[A-Za-z0-9_./:=,+@%-]+")) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** A server JVM's flags: {@code heap} as -Xmx and -Xms, then the --server-jvm-flags. */
    private List<String> serverJvmFlags(String heap) {
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + heap, "-Xms" + heap));
        jvm.addAll(options.serverJvmFlags());
        return List.copyOf(jvm);
    }

    /** A byte size as a JVM flag writes it: 64m, 512k. */
    static String size(long bytes) {
        if (bytes % (1L << 30) == 0) {
            return bytes / (1L << 30) + "g";
        }
        if (bytes % (1L << 20) == 0) {
            return bytes / (1L << 20) + "m";
        }
        return bytes % 1024 == 0 ? bytes / 1024 + "k" : String.valueOf(bytes);
    }

    private static void deleteRecursively(Path dir, PrintStream err) {
        try {
            Directories.deleteRecursively(dir);
        } catch (IOException e) {
            err.println("bench: could not delete " + dir + ": " + e.getMessage());
        }
    }
}
