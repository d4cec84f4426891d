package ledgerlearn.client;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.ParseException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.zip.ZipException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import ledgerlearn.cli.Options;
import ledgerlearn.dataset.DatasetReader;
import ledgerlearn.sample.Sample;

/** Streams a data set to a server's POST /sample, then prints /metrics/1000 and one /predict. */
public final class StreamingClient {
    /** Below this many samples the metrics are printed with a note that they are few. */
    static final long METRICS_MIN_SAMPLES = 10_000;
    static final int METRICS_WINDOW = 1000;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);
    private static final HttpResponse.BodyHandler<String> UTF8_BODY =
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8);

    private final Options.Client options;
    private final PrintStream out;
    private final PrintStream err;
    private final String base;
    private final HttpClient http;
    /** The {@code Authorization} header's value, {@code null} without a token. */
    private final String authorization;

    private StreamingClient(Options.Client options, PrintStream out, PrintStream err) throws Failure {
        this.options = options;
        this.out = out;
        this.err = err;
        String url = options.url().toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        // HTTP/1.1 keeps one connection alive for the whole stream; https trusts the JDK's default trust
        // store unless --trust-store names another
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT);
        Options.ClientSecurity security = options.security();
        if (security.trustStore() != null) {
            try {
                builder.sslContext(TrustStore.sslContext(security.trustStore(), security.trustStorePassword()));
            } catch (IOException e) {
                throw new Failure(e.getMessage());
            }
        }
        this.http = builder.build();
        String token = token(security);
        this.authorization = token == null ? null : "Bearer " + token;
    }

    /** The API token from --token-file, else from the environment; {@code null} when neither is given. */
    private static String token(Options.ClientSecurity security) throws Failure {
        String token;
        String source;
        if (security.tokenFile() != null) {
            source = "token file " + security.tokenFile();
            try {
                // Latin-1 decodes any byte; a token is printable ASCII, which the check below enforces
                token = Files.readString(security.tokenFile(), StandardCharsets.ISO_8859_1).strip();
            } catch (IOException e) {
                throw unreadable(source, e);
            }
        } else if (security.token() != null) {
            source = Options.TOKEN_ENV;
            token = security.token().value().strip();
        } else {
            return null;
        }
        // the token is never echoed: a message may end up in a log
        if (token.isEmpty() || !token.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
            throw new Failure("the API token in " + source + " must be one word of printable ASCII");
        }
        return token;
    }

    /** Runs the client; returns the process exit code (0 ok, 1 when the server fails or cannot be reached). */
    public static int run(Options.Client options, PrintStream out, PrintStream err) {
        if (options.maxChunk() < 1 || options.limit() < 0) {
            throw new IllegalArgumentException("maxChunk must be >= 1 and limit >= 0, got " + options);
        }
        try {
            new StreamingClient(options, out, err).stream();
            return 0;
        } catch (Failure failure) {
            err.println(failure.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("interrupted");
            return 1;
        }
    }

    private void stream() throws Failure, InterruptedException {
        String source = options.file() == null ? "the embedded synthetic data set" : options.file().toString();
        long limit = options.limit();
        Random chunkSizes = new Random(options.seed());
        URI sampleUri = uri("/sample");
        Sample last = null;
        long sent = 0;
        long read = 0;
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
                    HttpResponse<String> response = await(inFlight);
                    if (response.statusCode() != 200) {
                        throw new Failure(String.format(Locale.ROOT,
                                "server refused rows %,d-%,d of %s with HTTP %d: %s", sent + 1, sent + inFlight.rows(),
                                source, response.statusCode(), abbreviate(response.body())) + authHint(response));
                    }
                    sent += inFlight.rows();
                    double byRows = limit == Long.MAX_VALUE ? -1 : (double) sent / limit;
                    progress.update(sent, Math.max(byRows, reader.fractionRead()));
                }
                if (chunk == null || chunk.rows() == 0) {
                    break;
                }
                pace(started, read);
                // the body is copied into the request here, so the builder is free for the next chunk
                HttpRequest request = post(sampleUri, body);
                inFlight = new InFlight(chunk.rows(), request, http.sendAsync(request, UTF8_BODY));
                read += chunk.rows();
                last = chunk.last();
            }
            progress.finish(sent);
        } catch (IOException e) {
            progress.abandon();
            throw unreadable(source, e);
        } catch (Failure e) {
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
        printMetrics();
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

    private DatasetReader open(String source) throws Failure {
        try {
            return options.file() == null ? DatasetReader.openEmbedded() : DatasetReader.open(options.file());
        } catch (IOException e) {
            throw unreadable(source, e);
        }
    }

    private static Failure unreadable(String source, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new Failure("cannot read " + source + ": no such file");
        }
        if (e instanceof AccessDeniedException) {
            return new Failure("cannot read " + source + ": permission denied");
        }
        if (e instanceof FileSystemException fileSystem) {
            return new Failure("cannot read " + source + ": " + fileSystem.getReason());
        }
        if (e instanceof ZipException) {
            return new Failure("cannot read " + source + ": not a readable zip (" + e.getMessage() + ")");
        }
        // the data set reader's own messages start with the file's name
        return new Failure("cannot read data set " + e.getMessage());
    }

    private void printMetrics() throws Failure, InterruptedException {
        URI uri = uri("/metrics/" + METRICS_WINDOW);
        HttpResponse<String> response = send(request(uri).GET().build());
        out.println(expectJson(uri, response));
    }

    private void printPrediction(Sample last) throws Failure, InterruptedException {
        StringBuilder query = new StringBuilder();
        SampleJson.appendQuery(query, last);
        URI uri = uri("/predict");
        HttpResponse<String> response = send(post(uri, query));
        out.println("predict " + query + " -> " + expectJson(uri, response)
                + " (booked: " + last.accountNumber() + ")");
    }

    /** The body of a 200 answer, re-written on one line. */
    private static String expectJson(URI uri, HttpResponse<String> response) throws Failure {
        if (response.statusCode() != 200) {
            throw new Failure(response.request().method() + " " + uri + " answered HTTP " + response.statusCode()
                    + ": " + abbreviate(response.body()) + authHint(response));
        }
        try {
            return Json.parse(response.body()).toString();
        } catch (ParseException e) {
            throw new Failure(uri + " answered something that is not JSON: " + abbreviate(response.body()));
        }
    }

    /** What to do about a 401 or 403, else nothing. */
    private static String authHint(HttpResponse<String> response) {
        return switch (response.statusCode()) {
            case 401 -> " (give the API token in --token-file or " + Options.TOKEN_ENV + ")";
            case 403 -> " (the token needs the writer role for POST /sample and the reader role for the rest)";
            default -> "";
        };
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT);
        return authorization == null ? builder : builder.header("Authorization", authorization);
    }

    private HttpRequest post(URI uri, CharSequence body) {
        return request(uri)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toString().getBytes(StandardCharsets.UTF_8)))
                .build();
    }

    private HttpResponse<String> send(HttpRequest request) throws Failure, InterruptedException {
        try {
            return http.send(request, UTF8_BODY);
        } catch (IOException e) {
            throw failure(request, e);
        }
    }

    private HttpResponse<String> await(InFlight inFlight) throws Failure, InterruptedException {
        try {
            return inFlight.response().get();
        } catch (ExecutionException e) {
            throw failure(inFlight.request(), e.getCause());
        }
    }

    /** One line saying why a request got no answer; never a stack trace. */
    private Failure failure(HttpRequest request, Throwable cause) {
        if (hasCause(cause, HttpConnectTimeoutException.class)) {
            return unreachable("connection timed out");
        }
        if (hasCause(cause, UnresolvedAddressException.class) || hasCause(cause, UnknownHostException.class)) {
            return unreachable("unknown host");
        }
        if (hasCause(cause, ConnectException.class)) {
            return unreachable("connection refused");
        }
        if (hasCause(cause, SSLHandshakeException.class)) {
            return new Failure("cannot talk to " + base + " over TLS: " + cause.getMessage()
                    + " — does --trust-store hold the server's certificate?");
        }
        if (hasCause(cause, SSLException.class)) {
            return new Failure("cannot talk to " + base + " over TLS: " + cause.getMessage()
                    + " — does the server serve https?");
        }
        if (hasCause(cause, HttpTimeoutException.class)) {
            return new Failure(request.method() + " " + request.uri() + ": no answer within "
                    + REQUEST_TIMEOUT.toSeconds() + " s");
        }
        return new Failure(request.method() + " " + request.uri() + " failed: "
                + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()));
    }

    private Failure unreachable(String reason) {
        return new Failure("cannot reach " + base + ": " + reason
                + " — is the server running? (start it with: java -jar ledgerlearn.jar server)");
    }

    private URI uri(String path) throws Failure {
        try {
            URI uri = URI.create(base + path);
            if (("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below like any other unusable URL
        }
        throw new Failure("not a usable server URL: \"" + base + "\" (expected e.g. http://127.0.0.1:5000)");
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** A server's answer on one line, cut short if it is long (a proxy's HTML page, say). */
    private static String abbreviate(String text) {
        String line = text.strip().replaceAll("\\s*[\r\n]+\\s*", " ");
        return line.length() <= 500 ? line : line.substring(0, 500) + "...";
    }

    private record Chunk(int rows, Sample last) {}

    private record InFlight(int rows, HttpRequest request, CompletableFuture<HttpResponse<String>> response) {}

    /** Ends the run with one line on stderr and exit code 1. */
    private static final class Failure extends Exception {
        Failure(String message) {
            super(message, null, false, false);
        }
    }
}
