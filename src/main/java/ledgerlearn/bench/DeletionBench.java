package ledgerlearn.bench;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonValue;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import ledgerlearn.process.ServerProcess;

/**
 * Phase 10: {@code DELETE /companies/{id}} on the full real store, once for its smallest company and once for
 * its largest, each while one connection asks {@code /predict} in a closed loop (what readers see meanwhile), in
 * a server with twice the other phases' heap: a deletion holds a second state while the first answers.
 * A deletion relearns every row left, so it costs about a replay of them; the reader's latencies show that
 * predictions go on from the state before it.
 */
final class DeletionBench {
    static final int PHASE = 10;
    /** A deletion relearns the whole store; far longer than this means something is wrong. */
    private static final Duration DELETION_TIMEOUT = Duration.ofMinutes(10);

    private final Report report;
    private final List<byte[]> queries;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    DeletionBench(Report report, List<byte[]> queries) {
        this.report = report;
        this.queries = queries;
    }

    /** Deletes the store's smallest company, then its largest; answers whether both deletions were exact in count. */
    boolean run(ServerProcess server) throws IOException, InterruptedException {
        List<JsonObject> companies = companies(server);
        if (companies.size() < 3) {
            throw new IOException("the store holds " + companies.size() + " companies; the phase needs at least 3");
        }
        JsonObject smallest = companies.get(0);
        JsonObject largest = companies.get(0);
        for (JsonObject company : companies) {
            long samples = company.getLong("samples", 0);
            smallest = samples < smallest.getLong("samples", 0) ? company : smallest;
            largest = samples > largest.getLong("samples", 0) ? company : largest;
        }
        boolean ok = delete(server, smallest, "its smallest company");
        ok &= delete(server, largest, "its largest company");
        return ok;
    }

    private boolean delete(ServerProcess server, JsonObject company, String which) throws IOException, InterruptedException {
        String id = company.getString("company", null);
        long before = Bench.health(server.address());
        LatencyHistogram readerLatency = new LatencyHistogram();
        AtomicBoolean deleting = new AtomicBoolean(true);
        List<String> readerErrors = new ArrayList<>();
        Thread reader = new Thread(() -> readWhileDeleting(server.address(), deleting, readerLatency, readerErrors),
                "bench-deletion-reader");
        reader.start();
        long started = System.nanoTime();
        HttpResponse<String> answer;
        try {
            answer = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/companies/"
                            + URLEncoder.encode(id, StandardCharsets.UTF_8))).timeout(DELETION_TIMEOUT).DELETE().build(),
                    HttpResponse.BodyHandlers.ofString());
        } finally {
            deleting.set(false);
            reader.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (answer.statusCode() != 200) {
            throw new IOException("DELETE /companies/" + id + " answered " + answer.statusCode() + ": " + answer.body());
        }
        JsonObject body = Json.parse(answer.body()).asObject();
        long deleted = body.getLong("deleted", -1);
        long total = body.getLong("total", -1);
        boolean exact = deleted == company.getLong("samples", -2) && total == before - deleted
                && Bench.health(server.address()) == total && readerErrors.isEmpty();
        report.add(new Report.Row(PHASE, String.format(Locale.ROOT,
                "DELETE /companies/{id} of %s (%,d rows) on the full store of %,d rows, twice the heap", which, deleted,
                before),
                String.format(Locale.ROOT, "%.2f s, %,d rows relearnt (%,.0f rows/s); meanwhile /predict answered %,d"
                                + " times on one connection, p50 %.2f ms, p99 %.2f ms, max %.1f ms%s", seconds, total,
                        total / seconds, readerLatency.count(), readerLatency.percentile(0.5) / 1e6,
                        readerLatency.percentile(0.99) / 1e6, readerLatency.max() / 1e6, exact ? "" : "; NOT EXACT: " + answer.body() + " " + readerErrors),
                "", exact ? null : false));
        return exact;
    }

    /** One connection asking /predict until the deletion has answered, recording each answer's latency. */
    private void readWhileDeleting(InetSocketAddress address, AtomicBoolean deleting, LatencyHistogram latency,
                                   List<String> errors) {
        try (HttpConnection connection = new HttpConnection(address)) {
            int next = 0;
            while (deleting.get()) {
                byte[] request = HttpConnection.request("POST", address, "/predict", queries.get(next++ % queries.size()));
                long sent = System.nanoTime();
                int status = connection.exchange(request);
                latency.record(System.nanoTime() - sent);
                if (status != 200) {
                    errors.add(status + " " + connection.body());
                    return;
                }
            }
        } catch (IOException e) {
            errors.add(e.getMessage());
        }
    }

    private List<JsonObject> companies(ServerProcess server) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/companies"))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IOException("GET /companies answered " + answer.statusCode() + ": " + answer.body());
        }
        List<JsonObject> companies = new ArrayList<>();
        for (JsonValue company : Json.parse(answer.body()).asObject().get("companies").asArray()) {
            companies.add(company.asObject());
        }
        return companies;
    }
}
