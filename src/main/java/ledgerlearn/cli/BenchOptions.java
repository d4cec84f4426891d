package ledgerlearn.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import ledgerlearn.dataset.ScaleDataset;

/**
 * The {@code bench} command's settings.
 *
 * @param out the Markdown file whose generated part is rewritten; {@code null} prints only
 * @param serverHeapBytes {@code -Xmx} and {@code -Xms} of every server JVM
 * @param serverJvmFlags further JVM flags of every server
 * @param clientJvmFlags JVM flags of the streaming client that ingests
 * @param serverArgs further {@code server} flags, e.g. the model's
 * @param clientArgs further {@code client} flags of the ingest, e.g. {@code --idempotency-keys false}
 * @param seed seeds the client's chunk sizes
 * @param durationSeconds how long each /predict load runs
 * @param duringConnections /predict connections while an ingest runs
 * @param duringRate a second such run paced at this many /predict requests a second; 0: none
 * @param phases which phases run, a subset of {@link #PHASES}
 * @param workDir where a fresh directory for the stores is made and kept; {@code null}: a temporary
 *     directory, deleted afterwards
 * @param python the Python interpreter of the first-minute phase's comparison scripts
 * @param scaleLevels the streams of the {@value #SCALE} phase
 * @param kafka the running Kafka broker(s) the cluster phase's nodes follow, {@code HOST:PORT[,...]}; {@code null}: that
 *     phase is not run
 */
public record BenchOptions(Path data, Path out, long serverHeapBytes, List<String> serverJvmFlags,
                           List<String> clientJvmFlags, List<String> serverArgs, List<String> clientArgs, long seed,
                           int durationSeconds, int duringConnections, int duringRate, List<String> phases, Path workDir,
                           String python, List<ScaleDataset.Size> scaleLevels, String kafka, List<String> arguments) {

    /** The benchmark's phases on the real data set, in the order of its table: {@code all} of them. */
    public static final List<String> PHASES =
            List.of("ingest", "growth", "predict", "during", "restart", "memory", "metrics", "batch", "firstminute",
                    "deletion", "accounts", "cluster");
    /** The phase at platform scale, on synthetic streams; it runs alone and takes minutes. */
    public static final String SCALE = "scale";

    /** Whether this run is the {@value #SCALE} phase. */
    public boolean scale() {
        return phases.equals(List.of(SCALE));
    }

    static final List<Flag> FLAGS = Flag.forCommand("bench", List.of(
            new Flag("data", "FILE", "../shared/data/bank_expenses_obfuscated.csv.zip", "the real data set, .zip or .csv").alias("file"),
            new Flag("out", "FILE", "docs/BENCHMARKS.md", "Markdown file whose generated part gets the results; empty: print only"),
            new Flag("seed", "SEED", "42", "seed of the client's random chunk sizes"),
            new Flag("duration", "SECONDS", "5", "how long each /predict load runs"),
            new Flag("server-heap", "BYTES", "64m", "-Xmx and -Xms of every server JVM (suffix k, m or g)"),
            new Flag("server-jvm-flags", "FLAGS", "-XX:+UseSerialGC -XX:+AlwaysPreTouch", "further JVM flags of every server"),
            new Flag("client-jvm-flags", "FLAGS", "-Xmx256m -XX:+UseSerialGC", "JVM flags of the client that ingests"),
            new Flag("server-args", "FLAGS", "", "further server flags, e.g. \"--alpha 0.1 --company-model 30\""),
            new Flag("client-args", "FLAGS", "", "further client flags of the ingest, e.g. \"--idempotency-keys false\""),
            new Flag("during-connections", "N", "4", "/predict connections while a full ingest runs"),
            new Flag("during-rate", "N", "1000", "also run that phase paced at N /predict requests a second (0: don't)"),
            new Flag("phases", "LIST", "all", "comma-separated subset of " + String.join(",", PHASES)
                    + "; or " + SCALE + " alone: synthetic streams at platform scale (--scale-levels), about 15 minutes"),
            new Flag("scale-levels", "LIST", "100x500000,1000x2000000,10000x10000000",
                    "the " + SCALE + " phase's streams, COMPANIESxROWS comma-separated"),
            new Flag("work-dir", "DIR", null, "keep the servers' stores in a new run-* dir here (default: a temporary dir, deleted after)"),
            new Flag("python", "COMMAND", "python3", "the Python of the first-minute comparison (src/bench/python; it needs requests,"
                    + " and flask, scikit-learn and pandas for the Flask app); without them that part is skipped"),
            new Flag("kafka", "HOST:PORT[,..]", null, "a running Kafka broker for the cluster phase (without it that phase is not run)")));

    public static BenchOptions parse(String[] args, Map<String, String> env) throws UsageException {
        Flags flags = Flags.parse(FLAGS, args, env);
        List<String> serverArgs = words(flags.string("server-args"));
        try {
            ServerOptions.parse(serverArgs.toArray(String[]::new), Map.of());
        } catch (UsageException e) {
            throw new UsageException("--server-args: " + e.getMessage());
        }
        List<String> clientArgs = words(flags.string("client-args"));
        try {
            ClientOptions.client(clientArgs.toArray(String[]::new), Map.of());
        } catch (UsageException e) {
            throw new UsageException("--client-args: " + e.getMessage());
        }
        Path data = flags.path("data");
        if (data == null) {
            throw flags.problem("data", "expected a file path");
        }
        return new BenchOptions(data, flags.pathOrNone("out"), flags.bytes("server-heap", 16L << 20, 1L << 40),
                words(flags.string("server-jvm-flags")), words(flags.string("client-jvm-flags")), serverArgs, clientArgs,
                flags.longIn("seed", Long.MIN_VALUE, Long.MAX_VALUE), flags.intIn("duration", 1, 3600),
                flags.intIn("during-connections", 1, 256), flags.intIn("during-rate", 0, 1_000_000), phases(flags),
                flags.path("work-dir"), python(flags), scaleLevels(flags), kafka(flags), List.of(args));
    }

    private static List<ScaleDataset.Size> scaleLevels(Flags flags) throws UsageException {
        List<ScaleDataset.Size> levels = new java.util.ArrayList<>();
        for (String part : flags.string("scale-levels").split(",", -1)) {
            ScaleDataset.Size level = ScaleDataset.Size.parse(part, "x");
            if (level != null) {
                levels.add(level);
                continue;
            }
            throw flags.wrong("scale-levels", "\"" + part.trim() + "\" is not COMPANIESxROWS with 1 <= COMPANIES <= ROWS"
                    + " (levels are comma-separated)");
        }
        return List.copyOf(levels);
    }

    private static String python(Flags flags) throws UsageException {
        String python = flags.string("python").trim();
        if (python.isEmpty()) {
            throw flags.problem("python", "expected a Python interpreter, e.g. python3");
        }
        return python;
    }

    private static String kafka(Flags flags) throws UsageException {
        String bootstrap = flags.string("kafka");
        if (bootstrap == null) {
            return null;
        }
        try {
            ServerOptions.parse(new String[] {"--kafka", bootstrap}, Map.of());
        } catch (UsageException e) {
            throw new UsageException(e.getMessage());
        }
        return bootstrap.trim();
    }

    private static List<String> phases(Flags flags) throws UsageException {
        String text = flags.string("phases").trim().toLowerCase(Locale.ROOT);
        if (text.equals("all")) {
            return PHASES;
        }
        List<String> phases = words(text.replace(',', ' '));
        if (phases.contains(SCALE)) {
            if (phases.size() > 1) {
                throw flags.problem("phases", SCALE + " runs alone");
            }
            return List.of(SCALE);
        }
        if (phases.isEmpty() || !PHASES.containsAll(phases)) {
            throw flags.problem("phases", "expected all or a comma-separated subset of " + String.join(",", PHASES));
        }
        return PHASES.stream().filter(phases::contains).toList();
    }

    private static List<String> words(String text) {
        return text == null || text.isBlank() ? List.of() : List.of(text.trim().split("\\s+"));
    }
}
