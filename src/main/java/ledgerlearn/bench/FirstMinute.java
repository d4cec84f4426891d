package ledgerlearn.bench;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonValue;
import com.eclipsesource.json.ParseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import ledgerlearn.bench.Report.Row;
import ledgerlearn.cli.BenchOptions;
import ledgerlearn.process.JavaProcess;
import ledgerlearn.process.ServerProcess;

/**
 * Phase 9, the first minute of a server's life: how long a fresh server takes to be ready on an empty
 * store, and how fast it takes the first 15,000 rows of the real data set, from the project's client and
 * from a plain Python client side by side with the usual Flask and scikit-learn app, each on a fresh
 * server. The Python parts need the scripts in {@code src/bench/python} and a Python with their packages;
 * without them they are skipped with a row that says why.
 */
final class FirstMinute {
    static final int ROWS = 15_000;
    static final int RUNS = 3;
    static final double TARGET_READY_SECONDS = 1;
    static final double TARGET_TIMES_FASTER = 19;
    static final Path SCRIPTS = Path.of("src", "bench", "python");
    private static final Duration PYTHON_TIMEOUT = Duration.ofMinutes(5);
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");

    private final BenchOptions options;
    private final List<String> serverJvmFlags;
    private final List<String> serverFlags;
    private final Path workDir;
    private final Report report;
    private final Consumer<String> progress;
    private int servers;

    FirstMinute(BenchOptions options, List<String> serverJvmFlags, List<String> serverFlags, Path workDir, Report report,
                Consumer<String> progress) {
        this.options = options;
        this.serverJvmFlags = serverJvmFlags;
        this.serverFlags = serverFlags;
        this.workDir = workDir;
        this.report = report;
        this.progress = progress;
    }

    /** Runs the phase; false when a part of it failed (a skipped part is no failure). */
    boolean run() throws IOException, InterruptedException {
        progress.accept("9 first minute: start to ready on an empty store, then the first " + String.format(Locale.ROOT,
                "%,d", ROWS) + " rows into fresh servers");
        boolean ok = startToReady();
        ok &= projectClient();
        ok &= python();
        return ok;
    }

    private boolean startToReady() throws IOException, InterruptedException {
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            try (ServerProcess server = ServerProcess.startAndPoll(serverJvmFlags, serverFlags, freshDir(), ServerProbe::healthy)) {
                seconds.add(server.readyNanos() / 1e9);
                server.stop();
            }
        }
        double median = Bench.median(seconds);
        report.add(new Row(9, "start to ready (first /health 200, polled every 10 ms) on an empty store, JVM start and warm-up included",
                String.format(Locale.ROOT, "median %.2f s of %d (%s s)", median, RUNS, list(seconds)),
                String.format(Locale.ROOT, "≤ %.0f s", TARGET_READY_SECONDS), median <= TARGET_READY_SECONDS));
        return true;
    }

    /** The project's client, in its own JVM, into a fresh server, then once more into the same server, warm by then. */
    private boolean projectClient() throws IOException, InterruptedException {
        try (ServerProcess server = ServerProcess.start(serverJvmFlags, serverFlags, freshDir())) {
            OptionalDouble fresh = clientSeconds(server);
            OptionalDouble warm = clientSeconds(server);
            server.stop();
            report.add(new Row(9, String.format(Locale.ROOT, "the first %,d rows into a fresh server, the project's client"
                    + " (chunks 1..1000, seed %d), first to last batch", ROWS, options.seed()),
                    seconds(fresh) + "; the same rows again into the same server, warm by then: " + seconds(warm), "", null));
            return fresh.isPresent() && warm.isPresent();
        }
    }

    private OptionalDouble clientSeconds(ServerProcess server) throws IOException, InterruptedException {
        List<String> args = List.of("client", "--url", server.url(), "--data", options.data().toString(),
                "--limit", String.valueOf(ROWS), "--seed", String.valueOf(options.seed()), "--max-chunk", "1000", "--quiet");
        JavaProcess client = JavaProcess.start("client", JavaProcess.command(options.clientJvmFlags(), args));
        if (client.waitFor(PYTHON_TIMEOUT) != 0) {
            throw new IOException("the client failed: " + client.tail());
        }
        return client.lines().stream().map(LogLines::sentSeconds).filter(OptionalDouble::isPresent).findFirst()
                .orElse(OptionalDouble.empty());
    }

    /** The Python client into fresh ledgerlearn servers, then into a fresh Flask app; skipped without Python. */
    private boolean python() throws IOException, InterruptedException {
        Path client = SCRIPTS.resolve("stream.py");
        Path app = SCRIPTS.resolve("flask_nb.py");
        String what = String.format(Locale.ROOT, "the first %,d rows into a fresh server, the Python client %s"
                + " (requests, one batch at a time, chunks 1..1000, seed %d)", ROWS, client, options.seed());
        String missing = !Files.isRegularFile(client) ? "no " + client + " here (run the bench from the clone's root)"
                : !imports("requests") ? options.python() + " has no requests package (pip install requests)" : null;
        if (missing != null) {
            report.add(new Row(9, what, "skipped: " + missing, "", null));
            return true;
        }
        report.note("Python (phase 9)", "`" + options.python() + "`, " + versions());
        List<Double> ours = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            try (ServerProcess server = ServerProcess.start(serverJvmFlags, serverFlags, freshDir())) {
                ours.add(pythonClient(server.url()));
                server.stop();
            }
        }
        double median = Bench.median(ours);
        report.add(new Row(9, what + ", ledgerlearn", String.format(Locale.ROOT, "median %.2f s of %d (%s s)", median, RUNS,
                list(ours)), "", null));
        String flask = "the same Python client into a fresh Flask + scikit-learn app (" + app + ": pandas, refits"
                + " MultinomialNB on every stored row at each /sample)";
        if (!imports("flask, sklearn, pandas")) {
            report.add(new Row(9, flask, "skipped: " + options.python() + " lacks flask, scikit-learn or pandas"
                    + " (pip install flask scikit-learn pandas requests)", "", null));
            return true;
        }
        List<String> command = List.of(options.python(), app.toString(), "--port", "0");
        try (JavaProcess process = JavaProcess.start("flask", command)) {
            String line = process.awaitLine(l -> LISTENING.matcher(l).find(), PYTHON_TIMEOUT)
                    .orElseThrow(() -> new IOException("the Flask app did not start: " + process.tail()));
            Matcher port = LISTENING.matcher(line);
            port.find();
            double theirs = pythonClient("http://127.0.0.1:" + port.group(1));
            double times = theirs / median;
            report.add(new Row(9, flask, String.format(Locale.ROOT, "%.2f s: ledgerlearn %.1f× faster", theirs, times),
                    String.format(Locale.ROOT, "≥ %.0f×", TARGET_TIMES_FASTER), times >= TARGET_TIMES_FASTER));
        }
        return true;
    }

    /** Runs the Python client against {@code url}; its own count of seconds from the first POST to the last answer. */
    private double pythonClient(String url) throws IOException, InterruptedException {
        List<String> command = List.of(options.python(), SCRIPTS.resolve("stream.py").toString(), "--url", url,
                "--data", options.data().toString(), "--limit", String.valueOf(ROWS), "--seed", String.valueOf(options.seed()));
        JavaProcess client = JavaProcess.start("python-client", command);
        int exit = client.waitFor(PYTHON_TIMEOUT);
        List<String> lines = client.lines();
        String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        try {
            JsonValue answer = Json.parse(last);
            if (exit == 0 && answer.isObject() && answer.asObject().getLong("rows", -1) == ROWS) {
                return answer.asObject().getDouble("seconds", Double.NaN);
            }
        } catch (ParseException e) {
            // reported below
        }
        throw new IOException("the Python client failed (exit " + exit + "): " + client.tail());
    }

    /** The interpreter's version and those of the packages the scripts use, as far as it has them. */
    private String versions() throws IOException, InterruptedException {
        String script = "import sys, importlib.metadata as m\n"
                + "def v(p):\n    try: return p + ' ' + m.version(p)\n    except Exception: return p + ' missing'\n"
                + "print('Python ' + sys.version.split()[0] + ', ' + ', '.join(v(p) for p in"
                + " ['requests', 'flask', 'scikit-learn', 'pandas']))";
        try (JavaProcess check = JavaProcess.start("python", List.of(options.python(), "-c", script))) {
            List<String> lines = check.waitFor(Duration.ofMinutes(1)) == 0 ? check.lines() : List.of();
            return lines.isEmpty() ? "version unknown" : lines.get(lines.size() - 1);
        }
    }

    /** Whether the Python interpreter can import {@code modules}. */
    private boolean imports(String modules) throws IOException, InterruptedException {
        try (JavaProcess check = JavaProcess.start("python", List.of(options.python(), "-c", "import " + modules))) {
            return check.waitFor(Duration.ofMinutes(1)) == 0;
        } catch (IOException e) {
            // no such interpreter
            return false;
        }
    }

    private Path freshDir() {
        return workDir.resolve("first-minute-" + servers++);
    }

    private static String list(List<Double> seconds) {
        return seconds.stream().map(s -> String.format(Locale.ROOT, "%.2f", s)).collect(Collectors.joining(", "));
    }

    private static String seconds(OptionalDouble value) {
        return value.isPresent() ? String.format(Locale.ROOT, "%.2f s", value.getAsDouble()) : "?";
    }
}
