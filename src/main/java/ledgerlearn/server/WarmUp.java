package ledgerlearn.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import ledgerlearn.cli.ServerOptions;
import ledgerlearn.client.SampleJson;
import ledgerlearn.dataset.DatasetReader;
import ledgerlearn.http.ApiServer;
import ledgerlearn.http.ServerConfig;
import ledgerlearn.learn.Learner;
import ledgerlearn.process.Directories;
import ledgerlearn.sample.Sample;

/**
 * Before the server listens, its hot paths run on a throwaway server (a learner of its own on a temporary
 * data dir, a free loopback port) that is fed the embedded synthetic data set over HTTP: POST /sample in
 * chunks, and now and then /predict, /predict/batch, /metrics and /stats. A fresh JVM interprets and
 * then compiles that code; done here, the first clients get compiled code instead of paying for it.
 * It stops at a deadline, so the start stays short, and is thrown away whole.
 */
final class WarmUp {
    private static final System.Logger LOG = System.getLogger("ledgerlearn");
    /** Less time than this left is not worth a throwaway server. */
    static final long MINIMUM_NANOS = 100_000_000L;
    private static final long SEED = 1;
    private static final int MAX_CHUNK = 500;
    /** The first round's largest chunk; each round's doubles, up to {@link #MAX_CHUNK}. */
    private static final int FIRST_CHUNK = 8;
    private static final int QUERIES = 100;

    /** What the warm-up did. */
    record Result(int requests, long samples, double seconds) {
    }

    private WarmUp() {}

    /**
     * Warms up until {@code deadlineNanos} (on the {@link System#nanoTime()} clock) or until the data set is
     * used up; does nothing with less than {@link #MINIMUM_NANOS} left. A failure is logged and otherwise
     * ignored: the server starts cold then, but it starts.
     */
    static Result run(ServerOptions options, long deadlineNanos) {
        long started = System.nanoTime();
        if (deadlineNanos - started < MINIMUM_NANOS) {
            return new Result(0, 0, 0);
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("ledgerlearn-warm-up-");
            return feed(options, dir, deadlineNanos, started);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "warm-up failed, starting cold: " + e);
            return new Result(0, 0, (System.nanoTime() - started) / 1e9);
        } finally {
            if (dir != null) {
                deleteQuietly(dir);
            }
        }
    }

    private static Result feed(ServerOptions options, Path dir, long deadlineNanos, long started) throws IOException {
        ServerConfig real = options.http();
        // the real server's timeouts: the JDK server keeps those of the first server a JVM starts
        ServerConfig throwaway = new ServerConfig("127.0.0.1", 0, real.threads(), real.maxBodyBytes(), false, real.queue(),
                real.requestTimeoutSeconds(), real.idleTimeoutSeconds(), real.connections(), real.bodyMemory(),
                new ServerConfig.Access(null, null, null, null));
        int requests = 0;
        long samples = 0;
        try (Learner learner = Learner.open(dir, false, options.model(), options.autoBookPrecision(),
                Learner.NO_SNAPSHOTS)) {
            ApiServer server = ApiServer.start(throwaway, learner);
            // the rows are read as they are sent: reading all 20,000 first took a fresh JVM a tenth of a second
            try (DatasetReader reader = DatasetReader.openEmbedded()) {
                String base = "http://127.0.0.1:" + server.port();
                Random chunks = new Random(SEED);
                StringBuilder body = new StringBuilder(1 << 16);
                ArrayDeque<Sample> latest = new ArrayDeque<>(QUERIES);
                List<Sample> chunk = new ArrayList<>(MAX_CHUNK);
                for (int round = 0; System.nanoTime() < deadlineNanos; round++) {
                    // the first rounds run interpreted, a row at a time slow: small chunks keep each round
                    // short, so the deadline is not overrun by much
                    int size = 1 + chunks.nextInt(Math.min(MAX_CHUNK, FIRST_CHUNK << Math.min(round, 16)));
                    chunk.clear();
                    for (Sample row; chunk.size() < size && (row = reader.next()) != null; ) {
                        chunk.add(row);
                    }
                    if (chunk.isEmpty()) {
                        break;
                    }
                    body.setLength(0);
                    body.append('[');
                    for (int i = 0; i < chunk.size(); i++) {
                        SampleJson.appendSample(body.append(i > 0 ? "," : ""), chunk.get(i));
                        if (latest.size() == QUERIES) {
                            latest.removeFirst();
                        }
                        latest.addLast(chunk.get(i));
                    }
                    exchange(base + "/sample", body.append(']'));
                    requests++;
                    if (System.nanoTime() >= deadlineNanos) {
                        break;
                    }
                    Sample query = latest.getLast();
                    exchange(base + "/predict", query(body, List.of(query), false));
                    exchange(base + "/predict?top=3&detail=true", query(body, List.of(query), false));
                    exchange(base + "/predict/batch", query(body, List.copyOf(latest), true));
                    requests += 3;
                    if (requests % 20 == 0) {
                        exchange(base + "/metrics/1000", null);
                        exchange(base + "/stats", null);
                        requests += 2;
                    }
                }
                samples = learner.samples();
            } finally {
                // its last answer is read, but its request may still be closing: a second lets it, without a warning
                server.stop(1);
            }
        }
        return new Result(requests, samples, (System.nanoTime() - started) / 1e9);
    }

    private static StringBuilder query(StringBuilder body, List<Sample> samples, boolean batch) {
        body.setLength(0);
        if (batch) {
            body.append('[');
        }
        for (int i = 0; i < samples.size(); i++) {
            SampleJson.appendQuery(body.append(i > 0 ? "," : ""), samples.get(i));
        }
        return batch ? body.append(']') : body;
    }

    /** A GET (no body) or a POST on a kept-alive connection; anything but a 200 is a failure of the warm-up. */
    private static void exchange(String url, CharSequence body) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
        if (body != null) {
            byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(bytes.length);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(bytes);
            }
        }
        int status = connection.getResponseCode();
        try (InputStream in = status == 200 ? connection.getInputStream() : connection.getErrorStream()) {
            // read to the end, so the connection is kept for the next request
            byte[] answer = in == null ? new byte[0] : in.readAllBytes();
            if (status != 200) {
                throw new IOException(url + " answered " + status + ": " + new String(answer, StandardCharsets.UTF_8));
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            Directories.deleteRecursively(dir);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not delete the warm-up's data dir " + dir + ": " + e.getMessage());
        }
    }
}
