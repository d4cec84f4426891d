package ledgerlearn.client;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonValue;
import ledgerlearn.dataset.DatasetReader;
import ledgerlearn.sample.Sample;

/**
 * Streams a data set to a server's POST /sample, then prints /metrics/1000, a sparkline of the
 * accuracy along the way, and one /predict. Each chunk goes with an idempotency key made of the seed, the
 * chunk's number and rows, and a digest of the data up to its end, so that running the same command again,
 * after a Ctrl-C, a crash or a lost answer, stores nothing twice and goes on where the server left off.
 */
public final class StreamingClient {
    /** Below this many samples the metrics are printed with a note that they are few. */
    static final long METRICS_MIN_SAMPLES = 10_000;
    static final int METRICS_WINDOW = 1000;
    /** How many times along the stream the accuracy is read for the learning curve (the last at the end). */
    static final int CURVE_POINTS = 20;

    /**
     * What to stream, and how.
     *
     * @param file a data set CSV or zip; {@code null} streams the embedded synthetic data set
     * @param limit how many rows to stream at most ({@link Long#MAX_VALUE} for all)
     * @param seed seeds the random chunk sizes
     * @param maxChunk chunk sizes are drawn uniformly from 1..maxChunk
     * @param quiet no progress bar
     * @param rate rows per second at most, 0 for as fast as the server takes them
     * @param json only the JSON lines on standard output: no learning curve, the prediction as JSON
     * @param keys send each chunk with an {@code Idempotency-Key}, so that a run again resumes
     * @param command run as the {@code client} command, which a person runs again to resume: warn when no file
     *     is given (the embedded synthetic set is streamed), and on Ctrl-C say what is stored and how to resume
     */
    public record Settings(Connection server, Path file, long limit, long seed, int maxChunk, boolean quiet, int rate,
                           boolean json, boolean keys, boolean command) {
        /** Settings that send keys, as another command's part (the demo's): no warning, nothing said on Ctrl-C. */
        public Settings(Connection server, Path file, long limit, long seed, int maxChunk, boolean quiet, int rate,
                        boolean json) {
            this(server, file, limit, seed, maxChunk, quiet, rate, json, true, false);
        }

        /** Settings that stream as fast as the server takes the rows. */
        public Settings(Connection server, Path file, long limit, long seed, int maxChunk, boolean quiet) {
            this(server, file, limit, seed, maxChunk, quiet, 0);
        }

        /** Settings that print the learning curve and the prediction for people to read. */
        public Settings(Connection server, Path file, long limit, long seed, int maxChunk, boolean quiet, int rate) {
            this(server, file, limit, seed, maxChunk, quiet, rate, false);
        }
    }

    private final Settings options;
    private final PrintStream out;
    private final PrintStream err;
    private final ApiClient api;
    private final List<Double> curve = new ArrayList<>();
    /** Rows the server has acknowledged (stored now or before), read by the Ctrl-C hook. */
    private volatile long acknowledged;
    /** Rows sent whose answer has not come yet. */
    private volatile long inFlight;
    private volatile String source;

    private StreamingClient(Settings options, PrintStream out, PrintStream err) throws ApiClient.Failure {
        this.options = options;
        this.out = out;
        this.err = err;
        this.api = new ApiClient(options.server());
    }

    /** Runs the client; returns the process exit code (0 ok, 1 when the server fails or cannot be reached). */
    public static int run(Settings options, PrintStream out, PrintStream err) {
        if (options.maxChunk() < 1 || options.limit() < 0) {
            throw new IllegalArgumentException("maxChunk must be >= 1 and limit >= 0, got " + options);
        }
        StreamingClient client;
        try {
            client = new StreamingClient(options, out, err);
        } catch (ApiClient.Failure e) {
            err.println(e.getMessage());
            return 1;
        }
        // Ctrl-C ends the JVM at once; the hook says what the server holds and how to go on
        Thread onInterrupt = new Thread(client::reportInterruption, "ledgerlearn-client-interrupted");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            return ApiClient.exitCode(err, client::stream);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs
            }
        }
    }

    /** What a Ctrl-C (or any end of the JVM mid-stream) leaves: the rows acknowledged, and how to resume. */
    private void reportInterruption() {
        if (source == null) {
            return;
        }
        long done = acknowledged;
        long pending = inFlight;
        err.println();
        err.println(String.format(Locale.ROOT, "interrupted: the server holds rows 1-%,d of %s%s.", done, source,
                pending == 0 ? "" : String.format(Locale.ROOT, " (rows %,d-%,d were on their way and may be stored too)",
                        done + 1, done + pending)));
        err.println(options.keys()
                ? "To resume, run the same command again: the rows already stored are not stored twice."
                : "Without idempotency keys a run again would store these rows twice; run with --idempotency-keys true.");
    }

    private void stream() throws ApiClient.Failure, InterruptedException {
        String name = options.file() == null ? "the embedded synthetic data set" : options.file().toString();
        long limit = options.limit();
        Random chunkSizes = new Random(options.seed());
        URI sampleUri = api.uri("/sample");
        Sample last = null;
        long sent = 0;
        long replayed = 0;
        boolean resumed = false;
        long read = 0;
        int chunks = 0;
        int nextPoint = 1;
        long started = System.nanoTime();
        MessageDigest data = sha256();
        StringBuilder body = new StringBuilder(1 << 16);
        ProgressBar progress = null;
        try (DatasetReader reader = open(name)) {
            if (options.file() == null && options.command()) {
                err.println("warning: no --file given, so this streams the embedded synthetic data set (made-up rows"
                        + " of the real set's shape), not your data; give --file CSV-or-ZIP for a data set of yours");
            }
            err.println(String.format(Locale.ROOT, "streaming %s to %s: %s rows in chunks of 1-%,d (seed %d)%s", name,
                    options.server().url(), limit == Long.MAX_VALUE ? "all" : String.format(Locale.ROOT, "up to %,d", limit),
                    options.maxChunk(), options.seed(), options.keys() ? ", each with an idempotency key" : ""));
            source = options.command() ? name : null;
            progress = ProgressBar.of(err, options.quiet(), limit == Long.MAX_VALUE ? -1 : limit);
            InFlight inFlight = null;
            boolean exhausted = false;
            while (true) {
                Chunk chunk = null;
                byte[] bytes = null;
                if (!exhausted && read < limit) {
                    // read and built while the previous chunk is still with the server: both cores busy
                    int wanted = (int) Math.min(1 + chunkSizes.nextInt(options.maxChunk()), limit - read);
                    chunk = readChunk(reader, body, wanted);
                    exhausted = chunk.rows() < wanted;
                    bytes = body.toString().getBytes(StandardCharsets.UTF_8);
                    data.update(bytes);
                }
                if (inFlight != null) {
                    HttpResponse<String> response = api.await(inFlight.request(), inFlight.response());
                    if (response.statusCode() != 200) {
                        throw new ApiClient.Failure(String.format(Locale.ROOT,
                                "server refused rows %,d-%,d of %s with HTTP %d: %s", sent + 1, sent + inFlight.rows(),
                                name, response.statusCode(), ApiClient.abbreviate(response.body()))
                                + ApiClient.authHint(response) + (response.statusCode() == 409
                                ? " (the server holds other rows under this chunk's key: another data set or other flags"
                                + " were streamed with the same seed)" : ""));
                    }
                    if (isReplayed(response)) {
                        replayed += inFlight.rows();
                    } else if (replayed > 0 && !resumed) {
                        resumed = true;
                        progress.abandon();
                        err.println(String.format(Locale.ROOT, "resuming: %,d rows already stored; storing from row %,d",
                                replayed, sent + 1));
                    }
                    sent += inFlight.rows();
                    acknowledged = sent;
                    inFlight = null;
                    this.inFlight = 0;
                    double byRows = limit == Long.MAX_VALUE ? -1 : (double) sent / limit;
                    progress.update(sent, Math.max(byRows, reader.fractionRead()));
                    // The curve's points are spaced by rows when the limit is known: the bytes read run a
                    // buffer ahead of the rows sent, too coarse a measure for a small file.
                    double along = limit == Long.MAX_VALUE ? reader.fractionRead() : byRows;
                    boolean more = chunk != null && chunk.rows() > 0;
                    // the last point is the final metrics, read once the stream has ended
                    if (!options.json() && more && nextPoint < CURVE_POINTS && along * CURVE_POINTS >= nextPoint) {
                        // nothing is in flight here, so the server has learnt every row sent
                        addCurvePoint(api.json(api.get(metricsUri())));
                        nextPoint = (int) Math.floor(along * CURVE_POINTS) + 1;
                    }
                }
                if (chunk == null || chunk.rows() == 0) {
                    break;
                }
                pace(started, read);
                String key = options.keys() ? key(options.seed(), chunks, read, chunk.rows(), data) : null;
                HttpRequest request = api.post(sampleUri, bytes, key);
                inFlight = new InFlight(chunk.rows(), request, api.sendAsync(request));
                this.inFlight = chunk.rows();
                read += chunk.rows();
                chunks++;
                last = chunk.last();
            }
            progress.finish(sent);
        } catch (IOException e) {
            abandon(progress);
            throw ApiClient.unreadable(name, e);
        } catch (ApiClient.Failure e) {
            abandon(progress);
            throw e;
        } finally {
            // from here on, an interruption leaves nothing unsaid: the stream is done or has failed with its message
            source = null;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        err.println(String.format(Locale.ROOT, "sent %,d rows in %.1f s (%,.0f rows/s)%s",
                sent, seconds, seconds > 0 ? sent / seconds : 0.0, replayed == 0 ? ""
                        : replayed == sent ? String.format(Locale.ROOT, "; resuming: all %,d were already stored, none"
                        + " stored twice", sent)
                        : String.format(Locale.ROOT, ": %,d already stored (not stored twice), %,d stored now", replayed,
                        sent - replayed)));
        if (sent < METRICS_MIN_SAMPLES) {
            err.println(String.format(Locale.ROOT,
                    "note: only %,d rows sent, fewer than %,d; the metrics cover what the server has",
                    sent, METRICS_MIN_SAMPLES));
        }
        printMetrics(sent);
        if (last == null) {
            err.println("note: " + name + " has no rows; no example prediction");
        } else {
            printPrediction(last);
        }
    }

    /**
     * The idempotency key of chunk {@code number} (from 0), rows {@code from + 1} to {@code from + rows} of the data
     * set: with the seed, and a digest of every row up to the chunk's end, so that the same chunk of the same data
     * gets the same key in every run, and any other chunk another.
     */
    static String key(long seed, int number, long from, int rows, MessageDigest dataSoFar) {
        String digest;
        try {
            digest = HexFormat.of().formatHex(((MessageDigest) dataSoFar.clone()).digest(), 0, 12);
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 can be cloned", e);
        }
        return "ledgerlearn-client/1 seed=" + seed + " chunk=" + number + " rows=" + (from + 1) + "-" + (from + rows)
                + " data=" + digest;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static void abandon(ProgressBar progress) {
        if (progress != null) {
            progress.abandon();
        }
    }

    private static boolean isReplayed(HttpResponse<String> response) {
        try {
            JsonValue answer = Json.parse(response.body());
            return answer.isObject() && answer.asObject().getBoolean("replayed", false);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** With a rate set, waits until {@code rowsBefore} rows are due, so the stream keeps to the rate on average. */
    private void pace(long started, long rowsBefore) throws InterruptedException {
        long pause = pauseNanos(rowsBefore, options.rate(), System.nanoTime() - started);
        if (pause > 0) {
            Thread.sleep(pause / 1_000_000, (int) (pause % 1_000_000));
        }
    }

    /** How long to wait before sending more rows, {@code rowsBefore} having been sent after {@code elapsedNanos}. */
    static long pauseNanos(long rowsBefore, int rate, long elapsedNanos) {
        if (rate <= 0) {
            return 0;
        }
        long due = (long) (rowsBefore * 1e9 / rate);
        return Math.max(0, due - elapsedNanos);
    }

    /** Reads up to {@code wanted} rows into {@code body} as one POST /sample array; fewer only at the end. */
    private static Chunk readChunk(DatasetReader reader, StringBuilder body, int wanted) throws IOException {
        body.setLength(0);
        body.append('[');
        int rows = 0;
        Sample sample;
        Sample last = null;
        while (rows < wanted && (sample = reader.next()) != null) {
            if (rows > 0) {
                body.append(',');
            }
            SampleJson.appendSample(body, sample);
            last = sample;
            rows++;
        }
        body.append(']');
        return new Chunk(rows, last);
    }

    private DatasetReader open(String source) throws ApiClient.Failure {
        try {
            return options.file() == null ? DatasetReader.openEmbedded() : DatasetReader.open(options.file());
        } catch (IOException e) {
            throw ApiClient.unreadable(source, e);
        }
    }

    private URI metricsUri() throws ApiClient.Failure {
        return api.uri("/metrics/" + METRICS_WINDOW);
    }

    private void addCurvePoint(JsonValue metrics) {
        JsonValue accuracy = metrics.isObject() ? metrics.asObject().get("accuracy") : null;
        if (accuracy != null && accuracy.isNumber()) {
            curve.add(accuracy.asDouble());
        }
    }

    /** The final metrics as one JSON line, then (unless only JSON is wanted) the learning curve beside it. */
    private void printMetrics(long sent) throws ApiClient.Failure, InterruptedException {
        JsonValue metrics = api.json(api.get(metricsUri()));
        out.println(metrics);
        if (options.json()) {
            return;
        }
        addCurvePoint(metrics);
        if (curve.size() >= 2) {
            DoubleSummaryStatistics range = curve.stream().mapToDouble(Double::doubleValue).summaryStatistics();
            out.println(String.format(Locale.ROOT,
                    "accuracy  %s  min %.3f  max %.3f  (last %,d scored samples, %d points over %,d rows)",
                    Sparkline.of(curve, Sparkline.stdoutTakesUnicode()), range.getMin(), range.getMax(),
                    METRICS_WINDOW, curve.size(), sent));
        }
    }

    private void printPrediction(Sample last) throws ApiClient.Failure, InterruptedException {
        StringBuilder query = new StringBuilder();
        SampleJson.appendQuery(query, last);
        JsonValue predicted = api.json(api.post(api.uri("/predict"), query));
        if (options.json()) {
            JsonObject line = Json.object()
                    .add("query", Json.parse(query.toString()))
                    .add("predicted", predicted)
                    .add("booked", last.accountNumber());
            out.println(line);
        } else {
            out.println("predict " + query + " -> " + predicted + " (booked: " + last.accountNumber() + ")");
        }
    }

    private record Chunk(int rows, Sample last) {}

    private record InFlight(int rows, HttpRequest request, CompletableFuture<HttpResponse<String>> response) {}
}
