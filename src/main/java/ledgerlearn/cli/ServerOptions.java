package ledgerlearn.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import ledgerlearn.http.ServerConfig;
import ledgerlearn.model.ModelOptions;
import ledgerlearn.secret.Secret;
import ledgerlearn.snapshot.SnapshotFiles;

/**
 * The {@code server} command's settings: the HTTP server's, and where the store lives and how the
 * model learns.
 *
 * @param fsync whether each batch is forced to disk before it is acknowledged
 * @param autoBookPrecision the precision of auto-booked rows the auto-book decision keeps (0: off)
 * @param snapshotEvery write a snapshot of the learner's state after this many rows (0: only on a graceful stop)
 * @param warmUpSeconds warm the hot paths on a throwaway server until this long after the JVM started,
 *     before listening; 0: not at all
 * @param kafka the log this server follows as one node of a cluster, or {@code null} for a single server
 */
public record ServerOptions(ServerConfig http, Path dataDir, boolean fsync, ModelOptions model,
                            double autoBookPrecision, long snapshotEvery, double warmUpSeconds, Kafka kafka) {

    /** The longest warm-up that may be asked for. */
    static final double MAX_WARM_UP_SECONDS = 60;

    /**
     * Cluster mode: the Kafka log every node follows.
     *
     * @param bootstrap the brokers to ask first, {@code host:port} each
     * @param topic the topic of the log (its first generation; see docs/CLUSTER.md)
     * @param maxLag how many records behind the log's end the node may be and still be ready
     */
    public record Kafka(List<String> bootstrap, String topic, long maxLag) {
    }

    /** The keystore password's variable; there is deliberately no flag, which would show it in the process list. */
    public static final String TLS_PASSWORD_ENV = "LEDGERLEARN_TLS_PASSWORD";

    static final List<Flag> FLAGS = Stream.of(List.of(
                    new Flag("host", "ADDRESS", "127.0.0.1", "address to listen on"),
                    new Flag("port", "PORT", "5000", "port to listen on; 0 picks a free one"),
                    new Flag("data-dir", "DIR", "ledgerlearn-data", "where the sample store lives (created when missing)"),
                    new Flag("fsync", "BOOL", "true", "force each batch to disk before acknowledging it"),
                    new Flag("snapshot-every", "ROWS", String.valueOf(SnapshotFiles.DEFAULT_EVERY),
                            "write a snapshot of the whole state after this many rows, so a start replays only the rows after it;"
                                    + " 0: only on a graceful stop"),
                    new Flag("threads", "N", "16", "workers: requests worked on at once once their bodies are in"),
                    new Flag("max-body", "BYTES", "16m", "largest POST /sample and /predict/batch body accepted (suffix k, m or g);"
                            + " a /predict body is at most 64k")),
            ModelFlags.FLAGS,
            List.of(
                    new Flag("auth-file", "FILE", null, "require API tokens: one \"TOKEN ROLE[,ROLE] [companies=ID[,ID...]]\" a line,"
                            + " roles writer (POST /sample), reader and admin (DELETE /companies/{id}); companies= binds a token to those"),
                    new Flag("allow-anonymous", null, "false", "serve without API tokens although --host is not a loopback address"),
                    new Flag("tls-keystore", "FILE", null, "serve HTTPS with the key and certificate of this PKCS12 keystore"),
                    new Flag("tls-password-file", "FILE", null, "file holding the keystore password, else env " + TLS_PASSWORD_ENV
                            + " (no flag: it would show in the process list)"),
                    new Flag("access-log", "BOOL", "true",
                            "log each request on stderr (in the bench /predict ran up to half as fast with it on: turn off for load tests)"),
                    new Flag("queue", "N", "1000", "requests that may wait for a worker; beyond that they get 503 at once"),
                    new Flag("request-timeout", "SECONDS", "60", "a client must send a whole request (headers and body) within this"),
                    new Flag("idle-timeout", "SECONDS", "30", "close a keep-alive connection idle this long"),
                    new Flag("warm-up", "SECONDS", "0.7", "before listening, run the hot paths on a throwaway server until this"
                            + " long after the JVM started (a long replay leaves no time for it), so the first clients find them"
                            + " loaded; the default has time for a request or a few (the classes they load took the first"
                            + " 15,000 rows' 0.1 s), 3 s compiles enough for those rows to take a third less time; 0 turns it off"),
                    new Flag("kafka", "HOST:PORT[,..]", null, "cluster mode: follow a Kafka log with the other nodes (the brokers to ask first)"),
                    new Flag("kafka-topic", "TOPIC", "ledgerlearn", "cluster mode: the log's topic, the same on every node"),
                    new Flag("max-lag", "RECORDS", "100", "cluster mode: /readyz is 503 while the node is more than this many batches behind the log"),
                    new Flag("connections", "N", "256", "requests in progress at once, each on a thread of its own"
                            + " while it is read (slow clients wait there, not on a worker); beyond that, 503 at once"),
                    new Flag("body-memory", "BYTES", null, "memory that request bodies may hold at once while read,"
                            + " parsed and learnt (suffix k, m or g); default a quarter of the heap; beyond it, 503")))
            .flatMap(List::stream).toList();

    public static ServerOptions parse(String[] args, Map<String, String> env) throws UsageException {
        Flags flags = Flags.parse(FLAGS, args, env);
        ModelOptions model = ModelFlags.parse(flags);
        String host = flags.string("host").trim();
        if (host.isEmpty()) {
            throw flags.problem("host", "expected an address to listen on, e.g. 127.0.0.1, ::1 or 0.0.0.0");
        }
        int port = flags.intIn("port", 0, 65535);
        Path dataDir = flags.path("data-dir");
        if (dataDir == null) {
            throw flags.problem("data-dir", "expected a directory for the sample store");
        }
        if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
            throw flags.problem("data-dir", "expected a directory for the sample store, not a file");
        }
        boolean fsync = flags.bool("fsync");
        int threads = flags.intIn("threads", 1, 1024);
        long maxBody = flags.bytes("max-body", 1024, 1L << 31);
        ServerConfig.Access access = access(flags, env, host);
        long bodyMemory = flags.string("body-memory") == null ? 0 : flags.bytes("body-memory", 1L << 20, Long.MAX_VALUE);
        ServerConfig http = new ServerConfig(host, port, threads, maxBody, flags.bool("access-log"),
                flags.intIn("queue", 1, 1_000_000), flags.intIn("request-timeout", 1, 86_400),
                flags.intIn("idle-timeout", 1, 86_400), flags.intIn("connections", 2, 100_000), bodyMemory, access);
        return new ServerOptions(http, dataDir, fsync, model, ModelFlags.autoBookPrecision(flags),
                flags.longIn("snapshot-every", 0, Long.MAX_VALUE - 1), warmUp(flags), kafka(flags));
    }

    private static double warmUp(Flags flags) throws UsageException {
        double seconds;
        try {
            seconds = Double.parseDouble(flags.string("warm-up").trim());
        } catch (NumberFormatException e) {
            seconds = Double.NaN;
        }
        if (!(seconds >= 0 && seconds <= MAX_WARM_UP_SECONDS)) {
            throw flags.problem("warm-up", "expected a number of seconds from 0 (off) to " + (int) MAX_WARM_UP_SECONDS);
        }
        return seconds;
    }

    private static Kafka kafka(Flags flags) throws UsageException {
        String bootstrap = flags.string("kafka");
        String topic = flags.string("kafka-topic").trim();
        long maxLag = flags.longIn("max-lag", 0, Long.MAX_VALUE - 1);
        if (bootstrap == null) {
            // an environment shared with cluster nodes may set their twins; a flag written here without --kafka is a slip
            for (String clusterOnly : List.of("kafka-topic", "max-lag")) {
                if (flags.onCommandLine(clusterOnly)) {
                    throw flags.wrong(clusterOnly, "is for cluster mode, and there is no --kafka; give --kafka HOST:PORT too,"
                            + " or leave it out");
                }
            }
            return null;
        }
        List<String> servers = new java.util.ArrayList<>();
        for (String server : bootstrap.split(",", -1)) {
            String s = server.trim();
            int colon = s.lastIndexOf(':');
            if (colon <= 0 || !s.substring(colon + 1).matches("\\d{1,5}") || Integer.parseInt(s.substring(colon + 1)) > 65535
                    || Integer.parseInt(s.substring(colon + 1)) == 0) {
                throw flags.problem("kafka", "expected HOST:PORT[,HOST:PORT...] with ports 1..65535");
            }
            servers.add(s);
        }
        // Kafka's own rule for topic names; the generations add ".gN" to it (see docs/CLUSTER.md)
        if (!topic.matches("[A-Za-z0-9._-]{1,200}")) {
            throw flags.problem("kafka-topic", "expected 1..200 of letters, digits, '.', '_' and '-'");
        }
        // TOPIC.gN are the generations a deletion rewrites the log into, and Kafka keeps names with "__" for itself
        if (topic.matches(".*\\.g[0-9]+") || topic.startsWith("__")) {
            throw flags.problem("kafka-topic", "expected the log's base name: names ending in .gN are its generations,"
                    + " which the nodes find themselves, and names starting with __ are Kafka's own");
        }
        return new Kafka(List.copyOf(servers), topic, maxLag);
    }

    /**
     * The settings of a throwaway loopback server on a free port (as the demo and tests run it);
     * without an access log, whose lines would drown the demo's output.
     */
    public static ServerOptions throwaway(Path dataDir) {
        return throwaway(dataDir, 0);
    }

    /** The settings of a throwaway loopback server on {@code port} (0: a free one). */
    public static ServerOptions throwaway(Path dataDir, int port) {
        try {
            return parse(new String[] {"--port", String.valueOf(port), "--data-dir", dataDir.toString(),
                    "--access-log", "false"}, Map.of());
        } catch (UsageException e) {
            throw new IllegalStateException("the defaults must parse", e);
        }
    }

    private static ServerConfig.Access access(Flags flags, Map<String, String> env, String host) throws UsageException {
        Path authFile = flags.path("auth-file");
        boolean allowAnonymous = flags.bool("allow-anonymous");
        Path keystore = flags.path("tls-keystore");
        Path passwordFile = flags.path("tls-password-file");
        Secret password = Secret.fromEnv(env, TLS_PASSWORD_ENV);
        if (authFile != null && allowAnonymous) {
            throw new UsageException("--allow-anonymous and --auth-file contradict each other; give one of them");
        }
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
        // the files must be there; checked after how the flags go together, the likelier mistake
        for (String file : List.of("auth-file", "tls-keystore", "tls-password-file")) {
            flags.existingFile(file);
        }
        return new ServerConfig.Access(authFile, keystore, passwordFile, password);
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
}
