package ledgerlearn.client;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonValue;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import ledgerlearn.dataset.DatasetReader;
import ledgerlearn.dataset.ScaleDataset;
import ledgerlearn.dataset.SyntheticDataset;
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
     * @param skip how many of the data set's first rows to leave out (to resume a stream that was cut)
     * @param limit how many rows to stream at most ({@link Long#MAX_VALUE} for all)
     * @param seed seeds the random chunk sizes
     * @param maxChunk chunk sizes are drawn uniformly from 1..maxChunk
     * @param quiet no progress bar
     * @param rate rows per second at most, 0 for as fast as the server takes them
     * @param json only the JSON lines on standard output: no learning curve, the prediction as JSON
     * @param keys send each chunk with an {@code Idempotency-Key}, so that a run again resumes
     * @param command run as the {@code client} command, which a person runs again to resume: warn when no file
     *     is given (the embedded synthetic set is streamed), and on Ctrl-C say what is stored and how to resume
     * @param synthetic a synthetic stream at platform scale to send instead of a file, the rows of {@code generate
     *     --companies --rows} with its default seed, made as they are sent; {@code null}: none
     */
    public record Settings(Connection server, Path file, long skip, long limit, long seed, int maxChunk, boolean quiet,
                           int rate, boolean json, boolean keys, boolean command, ScaleDataset.Size synthetic) {
        /** Settings that stream a file, or the embedded synthetic set. */
        public Settings(Connection server, Path file, long skip, long limit, long seed, int maxChunk, boolean quiet,
                        int rate, boolean json, boolean keys, boolean command) {
            this(server, file, skip, limit, seed, maxChunk, quiet, rate, json, keys, command, null);
        }

        /** Settings that send keys, as another command's part (the demo's): no warning, nothing said on Ctrl-C. */
        public Settings(Connection server, Path file, long skip, long limit, long seed, int maxChunk, boolean quiet,
                        int rate, boolean json) {
            this(server, file, skip, limit, seed, maxChunk, quiet, rate, json, true, false);
        }

        /** Settings that stream from the first row as fast as the server takes the rows. */
        public Settings(Connection server, Path file, long limit, long seed, int maxChunk, boolean quiet) {
            this(server, file, limit, seed, maxChunk, quiet, 0);
        }

        /** Settings that stream from the first row and print the learning curve and the prediction for people to read. */
        public Settings(Connection server, Path file, long limit, long seed, int maxChunk, boolean quiet, int rate) {
            this(server, file, 0, limit, seed, maxChunk, quiet, rate, false);
        }
    }

    /** How long a batch answered 503 with Retry-After is sent again (with a key) before the client gives up. */
    static final long RETRY_503_NANOS = TimeUnit.MINUTES.toNanos(2);

    private final Settings options;
    private final PrintStream out;
    private final PrintStream err;
    private final CountDownLatch stop;
    private final ApiClient api;
    private final List<Double> curve = new ArrayList<>();
    /** Set once the server refused a reader's request with 403: the token may only write. */
    private boolean readerRefused;
    private boolean busyNoted;
    /** Rows the server has acknowledged (stored now or before), read by the Ctrl-C hook. */
    private volatile long acknowledged;
    /** Rows sent whose answer has not come yet. */
    private volatile long inFlightRows;
    /** The data set being streamed, while the stream runs as the client command; read by the Ctrl-C hook. */
    private volatile String streaming;
    /**
     * Held while a batch is sent and while its answer is counted, and by the Ctrl-C hook while it reads what the
     * server holds: the JVM runs the stream on while the hook runs, and once the hook has read, no batch is sent.
     */
    private final ReentrantLock sendLock = new ReentrantLock();
    /** Set by the Ctrl-C hook: no batch is sent after it. */
    private volatile boolean interrupted;

    private StreamingClient(Settings options, PrintStream out, PrintStream err, CountDownLatch stop)
            throws ApiClient.Failure {
        this.options = options;
        this.out = out;
        this.err = err;
        this.stop = stop;
        this.api = new ApiClient(options.server(), err);
    }

    /** Runs the client; returns the process exit code (0 ok, 1 when the server fails or cannot be reached). */
    public static int run(Settings options, PrintStream out, PrintStream err) {
        return run(options, out, err, new CountDownLatch(1));
    }

    /**
     * As {@link #run(Settings, PrintStream, PrintStream)}, but once {@code stop} is counted down the stream
     * ends after the batch in flight (a paced pause ends at once), and the client returns 0 without the
     * final metrics. Nothing is interrupted, so nothing is left half-closed.
     */
    public static int run(Settings options, PrintStream out, PrintStream err, CountDownLatch stop) {
        if (options.maxChunk() < 1 || options.limit() < 0 || options.skip() < 0) {
            throw new IllegalArgumentException("maxChunk must be >= 1, limit and skip >= 0, got " + options);
        }
        StreamingClient client;
        try {
            client = new StreamingClient(options, out, err, stop);
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
            client.api.close();
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs
            }
        }
    }

    /** What a Ctrl-C (or any end of the JVM mid-stream) leaves: the rows acknowledged, and how to resume. */
    private void reportInterruption() {
        String source = streaming;
        if (source == null) {
            return;
        }
        long done;
        long pending;
        // a send that blocks (a server that stopped reading) must not hold the report back for ever: the rows in
        // flight are counted before a send begins, so the numbers are right without the lock too
        boolean locked = false;
        try {
            locked = sendLock.tryLock(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            interrupted = true;
            done = options.skip() + acknowledged;
            pending = inFlightRows;
        } finally {
            if (locked) {
                sendLock.unlock();
            }
        }
        err.println();
        err.println(String.format(Locale.ROOT, "interrupted: the server holds rows 1-%,d of %s%s.", done, source,
                pending == 0 ? "" : String.format(Locale.ROOT, " (rows %,d-%,d were on their way and may be stored too)",
                        done + 1, done + pending)));
        err.println(options.keys()
                ? "To resume, run the same command again: the rows already stored are not stored twice."
                : "Without idempotency keys a run again would store these rows twice; resume with " + resumeCommand(done)
                + ", or run with --idempotency-keys true.");
    }

    private void stream() throws ApiClient.Failure, InterruptedException {
        String source = options.synthetic() != null ? String.format(Locale.ROOT,
                "the synthetic stream of %,d companies and %,d rows", options.synthetic().companies(), options.synthetic().rows())
                : options.file() == null ? "the embedded synthetic data set" : options.file().toString();
        long limit = options.limit();
        Random chunkSizes = new Random(options.seed());
        URI sampleUri = api.uri("/sample");
        Sample last = null;
        long sent = 0;
        long replayed = 0;
        boolean resumed = false;
        // the limit ended the last chunk early: a run with a larger limit sends that chunk whole, under another key
        boolean cutByLimit = false;
        int lastChunkRows = 0;
        long read = 0;
        int chunks = 0;
        MessageDigest data = sha256();
        long total = -1;
        int nextPoint = 1;
        long started = System.nanoTime();
        RowCount rows = options.synthetic() != null
                ? RowCount.known(Math.max(0, Math.min(limit, options.synthetic().rows() - options.skip())))
                : RowCount.of(options.file(), options.skip(), limit, options.quiet());
        ProgressBar progress = ProgressBar.of(err, options.quiet(), rows::total);
        StringBuilder body = new StringBuilder(1 << 16);
        try (DatasetReader reader = open(source); BatchConnection batches = api.batchConnection(sampleUri)) {
            if (reader.skip(options.skip()) < options.skip()) {
                throw new ApiClient.Failure(String.format(Locale.ROOT, "%s has fewer than %,d rows: nothing to send after --skip",
                        source, options.skip()));
            }
            if (options.file() == null && options.synthetic() == null && options.command()) {
                err.println("warning: no --data given, so this streams the embedded synthetic data set (made-up rows"
                        + " of the real set's shape), not your data; give --data CSV-or-ZIP for a data set of yours");
            }
            err.println(String.format(Locale.ROOT, "streaming %s to %s: %s rows%s in chunks of 1-%,d (seed %d)%s", source,
                    options.server().url(), limit == Long.MAX_VALUE ? "all" : String.format(Locale.ROOT, "up to %,d", limit),
                    options.skip() == 0 ? "" : String.format(Locale.ROOT, " after the first %,d", options.skip()),
                    options.maxChunk(), options.seed(), options.keys() ? ", each with an idempotency key" : ""));
            streaming = options.command() ? source : null;
            int inFlight = 0; // the rows of the batch sent and not yet answered
            byte[] inFlightBytes = null;
            String inFlightKey = null;
            boolean exhausted = false;
            while (true) {
                Chunk chunk = null;
                byte[] bytes = null;
                if (!exhausted && read < limit && !stopped()) {
                    // read and built while the previous chunk is still with the server: both cores busy
                    int drawn = 1 + chunkSizes.nextInt(options.maxChunk());
                    int wanted = (int) Math.min(drawn, limit - read);
                    cutByLimit = wanted < drawn;
                    chunk = readChunk(reader, body, wanted);
                    exhausted = chunk.rows() < wanted;
                    bytes = body.toString().getBytes(StandardCharsets.UTF_8);
                    data.update(bytes);
                }
                if (inFlight > 0) {
                    JsonValue answer = ApiClient.parse(sampleUri, awaitBatch(batches, sampleUri, inFlight, source, sent, total,
                            inFlightBytes, inFlightKey).body());
                    total = total(answer);
                    boolean storedBefore = isReplayed(answer);
                    if (storedBefore) {
                        replayed += inFlight;
                    } else if (replayed > 0 && !resumed) {
                        resumed = true;
                        progress.abandon();
                        err.println(String.format(Locale.ROOT, "resuming: %,d rows already stored; storing from row %,d",
                                replayed, options.skip() + sent + 1));
                    }
                    sendLock.lock();
                    try {
                        sent += inFlight;
                        acknowledged = sent;
                        inFlightRows = 0;
                    } finally {
                        sendLock.unlock();
                    }
                    progress.update(sent);
                    // The curve's points are spaced by rows when their number is known, else by the bytes
                    // read, which run a buffer ahead of the rows sent.
                    double along = rows.total() > 0 ? (double) sent / rows.total() : reader.fractionRead();
                    boolean more = chunk != null && chunk.rows() > 0;
                    // the last point is the final metrics, read once the stream has ended
                    if (!options.json() && more && nextPoint < CURVE_POINTS && along * CURVE_POINTS >= nextPoint) {
                        // nothing is in flight here, so the server has learnt every row sent; after a batch it
                        // had stored before (a resumed or repeated stream) it may have learnt more, and its
                        // figures are not of this point of the stream
                        if (!storedBefore) {
                            addCurvePoint(readable(api.get(metricsUri())));
                        }
                        nextPoint = (int) Math.floor(along * CURVE_POINTS) + 1;
                    }
                }
                if (chunk == null || chunk.rows() == 0) {
                    break;
                }
                // a chunk goes once its rows are due, so that no span of the stream runs above the rate
                pace(started, read + chunk.rows());
                if (stopped()) {
                    break;
                }
                String key = options.keys() ? key(options.seed(), chunks, options.skip() + read, chunk.rows(), data) : null;
                inFlight = chunk.rows();
                if (!send(batches, bytes, key, inFlight)) {
                    return;
                }
                inFlightBytes = bytes;
                inFlightKey = key;
                read += chunk.rows();
                lastChunkRows = chunk.rows();
                chunks++;
                last = chunk.last();
            }
            // a chunk cut at the end of the data set is the same chunk in a run with a larger limit
            cutByLimit = cutByLimit && !stopped() && rowsAfter(reader);
            if (stopped()) {
                progress.abandon();
                // another command's stream (the demo's, into a data dir of its own that goes with it) is not resumed
                err.println(String.format(Locale.ROOT, "stopped after %,d rows", sent) + (!options.command() ? ""
                        : "; resume with " + (options.keys() ? "the same command again" : resumeCommand(options.skip() + sent))));
                return;
            }
            progress.finish(sent);
        } catch (IOException e) {
            progress.abandon();
            throw ApiClient.unreadable(source, e);
        } catch (ApiClient.Failure e) {
            progress.abandon();
            throw e;
        } finally {
            rows.stop();
            // from here on, an interruption leaves nothing unsaid: the stream is done or has failed with its message
            streaming = null;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        err.println(String.format(Locale.ROOT, "sent %,d rows in %.2f s (%,.0f rows/s)%s",
                sent, seconds, seconds > 0 ? sent / seconds : 0.0, replayed == 0 ? ""
                        : replayed == sent ? String.format(Locale.ROOT, "; resuming: all %,d were already stored, none"
                        + " stored twice", sent)
                        : String.format(Locale.ROOT, ": %,d already stored (not stored twice), %,d stored now", replayed,
                        sent - replayed)));
        if (cutByLimit && options.keys() && last != null && read == sent) {
            err.println(String.format(Locale.ROOT, "note: --limit ended the stream inside a chunk; to send the rows after"
                    + " these later, run with --skip %d (the same command with a larger --limit would send that chunk"
                    + " whole, and store its first %,d rows again)", options.skip() + sent, lastChunkRows));
        }
        if (sent < METRICS_MIN_SAMPLES) {
            err.println(String.format(Locale.ROOT,
                    "note: only %,d rows sent, fewer than %,d; the metrics cover what the server has",
                    sent, METRICS_MIN_SAMPLES));
        }
        printMetrics(sent, replayed);
        if (readerRefused) {
            err.println("note: skipped the metrics and the example prediction: the token may only write samples"
                    + " (GET /metrics and POST /predict need the reader role)");
        } else if (last == null) {
            err.println("note: " + source + " has no rows; no example prediction");
        } else {
            printPrediction(last);
        }
    }

    /**
     * The idempotency key of chunk {@code number} (from 0), rows {@code from + 1} to {@code from + rows} of the data
     * set: with the seed, and a digest of every row sent up to the chunk's end, so that the same chunk of the same data
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

    private static boolean isReplayed(JsonValue answer) {
        try {
            return answer.isObject() && answer.asObject().getBoolean("replayed", false);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private boolean stopped() {
        return stop.getCount() == 0;
    }

    /**
     * The answer to the batch in flight, if it is a 200; otherwise a failure naming its rows, and when the
     * server went away or is stopping, how to resume once it is back.
     */
    private BatchConnection.Answer awaitBatch(BatchConnection batches, URI sampleUri, int inFlight, String source,
                                              long sent, long total, byte[] body, String key)
            throws ApiClient.Failure, InterruptedException {
        String rows = String.format(Locale.ROOT, "rows %,d-%,d of %s", options.skip() + sent + 1,
                options.skip() + sent + inFlight, source);
        BatchConnection.Answer response = answer(batches, sampleUri, rows, sent, inFlight, total);
        // a 503 with Retry-After stored nothing of the batch (busy, stopping, or its store failing for now): with a
        // key, sending it again can never store it twice, so it is sent again when the server says, for a while
        long retryUntil = System.nanoTime() + RETRY_503_NANOS;
        boolean told = false;
        while (response.status() == 503 && key != null && response.retryAfterSeconds() >= 0
                && System.nanoTime() + TimeUnit.SECONDS.toNanos(response.retryAfterSeconds()) < retryUntil) {
            int seconds = Math.max(1, response.retryAfterSeconds());
            if (!told) {
                told = true;
                err.println(String.format(Locale.ROOT, "%nserver answered HTTP 503 (%s) for %s; sending them again"
                        + " when it says, for up to %d s", ApiClient.abbreviate(response.body()), rows,
                        TimeUnit.NANOSECONDS.toSeconds(RETRY_503_NANOS)));
            }
            if (stop.await(seconds, TimeUnit.SECONDS)) {
                break;
            }
            if (!send(batches, body, key, inFlight)) {
                break;
            }
            response = answer(batches, sampleUri, rows, sent, inFlight, total);
        }
        return accepted(response, rows, sent, inFlight, total);
    }

    /**
     * Sends a batch of {@code rows} rows, counted as in flight before it goes, unless the Ctrl-C hook has read what
     * the server holds; returns whether it was sent.
     */
    private boolean send(BatchConnection batches, byte[] body, String key, int rows) {
        sendLock.lock();
        try {
            if (interrupted) {
                return false;
            }
            inFlightRows = rows;
            batches.send(body, key);
            return true;
        } finally {
            sendLock.unlock();
        }
    }

    /** The answer to the batch in flight; when there is none, a failure saying what the server holds. */
    private BatchConnection.Answer answer(BatchConnection batches, URI sampleUri, String rows, long sent, int inFlight,
                                          long total) throws ApiClient.Failure {
        try {
            return batches.answer();
        } catch (IOException answerless) {
            ApiClient.Failure e = api.failure("POST", sampleUri, answerless);
            if (!e.serverLost() || sent == 0) {
                // nothing was taken yet: there is nothing to resume
                throw e;
            }
            throw new ApiClient.Failure(e.getMessage() + ", while taking " + rows + ". " + resumeAdvice(sent, inFlight, total));
        }
    }

    /** {@code response} if it is a 200; otherwise a failure naming its rows, and how to resume when that helps. */
    private BatchConnection.Answer accepted(BatchConnection.Answer response, String rows, long sent, int inFlight,
                                            long total) throws ApiClient.Failure {
        if (response.status() == 200) {
            return response;
        }
        String refused = String.format(Locale.ROOT, "server refused %s with HTTP %d: %s", rows,
                response.status(), ApiClient.abbreviate(response.body())) + ApiClient.authHint(response.status(), response.body())
                + (response.status() == 409 ? " (the server holds other rows under this chunk's key: another data set"
                + " or other flags were streamed with the same seed)" : "");
        throw new ApiClient.Failure(response.status() == 503 ? refused + ". " + resumeAdvice(sent, inFlight, total) : refused);
    }

    /** The store's row count in a POST /sample answer, {@code -1} if it has none. */
    private static long total(JsonValue answer) {
        return answer.isObject() ? answer.asObject().getLong("total", -1) : -1;
    }

    /** What was stored before a batch that got no answer, and the command that resumes after it. */
    private String resumeAdvice(long sent, int inFlight, long total) {
        long done = options.skip() + sent;
        if (options.keys()) {
            return String.format(Locale.ROOT, "The server stored the %,d rows before; once it is back, run the same command"
                    + " again: the rows already stored are not stored twice", done);
        }
        String advice = String.format(Locale.ROOT, "The server stored the %,d rows before; resume once it is back with: %s",
                done, resumeCommand(done));
        if (total < 0) {
            return advice;
        }
        // a batch is stored whole or not at all, but a crash can come between storing it and answering
        return advice + String.format(Locale.ROOT, " (if GET /health then counts %,d samples, that batch was stored"
                + " too: use %s)", total + inFlight, resumeFlags(done + inFlight));
    }

    /** The command line that streams the rest after the data set's first {@code done} rows. */
    private String resumeCommand(long done) {
        StringBuilder command = new StringBuilder("java -jar ledgerlearn.jar client --url ").append(options.server().url());
        if (options.file() != null) {
            command.append(" --data ").append(options.file());
        }
        if (options.synthetic() != null) {
            command.append(" --synthetic ").append(options.synthetic().companies()).append(',').append(options.synthetic().rows());
        }
        return command.append(' ').append(resumeFlags(done)).toString();
    }

    /** {@code --skip done}, and the limit that is left of this stream's, if it has one. */
    private String resumeFlags(long done) {
        return "--skip " + done + " --limit " + (options.limit() == Long.MAX_VALUE ? "all"
                : String.valueOf(Math.max(1, options.limit() - (done - options.skip()))));
    }

    /** With a rate set, waits until {@code rowsBefore} rows are due, so the stream keeps to the rate on average. */
    private void pace(long started, long rowsBefore) throws InterruptedException {
        long pause = pauseNanos(rowsBefore, options.rate(), System.nanoTime() - started);
        if (pause > 0) {
            // a stop ends the pause at once
            stop.await(pause, TimeUnit.NANOSECONDS);
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

    /**
     * Whether the data set goes on after the rows read: a row that cannot be read counts, since this run, which
     * sent every row it was asked for, does not fail on a row it was not asked to send.
     */
    private static boolean rowsAfter(DatasetReader reader) {
        try {
            return reader.next() != null;
        } catch (IOException | RuntimeException e) {
            return true;
        }
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
            return options.synthetic() != null ? DatasetReader.openScale(options.synthetic().companies(),
                    options.synthetic().rows(), SyntheticDataset.SHIPPED_SEED)
                    : options.file() == null ? DatasetReader.openEmbedded() : DatasetReader.open(options.file());
        } catch (IOException e) {
            throw ApiClient.unreadable(source, e);
        }
    }

    private URI metricsUri() throws ApiClient.Failure {
        return api.uri("/metrics/" + METRICS_WINDOW);
    }

    private void addCurvePoint(JsonValue metrics) {
        JsonValue accuracy = metrics != null && metrics.isObject() ? metrics.asObject().get("accuracy") : null;
        if (accuracy != null && accuracy.isNumber()) {
            curve.add(accuracy.asDouble());
        }
    }

    /**
     * The JSON of a reader's request's 200 answer, or {@code null} after a 403, which means the token
     * may only write; then the later reader's requests are not sent.
     */
    private JsonValue readable(ApiClient.Request request) throws ApiClient.Failure, InterruptedException {
        if (readerRefused) {
            return null;
        }
        try {
            return api.json(request);
        } catch (ApiClient.Failure e) {
            if (e.status() == 503) {
                // a busy server: the rows are stored, and a figure of the curve or the end is what is left out
                noteBusy();
                return null;
            }
            if (e.status() != 403) {
                throw e;
            }
            readerRefused = true;
            return null;
        }
    }

    /** Says once that the server was too busy for a reader's request, whose figure is left out. */
    private void noteBusy() {
        if (!busyNoted) {
            busyNoted = true;
            err.println(String.format(Locale.ROOT, "%nnote: the server was busy (HTTP 503) when asked for its metrics or a"
                    + " prediction; those figures are left out (the rows sent are stored all the same)"));
        }
    }

    /**
     * The final metrics as one JSON line, then (unless only JSON is wanted) the learning curve beside it, which
     * has no points over the {@code replayed} rows the server had stored before.
     */
    private void printMetrics(long sent, long replayed) throws ApiClient.Failure, InterruptedException {
        JsonValue metrics = readable(api.get(metricsUri()));
        if (metrics == null) {
            return;
        }
        out.println(metrics);
        if (options.json()) {
            return;
        }
        addCurvePoint(metrics);
        if (curve.size() >= 2) {
            DoubleSummaryStatistics range = curve.stream().mapToDouble(Double::doubleValue).summaryStatistics();
            out.println(String.format(Locale.ROOT,
                    "accuracy  %s  min %.3f  max %.3f  (last %,d scored samples, %d points over %,d rows%s)",
                    Sparkline.of(curve, Sparkline.stdoutTakesUnicode()), range.getMin(), range.getMax(),
                    METRICS_WINDOW, curve.size(), sent, replayed == 0 ? ""
                            : String.format(Locale.ROOT, "; none over the %,d stored before", replayed)));
        } else if (replayed > 0) {
            out.println(String.format(Locale.ROOT, "accuracy  no curve: the server had stored %,d of the %,d rows before",
                    replayed, sent));
        }
    }

    private void printPrediction(Sample last) throws ApiClient.Failure, InterruptedException {
        StringBuilder query = new StringBuilder();
        SampleJson.appendQuery(query, last);
        JsonValue predicted = readable(api.post(api.uri("/predict"), query));
        if (predicted == null) {
            return;
        }
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
}
