package ledgerlearn.client;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
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
 * accuracy along the way, and one /predict.
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
     */
    public record Settings(Connection server, Path file, long limit, long seed, int maxChunk, boolean quiet, int rate,
                           boolean json) {
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
        return ApiClient.exitCode(err, () -> new StreamingClient(options, out, err).stream());
    }

    private void stream() throws ApiClient.Failure, InterruptedException {
        String source = options.file() == null ? "the embedded synthetic data set" : options.file().toString();
        long limit = options.limit();
        Random chunkSizes = new Random(options.seed());
        URI sampleUri = api.uri("/sample");
        Sample last = null;
        long sent = 0;
        long read = 0;
        int nextPoint = 1;
        long started = System.nanoTime();
        ProgressBar progress = ProgressBar.of(err, options.quiet(), limit == Long.MAX_VALUE ? -1 : limit);
        StringBuilder body = new StringBuilder(1 << 16);
        try (DatasetReader reader = open(source)) {
            InFlight inFlight = null;
            boolean exhausted = false;
            while (true) {
                Chunk chunk = null;
                if (!exhausted && read < limit) {
                    // read and built while the previous chunk is still with the server: both cores busy
                    int wanted = (int) Math.min(1 + chunkSizes.nextInt(options.maxChunk()), limit - read);
                    chunk = readChunk(reader, body, wanted);
                    exhausted = chunk.rows() < wanted;
                }
                if (inFlight != null) {
                    HttpResponse<String> response = api.await(inFlight.request(), inFlight.response());
                    if (response.statusCode() != 200) {
                        throw new ApiClient.Failure(String.format(Locale.ROOT,
                                "server refused rows %,d-%,d of %s with HTTP %d: %s", sent + 1, sent + inFlight.rows(),
                                source, response.statusCode(), ApiClient.abbreviate(response.body()))
                                + ApiClient.authHint(response));
                    }
                    sent += inFlight.rows();
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
                // the body is copied into the request here, so the builder is free for the next chunk
                HttpRequest request = api.post(sampleUri, body);
                inFlight = new InFlight(chunk.rows(), request, api.sendAsync(request));
                read += chunk.rows();
                last = chunk.last();
            }
            progress.finish(sent);
        } catch (IOException e) {
            progress.abandon();
            throw ApiClient.unreadable(source, e);
        } catch (ApiClient.Failure e) {
            progress.abandon();
            throw e;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        err.println(String.format(Locale.ROOT, "sent %,d rows in %.1f s (%,.0f rows/s)",
                sent, seconds, seconds > 0 ? sent / seconds : 0.0));
        if (sent < METRICS_MIN_SAMPLES) {
            err.println(String.format(Locale.ROOT,
                    "note: only %,d rows sent, fewer than %,d; the metrics cover what the server has",
                    sent, METRICS_MIN_SAMPLES));
        }
        printMetrics(sent);
        if (last == null) {
            err.println("note: " + source + " has no rows; no example prediction");
        } else {
            printPrediction(last);
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
