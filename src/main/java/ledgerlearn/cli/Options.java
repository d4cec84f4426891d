package ledgerlearn.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import ledgerlearn.dataset.SyntheticDataset;
import ledgerlearn.metrics.Average;
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
     * @param accessLog whether each request gets a line on the {@code ledgerlearn.access} logger
     */
    public record Server(String host, int port, Path dataDir, boolean fsync, int threads, long maxBodyBytes,
                         ModelOptions model, boolean accessLog) {
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
     * @param json only the JSON lines on standard output: no learning curve, the prediction as JSON
     */
    public record Client(URI url, Path file, long limit, long seed, int maxChunk, boolean quiet, boolean json) {

        /** Settings that print the learning curve and the prediction for people to read. */
        public Client(URI url, Path file, long limit, long seed, int maxChunk, boolean quiet) {
            this(url, file, limit, seed, maxChunk, quiet, false);
        }
    }

    /**
     * The settings of one prediction from a running server; a feature left {@code null} is not sent.
     *
     * @param top how many accounts to ask for, best first
     * @param json print the server's JSON answer instead of one account per line
     */
    public record Predict(URI url, String company, String date, String text, String amount, int top, boolean json) {
    }

    /**
     * The settings of one scores query to a running server.
     *
     * @param n the window: the last n scored samples
     * @param json print the server's JSON answer instead of a table
     */
    public record Metrics(URI url, int n, Average average, boolean json) {
    }

    /**
     * The demo's settings: a server on a free loopback port and a fresh temporary data directory,
     * fed the embedded synthetic data set by the client.
     */
    public record Demo(long seed, boolean keepRunning, boolean quiet) {
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
            new Flag("crosses", "BOOL", String.valueOf(ModelOptions.DEFAULT.crosses()), "add company x token cross features"),
            new Flag("access-log", "BOOL", "true",
                    "log each request on stderr (~10 us a line: turn off for load tests)"));

    static final List<Flag> CLIENT_FLAGS = List.of(
            new Flag("url", "URL", "http://127.0.0.1:5000", "the server's base URL"),
            new Flag("file", "FILE", null, "data set to stream, .csv or .zip (default: the embedded synthetic set)"),
            new Flag("limit", "N|all", "15000", "stream at most N rows, or all of them"),
            new Flag("seed", "SEED", "42", "seed of the random chunk sizes"),
            new Flag("max-chunk", "N", "1000", "chunk sizes are drawn from 1..N"),
            new Flag("quiet", null, "false", "no progress bar"),
            new Flag("json", null, "false", "only JSON lines on stdout: no learning curve, the prediction as JSON"));

    static final List<Flag> PREDICT_FLAGS = List.of(
            new Flag("url", "URL", "http://127.0.0.1:5000", "the server's base URL"),
            new Flag("company", "ID", null, "CompanyId of the transaction"),
            new Flag("date", "YYYY-MM-DD", null, "BankEntryDate of the transaction"),
            new Flag("text", "TEXT", null, "BankEntryText of the transaction"),
            new Flag("amount", "AMOUNT", null, "BankEntryAmount of the transaction, e.g. \"> -1000\""),
            new Flag("top", "K", "1", "how many accounts to suggest, best first"),
            new Flag("json", null, "false", "print the server's JSON answer instead of one account per line"));

    static final List<Flag> METRICS_FLAGS = List.of(
            new Flag("url", "URL", "http://127.0.0.1:5000", "the server's base URL"),
            new Flag("n", "N", "1000", "score the last N scored samples"),
            new Flag("average", "AVERAGE", "macro", "macro, micro or weighted: how per-account scores are combined"),
            new Flag("json", null, "false", "print the server's JSON answer instead of a table"));

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
        ModelOptions model;
        try {
            model = new ModelOptions(flags.positiveDouble("alpha"), flags.bool("month"), flags.bool("crosses"),
                    ModelOptions.DEFAULT.hashBits());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return new Server(
                flags.string("host").trim(),
                flags.intIn("port", 0, 65535),
                flags.path("data-dir"),
                flags.bool("fsync"),
                flags.intIn("threads", 1, 1024),
                flags.bytes("max-body", 1024, 1L << 31),
                model,
                flags.bool("access-log"));
    }

    /**
     * The server settings of a throwaway loopback server on a free port (as the demo and tests run it);
     * without an access log, whose lines would drown the demo's output.
     */
    public static Server server(Path dataDir) {
        try {
            return server(new String[] {"--port", "0", "--data-dir", dataDir.toString(), "--access-log", "false"},
                    Map.of());
        } catch (UsageException e) {
            throw new IllegalStateException("the defaults must parse", e);
        }
    }

    public static Client client(String[] args, Map<String, String> env) throws UsageException {
        Flags flags = Flags.parse(CLIENT_FLAGS, args, env);
        long limit = "all".equalsIgnoreCase(flags.string("limit").trim())
                ? Long.MAX_VALUE
                : flags.longIn("limit", 1, Long.MAX_VALUE - 1);
        return new Client(
                flags.httpUrl("url"),
                flags.path("file"),
                limit,
                flags.longIn("seed", Long.MIN_VALUE, Long.MAX_VALUE),
                flags.intIn("max-chunk", 1, 1_000_000),
                flags.bool("quiet"),
                flags.bool("json"));
    }

    public static Predict predict(String[] args, Map<String, String> env) throws UsageException {
        Flags flags = Flags.parse(PREDICT_FLAGS, args, env);
        return new Predict(
                flags.httpUrl("url"),
                flags.string("company"),
                flags.string("date"),
                flags.string("text"),
                flags.string("amount"),
                flags.intIn("top", 1, Integer.MAX_VALUE),
                flags.bool("json"));
    }

    public static Metrics metrics(String[] args, Map<String, String> env) throws UsageException {
        Flags flags = Flags.parse(METRICS_FLAGS, args, env);
        return new Metrics(
                flags.httpUrl("url"),
                flags.intIn("n", 1, Integer.MAX_VALUE),
                Average.parse(flags.choice("average", List.of("macro", "micro", "weighted"))),
                flags.bool("json"));
    }

    public static Demo demo(String[] args, Map<String, String> env) throws UsageException {
        Flags flags = Flags.parse(DEMO_FLAGS, args, env);
        return new Demo(flags.longIn("seed", Long.MIN_VALUE, Long.MAX_VALUE), flags.bool("keep-running"),
                flags.bool("quiet"));
    }

    public static Generate generate(String[] args, Map<String, String> env) throws UsageException {
        Flags flags = Flags.parse(GENERATE_FLAGS, args, env);
        return new Generate(flags.path("out"), flags.intIn("rows", 1, 100_000_000),
                flags.longIn("seed", Long.MIN_VALUE, Long.MAX_VALUE));
    }
}
