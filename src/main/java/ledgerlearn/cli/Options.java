package ledgerlearn.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import ledgerlearn.dataset.SyntheticDataset;
import ledgerlearn.model.ModelOptions;

/**
 * The settings of each subcommand, one record each, built in one place from flag, then
 * {@code LEDGERLEARN_*} environment variable, then default, and validated once.
 */
public final class Options {
    private Options() {}

    /**
     * The server's settings.
     *
     * @param port 0 picks any free port
     * @param fsync whether each batch is forced to disk before it is acknowledged
     * @param threads worker threads serving requests
     * @param maxBodyBytes the largest request body accepted
     */
    public record Server(String host, int port, Path dataDir, boolean fsync, int threads, long maxBodyBytes,
                         ModelOptions model) {
    }

    /**
     * The streaming client's settings.
     *
     * @param url the server's base URL, e.g. {@code http://127.0.0.1:5000}
     * @param file a data set CSV or zip; {@code null} streams the embedded synthetic data set
     * @param limit how many rows to stream at most ({@link Long#MAX_VALUE} for all)
     * @param seed seeds the random chunk sizes
     * @param maxChunk chunk sizes are drawn uniformly from 1..maxChunk
     * @param quiet no progress bar
     */
    public record Client(URI url, Path file, long limit, long seed, int maxChunk, boolean quiet) {
    }

    /**
     * The demo's settings: a server on a free loopback port and a fresh temporary data directory,
     * fed the embedded synthetic data set by the client.
     */
    public record Demo(long seed, boolean keepRunning, boolean quiet) {
    }

    /**
     * The evaluator's settings.
     *
     * @param data a data set CSV or zip; {@code null} evaluates the embedded synthetic data set
     * @param limit how many rows to read at most ({@link Long#MAX_VALUE} for all)
     * @param tailRows the accuracy over this many last rows is reported too
     * @param json print JSON instead of a table
     */
    public record Evaluate(Path data, ModelOptions model, long limit, int tailRows, boolean json) {
    }

    /** The synthetic data set generator's settings. */
    public record Generate(Path out, int rows, long seed) {
    }

    static final List<Flag> SERVER_FLAGS = List.of(
            new Flag("host", "ADDRESS", "127.0.0.1", "address to listen on"),
            new Flag("port", "PORT", "5000", "port to listen on; 0 picks a free one"),
            new Flag("data-dir", "DIR", "ledgerlearn-data", "where the sample store lives (created when missing)"),
            new Flag("fsync", "BOOL", "true", "force each batch to disk before acknowledging it"),
            new Flag("threads", "N", "16", "worker threads serving requests"),
            new Flag("max-body", "BYTES", "64m", "largest request body accepted (suffix k, m or g)"),
            new Flag("alpha", "ALPHA", String.valueOf(ModelOptions.DEFAULT.alpha()), "naive Bayes additive smoothing"),
            new Flag("month", "BOOL", String.valueOf(ModelOptions.DEFAULT.month()), "use the month of BankEntryDate as a feature"),
            new Flag("crosses", "BOOL", String.valueOf(ModelOptions.DEFAULT.crosses()), "add company x token cross features (with --company-model 0)"),
            new Flag("company-gate", "BOOL", String.valueOf(ModelOptions.DEFAULT.companyGate()),
                    "suggest to a known company only accounts it has booked"),
            new Flag("exact-memory", "BOOL", String.valueOf(ModelOptions.DEFAULT.exactMemory()),
                    "put first the account booked before for the same company, text and amount"),
            new Flag("hash-bits", "BITS", String.valueOf(ModelOptions.DEFAULT.hashBits()),
                    "hash features into 2^BITS buckets, bounding the model's memory"),
            new Flag("company-model", "MU", String.valueOf(ModelOptions.DEFAULT.companyModel()),
                    "give each company its own model, smoothed towards the global one with weight MU; 0 turns it off"));

    /** The flags of the model's settings, shared by the server and the evaluator. */
    private static final List<String> MODEL_FLAG_NAMES = List.of("alpha", "month", "crosses", "company-gate",
            "exact-memory", "hash-bits", "company-model");

    static final List<Flag> EVALUATE_FLAGS = Stream.concat(Stream.of(
            new Flag("data", "FILE", null, "data set to evaluate on, .csv or .zip (default: the embedded synthetic set)"),
            new Flag("limit", "N|all", "all", "read at most N rows, or all of them"),
            new Flag("tail", "ROWS", "87017", "also report the accuracy over this many last rows"),
            new Flag("json", null, "false", "print the figures as JSON")),
            SERVER_FLAGS.stream().filter(flag -> MODEL_FLAG_NAMES.contains(flag.name()))).toList();

    static final List<Flag> CLIENT_FLAGS = List.of(
            new Flag("url", "URL", "http://127.0.0.1:5000", "the server's base URL"),
            new Flag("file", "FILE", null, "data set to stream, .csv or .zip (default: the embedded synthetic set)"),
            new Flag("limit", "N|all", "15000", "stream at most N rows, or all of them"),
            new Flag("seed", "SEED", "42", "seed of the random chunk sizes"),
            new Flag("max-chunk", "N", "1000", "chunk sizes are drawn from 1..N"),
            new Flag("quiet", null, "false", "no progress bar"));

    static final List<Flag> DEMO_FLAGS = List.of(
            new Flag("seed", "SEED", "42", "seed of the random chunk sizes"),
            new Flag("keep-running", null, "false", "keep the server running after the demo (stop with Ctrl-C)"),
            new Flag("quiet", null, "false", "no progress bar"));

    static final List<Flag> GENERATE_FLAGS = List.of(
            new Flag("out", "FILE", "data/synthetic-expenses.csv", "where to write the data set"),
            new Flag("rows", "N", String.valueOf(SyntheticDataset.SHIPPED_ROWS), "number of rows"),
            new Flag("seed", "SEED", String.valueOf(SyntheticDataset.SHIPPED_SEED), "generator seed"));

    public static Server server(String[] args, Map<String, String> env) throws UsageException {
        Flags flags = Flags.parse(SERVER_FLAGS, args, env);
        ModelOptions model = model(flags);
        return new Server(
                flags.string("host").trim(),
                flags.intIn("port", 0, 65535),
                flags.path("data-dir"),
                flags.bool("fsync"),
                flags.intIn("threads", 1, 1024),
                flags.bytes("max-body", 1024, 1L << 31),
                model);
    }

    /** The server settings of a throwaway loopback server on a free port (as the demo and tests run it). */
    public static Server server(Path dataDir) {
        try {
            return server(new String[] {"--port", "0", "--data-dir", dataDir.toString()}, Map.of());
        } catch (UsageException e) {
            throw new IllegalStateException("the defaults must parse", e);
        }
    }

    public static Client client(String[] args, Map<String, String> env) throws UsageException {
        Flags flags = Flags.parse(CLIENT_FLAGS, args, env);
        return new Client(
                flags.httpUrl("url"),
                flags.path("file"),
                limit(flags),
                flags.longIn("seed", Long.MIN_VALUE, Long.MAX_VALUE),
                flags.intIn("max-chunk", 1, 1_000_000),
                flags.bool("quiet"));
    }

    public static Demo demo(String[] args, Map<String, String> env) throws UsageException {
        Flags flags = Flags.parse(DEMO_FLAGS, args, env);
        return new Demo(flags.longIn("seed", Long.MIN_VALUE, Long.MAX_VALUE), flags.bool("keep-running"),
                flags.bool("quiet"));
    }

    public static Evaluate evaluate(String[] args, Map<String, String> env) throws UsageException {
        Flags flags = Flags.parse(EVALUATE_FLAGS, args, env);
        return new Evaluate(flags.path("data"), model(flags), limit(flags), flags.intIn("tail", 1, Integer.MAX_VALUE),
                flags.bool("json"));
    }

    private static ModelOptions model(Flags flags) throws UsageException {
        try {
            return new ModelOptions(flags.positiveDouble("alpha"), flags.bool("month"), flags.bool("crosses"),
                    flags.intIn("hash-bits", ModelOptions.MIN_HASH_BITS, ModelOptions.MAX_HASH_BITS),
                    flags.bool("company-gate"), flags.bool("exact-memory"), flags.nonNegativeDouble("company-model"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static long limit(Flags flags) throws UsageException {
        return "all".equalsIgnoreCase(flags.string("limit").trim())
                ? Long.MAX_VALUE
                : flags.longIn("limit", 1, Long.MAX_VALUE - 1);
    }

    public static Generate generate(String[] args, Map<String, String> env) throws UsageException {
        Flags flags = Flags.parse(GENERATE_FLAGS, args, env);
        return new Generate(flags.path("out"), flags.intIn("rows", 1, 100_000_000),
                flags.longIn("seed", Long.MIN_VALUE, Long.MAX_VALUE));
    }
}
