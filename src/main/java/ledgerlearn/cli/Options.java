package ledgerlearn.cli;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
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
     * @param queue requests that may wait for a worker; more are answered 503 at once
     * @param requestTimeoutSeconds the longest a client may take to send a whole request (headers and body)
     * @param idleTimeoutSeconds how long a keep-alive connection may stay idle before it is closed
     */
    public record Server(String host, int port, Path dataDir, boolean fsync, int threads, long maxBodyBytes,
                         ModelOptions model, ServerSecurity security, boolean accessLog, int queue,
                         int requestTimeoutSeconds, int idleTimeoutSeconds) {
    }

    /**
     * Who may call the server, and over what: API tokens and TLS. The files are read when the server
     * starts, so their errors are reported there; the one secret held here comes from the environment.
     *
     * @param authFile lines {@code TOKEN ROLE[,ROLE]}; {@code null} serves without tokens
     * @param allowAnonymous serve without tokens on a non-loopback address, on purpose
     * @param tlsKeystore a PKCS12 keystore with the server's key and certificate; {@code null} serves plain HTTP
     * @param tlsPasswordFile a file holding the keystore's password; wins over {@code tlsPassword}
     * @param tlsPassword the keystore's password from {@code LEDGERLEARN_TLS_PASSWORD}, else {@code null}
     */
    public record ServerSecurity(Path authFile, boolean allowAnonymous, Path tlsKeystore, Path tlsPasswordFile,
                                 Secret tlsPassword) {
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
     * @param rate rows per second at most, 0 for as fast as the server takes them
     * @param json only the JSON lines on standard output: no learning curve, the prediction as JSON
     */
    public record Client(URI url, Path file, long limit, long seed, int maxChunk, boolean quiet,
                         ClientSecurity security, int rate, boolean json) {
        /** Settings that stream as fast as the server takes the rows. */
        public Client(URI url, Path file, long limit, long seed, int maxChunk, boolean quiet, ClientSecurity security) {
            this(url, file, limit, seed, maxChunk, quiet, security, 0);
        }

        /** Settings that print the learning curve and the prediction for people to read. */
        public Client(URI url, Path file, long limit, long seed, int maxChunk, boolean quiet, ClientSecurity security,
                      int rate) {
            this(url, file, limit, seed, maxChunk, quiet, security, rate, false);
        }
    }

    /**
     * The settings of one prediction from a running server; a feature left {@code null} is not sent.
     *
     * @param top how many accounts to ask for, best first
     * @param json print the server's JSON answer instead of one account per line
     */
    public record Predict(URI url, String company, String date, String text, String amount, int top, boolean json,
                          ClientSecurity security) {
    }

    /**
     * The settings of one scores query to a running server.
     *
     * @param n the window: the last n scored samples
     * @param json print the server's JSON answer instead of a table
     */
    public record Metrics(URI url, int n, Average average, boolean json, ClientSecurity security) {
    }

    /**
     * The client's API token and the certificates it trusts. The files are read when the client starts.
     *
     * @param tokenFile a file holding the API token; wins over {@code token}
     * @param token the API token from {@code LEDGERLEARN_TOKEN}, else {@code null}
     * @param trustStore a PKCS12 or JKS trust store for {@code https://}; {@code null} trusts what the JDK trusts
     * @param trustStorePassword from {@code LEDGERLEARN_TRUST_STORE_PASSWORD}, else {@code null}
     */
    public record ClientSecurity(Path tokenFile, Secret token, Path trustStore, Secret trustStorePassword) {
        /** No token, the JDK's default trust. */
        public static final ClientSecurity NONE = new ClientSecurity(null, null, null, null);
    }

    /** The keystore password's variable; there is deliberately no flag, which would show it in the process list. */
    public static final String TLS_PASSWORD_ENV = "LEDGERLEARN_TLS_PASSWORD";
    /** The client's API token variable; like the password, not a flag. */
    public static final String TOKEN_ENV = "LEDGERLEARN_TOKEN";
    public static final String TRUST_STORE_PASSWORD_ENV = "LEDGERLEARN_TRUST_STORE_PASSWORD";

    /**
     * The demo's settings: a server on a loopback port and a fresh temporary data directory, fed the
     * embedded synthetic data set by the client.
     *
     * @param port 0 picks any free port
     * @param rate rows per second at most, 0 for as fast as the server takes them
     */
    public record Demo(long seed, boolean keepRunning, boolean quiet, int port, int rate) {
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

    /**
     * The benchmark's settings.
     *
     * @param out the Markdown file whose generated part is rewritten; {@code null} prints only
     * @param serverHeapBytes {@code -Xmx} and {@code -Xms} of every server JVM
     * @param serverJvmFlags further JVM flags of every server
     * @param clientJvmFlags JVM flags of the streaming client that ingests
     * @param serverArgs further {@code server} flags, e.g. the model's
     * @param seed seeds the client's chunk sizes
     * @param durationSeconds how long each /predict load runs
     * @param duringConnections /predict connections while an ingest runs
     * @param duringRate a second such run paced at this many /predict requests a second; 0: none
     * @param phases which phases run, a subset of {@link #BENCH_PHASES}
     * @param workDir where a fresh directory for the stores is made and kept; {@code null}: a temporary
     *     directory, deleted afterwards
     */
    public record Bench(Path data, Path out, long serverHeapBytes, List<String> serverJvmFlags,
                        List<String> clientJvmFlags, List<String> serverArgs, long seed, int durationSeconds,
                        int duringConnections, int duringRate, List<String> phases, Path workDir) {
    }

    /** The benchmark's phases, in the order of its table. */
    public static final List<String> BENCH_PHASES =
            List.of("ingest", "growth", "predict", "during", "restart", "memory", "metrics");

    private static final int MAX_RATE = 100_000_000;

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
                    "give each company its own model, smoothed towards the global one with weight MU; 0 turns it off"),
            new Flag("split-memory", "BOOL", String.valueOf(ModelOptions.DEFAULT.splitMemory()),
                    "when a company books its last bank entry again, put first the account that followed in its earlier splits"),
            new Flag("global-prior", "B", String.valueOf(ModelOptions.DEFAULT.globalPrior()),
                    "add B x log(an account's samples over all companies) to its score; 0 turns it off"),
            new Flag("recency", "R", String.valueOf(ModelOptions.DEFAULT.recency()),
                    "rank suggestions after the first with R x log(1 + the company's samples since it booked the account) less; 0 turns it off"),
            new Flag("token-habits", "T", String.valueOf(ModelOptions.DEFAULT.tokenHabits()),
                    "rank suggestions after the first with T x the vote of the query's tokens (what the company booked with each, and last) more;"
                            + " needs --company-model or --crosses; 0 turns it off"),
            new Flag("auth-file", "FILE", null, "require API tokens: one \"TOKEN ROLE[,ROLE]\" a line, roles writer (POST /sample) and reader"),
            new Flag("allow-anonymous", null, "false", "serve without API tokens although --host is not a loopback address"),
            new Flag("tls-keystore", "FILE", null, "serve HTTPS with the key and certificate of this PKCS12 keystore"),
            new Flag("tls-password-file", "FILE", null, "file holding the keystore password, else env " + TLS_PASSWORD_ENV
                    + " (no flag: it would show in the process list)"),
            new Flag("access-log", "BOOL", "true",
                    "log each request on stderr (~10 us a line: turn off for load tests)"),
            new Flag("queue", "N", "1000", "requests that may wait for a worker; beyond that they get 503 at once"),
            new Flag("request-timeout", "SECONDS", "60", "a client must send a whole request (headers and body) within this"),
            new Flag("idle-timeout", "SECONDS", "30", "close a keep-alive connection idle this long"));

    private static final Flag URL = new Flag("url", "URL", "http://127.0.0.1:5000", "the server's base URL");
    private static final Flag TOKEN_FILE = new Flag("token-file", "FILE", null,
            "file holding the API token to send, else env " + TOKEN_ENV + " (no flag: it would show in the process list)");
    private static final Flag TRUST_STORE = new Flag("trust-store", "FILE", null,
            "PKCS12 or JKS trust store for an https:// URL; its password, if any, in env " + TRUST_STORE_PASSWORD_ENV);

    /** The flags of the model's settings, shared by the server and the evaluator. */
    private static final List<String> MODEL_FLAG_NAMES = List.of("alpha", "month", "crosses", "company-gate",
            "exact-memory", "hash-bits", "company-model", "split-memory", "global-prior", "recency", "token-habits");

    static final List<Flag> EVALUATE_FLAGS = Stream.concat(Stream.of(
            new Flag("data", "FILE", null, "data set to evaluate on, .csv or .zip (default: the embedded synthetic set)"),
            new Flag("limit", "N|all", "all", "read at most N rows, or all of them"),
            new Flag("tail", "ROWS", "87017", "also report the accuracy over this many last rows"),
            new Flag("json", null, "false", "print the figures as JSON")),
            SERVER_FLAGS.stream().filter(flag -> MODEL_FLAG_NAMES.contains(flag.name()))).toList();

    static final List<Flag> CLIENT_FLAGS = List.of(
            URL,
            new Flag("file", "FILE", null, "data set to stream, .csv or .zip (default: the embedded synthetic set)"),
            new Flag("limit", "N|all", "15000", "stream at most N rows, or all of them"),
            new Flag("seed", "SEED", "42", "seed of the random chunk sizes"),
            new Flag("max-chunk", "N", "1000", "chunk sizes are drawn from 1..N"),
            new Flag("quiet", null, "false", "no progress bar"),
            new Flag("json", null, "false", "only JSON lines on stdout: no learning curve, the prediction as JSON"),
            TOKEN_FILE,
            TRUST_STORE,
            new Flag("rate", "ROWS_PER_S", "0", "send at most this many rows per second; 0: no limit"));

    static final List<Flag> PREDICT_FLAGS = List.of(
            URL,
            new Flag("company", "ID", null, "CompanyId of the transaction"),
            new Flag("date", "YYYY-MM-DD", null, "BankEntryDate of the transaction"),
            new Flag("text", "TEXT", null, "BankEntryText of the transaction"),
            new Flag("amount", "AMOUNT", null, "BankEntryAmount of the transaction, e.g. \"> -1000\""),
            new Flag("top", "K", "1", "how many accounts to suggest, best first"),
            new Flag("json", null, "false", "print the server's JSON answer instead of one account per line"),
            TOKEN_FILE,
            TRUST_STORE);

    static final List<Flag> METRICS_FLAGS = List.of(
            URL,
            new Flag("n", "N", "1000", "score the last N scored samples"),
            new Flag("average", "AVERAGE", "macro", "macro, micro or weighted: how per-account scores are combined"),
            new Flag("json", null, "false", "print the server's JSON answer instead of a table"),
            TOKEN_FILE,
            TRUST_STORE);

    static final List<Flag> DEMO_FLAGS = List.of(
            new Flag("seed", "SEED", "42", "seed of the random chunk sizes"),
            new Flag("keep-running", null, "false", "keep the server running after the demo (stop with Ctrl-C)"),
            new Flag("quiet", null, "false", "no progress bar"),
            new Flag("port", "PORT", "0", "loopback port of the demo server and its dashboard; 0 picks a free one"),
            new Flag("rate", "ROWS_PER_S", "0", "stream at most this many rows per second (e.g. 500, to watch the dashboard); 0: no limit"));

    static final List<Flag> GENERATE_FLAGS = List.of(
            new Flag("out", "FILE", "data/synthetic-expenses.csv", "where to write the data set"),
            new Flag("rows", "N", String.valueOf(SyntheticDataset.SHIPPED_ROWS), "number of rows"),
            new Flag("seed", "SEED", String.valueOf(SyntheticDataset.SHIPPED_SEED), "generator seed"));

    static final List<Flag> BENCH_FLAGS = List.of(
            new Flag("data", "FILE", "../shared/data/bank_expenses_obfuscated.csv.zip", "the real data set, .zip or .csv"),
            new Flag("out", "FILE", "docs/BENCHMARKS.md", "Markdown file whose generated part gets the results; empty: print only"),
            new Flag("seed", "SEED", "42", "seed of the client's random chunk sizes"),
            new Flag("duration", "SECONDS", "5", "how long each /predict load runs"),
            new Flag("server-heap", "BYTES", "64m", "-Xmx and -Xms of every server JVM (suffix k, m or g)"),
            new Flag("server-jvm-flags", "FLAGS", "-XX:+UseSerialGC -XX:+AlwaysPreTouch", "further JVM flags of every server"),
            new Flag("client-jvm-flags", "FLAGS", "-Xmx256m -XX:+UseSerialGC", "JVM flags of the client that ingests"),
            new Flag("server-args", "FLAGS", "", "further server flags, e.g. \"--alpha 0.01 --month false\""),
            new Flag("during-connections", "N", "4", "/predict connections while a full ingest runs"),
            new Flag("during-rate", "N", "1000", "also run that phase paced at N /predict requests a second (0: don't)"),
            new Flag("phases", "LIST", "all", "comma-separated subset of " + String.join(",", BENCH_PHASES)),
            new Flag("work-dir", "DIR", null, "keep the servers' stores in a new run-* dir here (default: a temporary dir, deleted after)"));

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
                model,
                serverSecurity(flags, env),
                flags.bool("access-log"),
                flags.intIn("queue", 1, 1_000_000),
                flags.intIn("request-timeout", 1, 86_400),
                flags.intIn("idle-timeout", 1, 86_400));
    }

    private static ServerSecurity serverSecurity(Flags flags, Map<String, String> env) throws UsageException {
        Path authFile = flags.path("auth-file");
        boolean allowAnonymous = flags.bool("allow-anonymous");
        Path keystore = flags.path("tls-keystore");
        Path passwordFile = flags.path("tls-password-file");
        Secret password = Secret.fromEnv(env, TLS_PASSWORD_ENV);
        if (authFile != null && allowAnonymous) {
            throw new UsageException("--allow-anonymous and --auth-file contradict each other; give one of them");
        }
        String host = flags.string("host").trim();
        if (authFile == null && !allowAnonymous && !isLoopback(host)) {
            throw new UsageException("--host " + host + " is not a loopback address and there is no --auth-file: anyone"
                    + " who can reach the port could read the model and train it. Give --auth-file FILE (lines"
                    + " \"TOKEN ROLE[,ROLE]\") to require API tokens, or --allow-anonymous to serve without them on purpose");
        }
        if (keystore == null && (passwordFile != null || password != null)) {
            throw new UsageException((passwordFile != null ? "--tls-password-file" : TLS_PASSWORD_ENV)
                    + " is given but --tls-keystore is not; without the keystore the server would serve plain HTTP");
        }
        if (keystore != null && passwordFile == null && password == null) {
            throw new UsageException("--tls-keystore needs the keystore's password: --tls-password-file FILE or env "
                    + TLS_PASSWORD_ENV);
        }
        return new ServerSecurity(authFile, allowAnonymous, keystore, passwordFile, password);
    }

    /** Whether every address {@code host} names is a loopback one (127.0.0.0/8, ::1); "localhost" always is. */
    static boolean isLoopback(String host) throws UsageException {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            throw new UsageException("--host: cannot resolve \"" + host + "\"");
        }
    }

    /**
     * The server settings of a throwaway loopback server on a free port (as the demo and tests run it);
     * without an access log, whose lines would drown the demo's output.
     */
    public static Server server(Path dataDir) {
        return server(dataDir, 0);
    }

    /** The server settings of a throwaway loopback server on {@code port} (0: a free one). */
    public static Server server(Path dataDir, int port) {
        try {
            return server(new String[] {"--port", String.valueOf(port), "--data-dir", dataDir.toString(),
                    "--access-log", "false"}, Map.of());
        } catch (UsageException e) {
            throw new IllegalStateException("the defaults must parse", e);
        }
    }

    public static Client client(String[] args, Map<String, String> env) throws UsageException {
        Flags flags = Flags.parse(CLIENT_FLAGS, args, env);
        URI url = flags.httpUrl("url");
        return new Client(
                url,
                flags.path("file"),
                limit(flags),
                flags.longIn("seed", Long.MIN_VALUE, Long.MAX_VALUE),
                flags.intIn("max-chunk", 1, 1_000_000),
                flags.bool("quiet"),
                clientSecurity(flags, env, url),
                flags.intIn("rate", 0, MAX_RATE),
                flags.bool("json"));
    }

    public static Predict predict(String[] args, Map<String, String> env) throws UsageException {
        Flags flags = Flags.parse(PREDICT_FLAGS, args, env);
        URI url = flags.httpUrl("url");
        return new Predict(
                url,
                flags.string("company"),
                flags.string("date"),
                flags.string("text"),
                flags.string("amount"),
                flags.intIn("top", 1, Integer.MAX_VALUE),
                flags.bool("json"),
                clientSecurity(flags, env, url));
    }

    public static Metrics metrics(String[] args, Map<String, String> env) throws UsageException {
        Flags flags = Flags.parse(METRICS_FLAGS, args, env);
        URI url = flags.httpUrl("url");
        return new Metrics(
                url,
                flags.intIn("n", 1, Integer.MAX_VALUE),
                Average.parse(flags.choice("average", List.of("macro", "micro", "weighted"))),
                flags.bool("json"),
                clientSecurity(flags, env, url));
    }

    /** The token and trust store of a command that calls a server at {@code url}. */
    private static ClientSecurity clientSecurity(Flags flags, Map<String, String> env, URI url) throws UsageException {
        Path trustStore = flags.path("trust-store");
        if (trustStore != null && !"https".equalsIgnoreCase(url.getScheme())) {
            throw new UsageException("--trust-store is for https:// URLs, but --url is " + url);
        }
        return new ClientSecurity(flags.path("token-file"), Secret.fromEnv(env, TOKEN_ENV), trustStore,
                Secret.fromEnv(env, TRUST_STORE_PASSWORD_ENV));
    }

    public static Demo demo(String[] args, Map<String, String> env) throws UsageException {
        Flags flags = Flags.parse(DEMO_FLAGS, args, env);
        return new Demo(flags.longIn("seed", Long.MIN_VALUE, Long.MAX_VALUE), flags.bool("keep-running"),
                flags.bool("quiet"), flags.intIn("port", 0, 65535), flags.intIn("rate", 0, MAX_RATE));
    }

    public static Bench bench(String[] args, Map<String, String> env) throws UsageException {
        Flags flags = Flags.parse(BENCH_FLAGS, args, env);
        List<String> serverArgs = words(flags.string("server-args"));
        try {
            server(serverArgs.toArray(String[]::new), Map.of());
        } catch (UsageException e) {
            throw new UsageException("--server-args: " + e.getMessage());
        }
        Path data = flags.path("data");
        if (data == null) {
            throw flags.problem("data", "expected a file path");
        }
        return new Bench(data, flags.path("out"), flags.bytes("server-heap", 16L << 20, 1L << 40),
                words(flags.string("server-jvm-flags")), words(flags.string("client-jvm-flags")), serverArgs,
                flags.longIn("seed", Long.MIN_VALUE, Long.MAX_VALUE), flags.intIn("duration", 1, 3600),
                flags.intIn("during-connections", 1, 256), flags.intIn("during-rate", 0, 1_000_000), phases(flags),
                flags.path("work-dir"));
    }

    private static List<String> phases(Flags flags) throws UsageException {
        String text = flags.string("phases").trim().toLowerCase(java.util.Locale.ROOT);
        if (text.equals("all")) {
            return BENCH_PHASES;
        }
        List<String> phases = words(text.replace(',', ' '));
        if (phases.isEmpty() || !BENCH_PHASES.containsAll(phases)) {
            throw flags.problem("phases", "expected all or a comma-separated subset of " + String.join(",", BENCH_PHASES));
        }
        return BENCH_PHASES.stream().filter(phases::contains).toList();
    }

    private static List<String> words(String text) {
        return text == null || text.isBlank() ? List.of() : List.of(text.trim().split("\\s+"));
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
                    flags.bool("company-gate"), flags.bool("exact-memory"), flags.nonNegativeDouble("company-model"),
                    flags.bool("split-memory"), flags.nonNegativeDouble("global-prior"),
                    flags.nonNegativeDouble("recency"), flags.nonNegativeDouble("token-habits"));
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
