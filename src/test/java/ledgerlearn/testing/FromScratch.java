package ledgerlearn.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonValue;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import ledgerlearn.learn.Learner;
import ledgerlearn.metrics.AutoBooked;
import ledgerlearn.metrics.Average;
import ledgerlearn.metrics.Scores;
import ledgerlearn.model.ModelOptions;
import ledgerlearn.sample.SampleParser;
import ledgerlearn.store.SampleStore;
import ledgerlearn.sample.StoredSample;

/**
 * A learner trained from nothing on a store's rows, in store order: the model, metrics and store
 * that a server holding those rows must have, whatever crashes and restarts it went through.
 */
public final class FromScratch implements AutoCloseable {
    /** Windows checked: one, a few, some, more than exist. */
    private static final List<Integer> WINDOWS = List.of(1, 7, 100, 1000, 1_000_000_000);

    private final Path dir;
    private final Learner learner;

    private FromScratch(Path dir, Learner learner) {
        this.dir = dir;
        this.learner = learner;
    }

    /** Learns {@code rows}' samples as one batch (batching does not change the result). */
    public static FromScratch learn(List<StoredSample> rows) throws IOException {
        Path dir = TempDirs.create("ledgerlearn-scratch-");
        Learner learner = Learner.open(dir, false, ModelOptions.DEFAULT);
        if (!rows.isEmpty()) {
            learner.learn(rows.stream().map(StoredSample::sample).toList());
        }
        return new FromScratch(dir, learner);
    }

    /** The store this learner wrote: rows and predictions exactly as the server's must be. */
    public byte[] storeBytes() throws IOException {
        return Files.readAllBytes(dir.resolve(SampleStore.FILE_NAME));
    }

    /**
     * Asserts the server answers {@code /predict?top=5} for each query, and {@code /metrics/{n}} for
     * several windows and every average, exactly as this learner does; returns how many answers matched.
     */
    public int assertSameAnswers(HttpTarget server, List<String> queries) {
        int compared = 0;
        for (String query : queries) {
            HttpResponse<String> response = server.post("/predict?top=5", query);
            List<String> expected = learner.predict(SampleParser.parseQuery(Json.parse(query)), 5);
            if (expected.isEmpty()) {
                assertEquals(503, response.statusCode(), response.body());
            } else {
                assertEquals(200, response.statusCode(), response.body());
                List<String> got = new ArrayList<>();
                Json.parse(response.body()).asArray().forEach(v -> got.add(v.asString()));
                assertEquals(expected, got, "/predict?top=5 " + query);
            }
            compared++;
        }
        for (int n : WINDOWS) {
            for (Average average : Average.values()) {
                HttpResponse<String> response = server.get("/metrics/" + n + "?average=" + average.label());
                assertEquals(200, response.statusCode(), response.body());
                assertEquals(learner.scores(n, average), scores(Json.parse(response.body()).asObject()),
                        "/metrics/" + n + "?average=" + average.label());
                compared++;
            }
        }
        return compared;
    }

    private static Scores scores(JsonObject json) {
        JsonObject autoBook = json.get("autoBook").asObject();
        Double coverage = number(autoBook.get("coverage"));
        int n = json.getInt("n", -1);
        int booked = coverage == null ? 0 : (int) Math.round(coverage * n);
        return new Scores(number(json.get("precision")), number(json.get("recall")), number(json.get("accuracy")), n,
                Average.parse(json.getString("average", "")), number(json.get("baseline")),
                new AutoBooked(coverage, number(autoBook.get("precision")), booked));
    }

    private static Double number(JsonValue value) {
        return value == null || value.isNull() ? null : value.asDouble();
    }

    @Override
    public void close() throws IOException {
        try {
            learner.close();
        } finally {
            TempDirs.delete(dir);
        }
    }
}
