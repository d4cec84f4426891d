package ledgerlearn.http;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonArray;
import com.eclipsesource.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ledgerlearn.learn.Learner;
import ledgerlearn.metrics.Average;
import ledgerlearn.metrics.Scores;
import ledgerlearn.sample.Sample;
import ledgerlearn.sample.StoredSample;

/**
 * GET /stats?window=1000&amp;average=macro: what the dashboard shows, in one answer: counters, the
 * learning curve over consecutive windows, the latest predictions, and per-company accuracy.
 */
final class StatsEndpoint implements Endpoint {
    static final int DEFAULT_WINDOW = 1000;
    /** Smaller windows would make the curve of a long stream too long to send every few seconds. */
    static final int MIN_WINDOW = 100;
    static final int MAX_WINDOW = 1_000_000;
    /** The companies with the most samples that the answer lists. */
    static final int MAX_COMPANIES = 100;

    private final Learner learner;
    private final RequestStats requests;
    private volatile CachedCurve cachedCurve;

    /** A curve and what it was computed for; the stream only grows, so the scored count dates it. */
    private record CachedCurve(long scored, int window, Average average, JsonArray json) {
    }

    StatsEndpoint(Learner learner, RequestStats requests) {
        this.learner = learner;
        this.requests = requests;
    }

    @Override
    public Set<String> queryParams() {
        return Set.of("window", "average");
    }

    @Override
    public Response handle(Request request) {
        int window = request.intQuery("window", DEFAULT_WINDOW, MIN_WINDOW, MAX_WINDOW);
        Average average = MetricsEndpoint.average(request.query().get("average"));
        Map<String, Long> samplesByCompany = learner.samplesByCompany();
        return Response.json(Json.object()
                .add("samples", learner.samples())
                .add("scored", learner.scored())
                .add("classes", learner.classes())
                .add("requests", requests())
                .add("window", window)
                .add("average", average.label())
                .add("last", scoresJson(learner.scores(window, average)))
                .add("curve", curve(window, average))
                .add("recent", recent())
                .add("companyCount", samplesByCompany.size())
                .add("companies", companies(samplesByCompany, window, average)));
    }


    private JsonObject requests() {
        JsonObject byRoute = Json.object();
        long total = 0;
        for (Map.Entry<String, Long> entry : requests.byEndpoint().entrySet()) {
            byRoute.add(entry.getKey(), entry.getValue());
            total += entry.getValue();
        }
        return Json.object().add("total", total).add("byRoute", byRoute);
    }

    private JsonArray curve(int window, Average average) {
        // Read before computing: should samples arrive meanwhile, the count no longer matches next time.
        long scored = learner.scored();
        CachedCurve cached = cachedCurve;
        if (cached != null && cached.scored() == scored && cached.window() == window && cached.average() == average) {
            return cached.json();
        }
        JsonArray json = Json.array();
        long end = 0;
        for (Scores scores : learner.curve(window, average)) {
            end += scores.n();
            json.add(Json.object().add("end", end).merge(scoresJson(scores)));
        }
        cachedCurve = new CachedCurve(scored, window, average, json);
        return json;
    }

    private static JsonObject scoresJson(Scores scores) {
        return Json.object()
                .add("n", scores.n())
                .add("precision", MetricsEndpoint.number(scores.precision()))
                .add("recall", MetricsEndpoint.number(scores.recall()))
                .add("accuracy", MetricsEndpoint.number(scores.accuracy()))
                .add("baseline", MetricsEndpoint.number(scores.baseline()))
                .add("autoBookCoverage", MetricsEndpoint.number(scores.autoBook().coverage()))
                .add("autoBookPrecision", MetricsEndpoint.number(scores.autoBook().precision()));
    }

    private JsonArray recent() {
        JsonArray json = Json.array();
        for (StoredSample row : learner.recent()) {
            Sample sample = row.sample();
            json.add(Json.object()
                    .add("company", sample.companyId())
                    .add("date", sample.date())
                    .add("text", sample.text())
                    .add("amount", sample.amount())
                    .add("booked", sample.accountNumber())
                    .add("predicted", row.predicted()));
        }
        return json;
    }

    private JsonArray companies(Map<String, Long> samplesByCompany, int window, Average average) {
        List<Map.Entry<String, Long>> largest = new ArrayList<>(samplesByCompany.entrySet());
        largest.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        JsonArray json = Json.array();
        for (Map.Entry<String, Long> company : largest.subList(0, Math.min(MAX_COMPANIES, largest.size()))) {
            json.add(Json.object()
                    .add("company", company.getKey())
                    .add("samples", company.getValue())
                    .merge(scoresJson(learner.scores(window, average, company.getKey()))));
        }
        return json;
    }
}
