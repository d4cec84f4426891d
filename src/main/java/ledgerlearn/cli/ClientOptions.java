package ledgerlearn.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import ledgerlearn.client.Connection;
import ledgerlearn.client.MetricsCommand;
import ledgerlearn.client.PredictCommand;
import ledgerlearn.client.StreamingClient;
import ledgerlearn.dataset.ScaleDataset;
import ledgerlearn.metrics.Average;
import ledgerlearn.secret.Secret;

/** The flags of the commands that call a running server ({@code client}, {@code predict}, {@code metrics}), turned into their settings. */
public final class ClientOptions {
    private ClientOptions() {}

    /** The most rows a second {@code --rate} may ask for. */
    static final int MAX_RATE = 100_000_000;

    private static final Flag URL = new Flag("url", "URL", "http://127.0.0.1:5000", "the server's base URL");
    private static final Flag TOKEN_FILE = new Flag("token-file", "FILE", null,
            "file holding the API token to send, else env " + Connection.TOKEN_ENV + " (no flag: it would show in the process list)");
    private static final Flag TRUST_STORE = new Flag("trust-store", "FILE", null,
            "the certificates to trust for an https:// URL: a PEM file (as curl --cacert takes), or a PKCS12 or JKS"
                    + " store whose password, if any, is in env " + Connection.TRUST_STORE_PASSWORD_ENV);

    static final List<Flag> CLIENT_FLAGS = own("client", List.of(
            URL,
            new Flag("data", "FILE", null, "data set to stream, .csv or .zip (default: the embedded synthetic set)").alias("file"),
            new Flag("synthetic", "COMPANIES,ROWS", null, "stream, instead of a file, the rows generate --companies COMPANIES"
                    + " --rows ROWS writes, made as they are sent"),
            new Flag("skip", "N", "0", "leave out the data set's first N rows, e.g. to resume a stream that was cut"),
            new Flag("limit", "N|all", null, "stream at most N rows, or all of them (default: 15000, or all of a --synthetic stream)"),
            new Flag("seed", "SEED", "42", "seed of the random chunk sizes"),
            new Flag("max-chunk", "N", "1000", "chunk sizes are drawn from 1..N"),
            new Flag("quiet", null, "false", "no progress bar"),
            new Flag("json", null, "false", "only JSON lines on stdout: no learning curve, the prediction as JSON"),
            TOKEN_FILE,
            TRUST_STORE,
            new Flag("rate", "ROWS_PER_S", "0", "send at most this many rows per second; 0: no limit"),
            new Flag("idempotency-keys", "BOOL", "true",
                    "send each chunk with an Idempotency-Key, so that running the same command again resumes and stores nothing twice")));

    static final List<Flag> PREDICT_FLAGS = own("predict", List.of(
            URL,
            new Flag("company", "ID", null, "CompanyId of the transaction"),
            new Flag("date", "YYYY-MM-DD", null, "BankEntryDate of the transaction"),
            new Flag("text", "TEXT", null, "BankEntryText of the transaction"),
            new Flag("amount", "AMOUNT", null, "BankEntryAmount of the transaction, e.g. \"> -1000\""),
            new Flag("top", "K", "1", "how many accounts to suggest, best first"),
            new Flag("detail", null, "false", "print each account with its probability, name, source and whether it may be booked unseen"),
            new Flag("json", null, "false", "print the server's JSON answer instead of one account per line"),
            TOKEN_FILE,
            TRUST_STORE));

    static final List<Flag> METRICS_FLAGS = own("metrics", List.of(
            URL,
            new Flag("n", "N", "1000", "score the last N scored samples"),
            new Flag("average", "AVERAGE", "macro", "macro, micro or weighted: how per-account scores are combined"),
            new Flag("company", "ID", null, "score only this company's last N scored samples"),
            new Flag("json", null, "false", "print the server's JSON answer instead of a table"),
            TOKEN_FILE,
            TRUST_STORE));

    /**
     * The flags in order, each but the connection flags with the command's own environment twin: the
     * connection flags name the same server for every command, so one variable sets it for all.
     */
    private static List<Flag> own(String command, List<Flag> flags) {
        List<Flag> shared = List.of(URL, TOKEN_FILE, TRUST_STORE);
        return flags.stream().map(flag -> shared.contains(flag) ? flag : Flag.forCommand(command, List.of(flag)).get(0))
                .toList();
    }

    /** {@code client}: stream a data set to a server. */
    public static StreamingClient.Settings client(String[] args, Map<String, String> env) throws UsageException {
        Flags flags = Flags.parse(CLIENT_FLAGS, args, env);
        Connection server = connection(flags, env);
        ScaleDataset.Size synthetic = synthetic(flags);
        if (synthetic != null && flags.path("data") != null) {
            throw flags.problem("synthetic", "give --data or --synthetic, not both");
        }
        long limit = flags.string("limit") != null ? flags.countOrAll("limit") : synthetic != null ? Long.MAX_VALUE : DEFAULT_LIMIT;
        return new StreamingClient.Settings(
                server,
                flags.existingFile("data"),
                flags.longIn("skip", 0, Long.MAX_VALUE - 1),
                limit,
                flags.longIn("seed", Long.MIN_VALUE, Long.MAX_VALUE),
                flags.intIn("max-chunk", 1, 1_000_000),
                flags.bool("quiet"),
                flags.intIn("rate", 0, MAX_RATE),
                flags.bool("json"),
                flags.bool("idempotency-keys"),
                true,
                synthetic);
    }

    /** The rows a client streams when neither --limit nor --synthetic says otherwise. */
    static final long DEFAULT_LIMIT = 15_000;

    private static ScaleDataset.Size synthetic(Flags flags) throws UsageException {
        String text = flags.string("synthetic");
        if (text == null) {
            return null;
        }
        ScaleDataset.Size size = ScaleDataset.Size.parse(text, ",");
        if (size != null) {
            return size;
        }
        throw flags.problem("synthetic", "expected COMPANIES,ROWS with 1 <= COMPANIES <= ROWS <= 10000000000, e.g. 10000,10000000");
    }

    /** {@code predict}: one transaction's accounts from a server. */
    public static PredictCommand.Settings predict(String[] args, Map<String, String> env) throws UsageException {
        Flags flags = Flags.parse(PREDICT_FLAGS, args, env);
        Connection server = connection(flags, env);
        return new PredictCommand.Settings(
                server,
                flags.string("company"),
                flags.string("date"),
                flags.string("text"),
                flags.string("amount"),
                flags.intIn("top", 1, Integer.MAX_VALUE),
                flags.bool("detail"),
                flags.bool("json"));
    }

    /** {@code metrics}: a server's scores over its last N scored samples. */
    public static MetricsCommand.Settings metrics(String[] args, Map<String, String> env) throws UsageException {
        Flags flags = Flags.parse(METRICS_FLAGS, args, env);
        Connection server = connection(flags, env);
        return new MetricsCommand.Settings(
                server,
                flags.intIn("n", 1, Integer.MAX_VALUE),
                Average.parse(flags.choice("average", List.of("macro", "micro", "weighted"))),
                company(flags),
                flags.bool("json"));
    }

    private static String company(Flags flags) throws UsageException {
        String company = flags.string("company");
        if (company != null && company.isBlank()) {
            throw flags.problem("company", "expected a CompanyId such as int:a055470");
        }
        return company;
    }

    /** The URL, token and trust store of a command that calls a server. */
    private static Connection connection(Flags flags, Map<String, String> env) throws UsageException {
        URI url = flags.httpUrl("url");
        Path trustStore = flags.path("trust-store");
        if (trustStore != null && !"https".equalsIgnoreCase(url.getScheme())) {
            throw new UsageException("--trust-store is for https:// URLs, but --url is " + url);
        }
        flags.existingFile("trust-store");
        return new Connection(url, flags.existingFile("token-file"), Secret.fromEnv(env, Connection.TOKEN_ENV), trustStore,
                Secret.fromEnv(env, Connection.TRUST_STORE_PASSWORD_ENV));
    }
}
