package ledgerlearn.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonArray;
import com.eclipsesource.json.JsonObject;
import ledgerlearn.learn.Learner;
import ledgerlearn.metrics.Average;
import ledgerlearn.metrics.Scores;
import ledgerlearn.sample.Sample;
import ledgerlearn.sample.StoredSample;

/**
 * GET /stats?window=1000&amp;average=macro: what the dashboard shows, in one answer: counters, the
 * learning curve over consecutive windows, the latest predictions, and per-company accuracy. A token bound to
 * companies gets the same over its companies' samples only, without {@code classes} and {@code requests},
 * which count the whole server.
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
        if (request.caller().scoped()) {
            return Response.json(scoped(request.caller(), samplesByCompany, window, average));
        }
        return Response.json(Json.object()
                .add("samples", learner.samples())
                .add("scored", learner.scored())
                .add("classes", learner.classes())
                .add("requests", requests())
                .add("window", window)
                .add("average", average.label())
                .add("last", scoresJson(learner.scores(window, average)))
                .add("curve", curve(window, average))
                .add("recent", recent(row -> true))
                .add("companyCount", samplesByCompany.size())
                .add("companies", companies(samplesByCompany, window, average)));
    }

    private JsonObject scoped(Caller caller, Map<String, Long> samplesByCompany, int window, Average average) {
        Map<String, Long> own = new HashMap<>();
        samplesByCompany.forEach((company, samples) -> {
            if (caller.sees(company)) {
                own.put(company, samples);
            }
        });
        Set<String> companies = caller.companies();
        return Json.object()
                .add("samples", own.values().stream().mapToLong(Long::longValue).sum())
                .add("scored", learner.scoredOf(companies))
                .add("window", window)
                .add("average", average.label())
                .add("last", scoresJson(learner.scoresOf(window, average, companies)))
                .add("curve", curveJson(learner.curveOf(window, average, companies)))
                .add("recent", recent(row -> caller.sees(row.sample().companyId())))
                .add("companyCount", own.size())
                .add("companies", companies(own, window, average));
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
        JsonArray json = curveJson(learner.curve(window, average));
        cachedCurve = new CachedCurve(scored, window, average, json);
        return json;
    }

    private static JsonArray curveJson(List<Scores> curve) {
        JsonArray json = Json.array();
        long end = 0;
        for (Scores scores : curve) {
            end += scores.n();
            json.add(Json.object().add("end", end).merge(scoresJson(scores)));
        }
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

    private JsonArray recent(Predicate<StoredSample> shown) {
        JsonArray json = Json.array();
        for (StoredSample row : learner.recent()) {
            if (!shown.test(row)) {
                continue;
            }
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
