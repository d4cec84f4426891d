package ledgerlearn.http;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonArray;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import ledgerlearn.learn.Learner;
import ledgerlearn.metrics.Average;
import ledgerlearn.metrics.Scores;
import ledgerlearn.sample.Sample;
import ledgerlearn.sample.StoredSample;

/**
 * GET /stats?window=1000&amp;average=macro&amp;company=ID: what the dashboard shows, in one answer: counters,
 * the scores over every scored sample and over the latest window, the learning curve over consecutive
 * windows (with the largest company's samples left out beside it), the latest predictions, and
 * per-company accuracy; with {@code company}, the scores, curve and predictions of that company alone. A token
 * bound to companies gets the same over its companies' samples only (or the one it names), without
 * {@code classes}, {@code requests} and the largest company, which are the whole server's.
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
    private volatile Cached cached;

    /**
     * The parts that score the whole stream, and what they were computed for; the stream only grows, so
     * the scored count dates them.
     */
    private record Cached(long scored, int window, Average average, String company, String largest, JsonObject parts) {
    }

    StatsEndpoint(Learner learner, RequestStats requests) {
        this.learner = learner;
        this.requests = requests;
    }

    @Override
    public Set<String> queryParams() {
        return Set.of("window", "average", "company");
    }

    @Override
    public Response handle(Request request) {
        int window = request.intQuery("window", DEFAULT_WINDOW, MIN_WINDOW, MAX_WINDOW);
        Average average = MetricsEndpoint.average(request.query().get("average"));
        String company = request.query().get("company");
        if (company != null && company.isBlank()) {
            throw HttpError.badRequest("company must be a CompanyId, e.g. int:a055470; leave it out for every company");
        }
        if (company != null) {
            Request.requireCompanyIdLength("company", company);
        }
        Map<String, Long> samplesByCompany = learner.samplesByCompany();
        if (request.caller().scoped()) {
            if (company != null) {
                request.caller().requireCompany(company);
            }
            return Response.json(scoped(company == null ? request.caller().companies() : Set.of(company),
                    samplesByCompany, window, average, company));
        }
        List<Map.Entry<String, Long>> largestFirst = largestFirst(samplesByCompany);
        // the largest company is set apart only when there are others to compare it with
        Map.Entry<String, Long> largest = company == null && largestFirst.size() > 1 ? largestFirst.get(0) : null;
        JsonObject answer = Json.object()
                .add("samples", learner.samples())
                .add("scored", learner.scored())
                .add("classes", learner.classes())
                .add("requests", requests())
                .add("window", window)
                .add("average", average.label())
                .add("company", company == null ? Json.NULL : Json.value(company))
                .add("last", scoresJson(company == null ? learner.scores(window, average)
                        : learner.scores(window, average, company)))
                .add("largest", largest == null ? Json.NULL : Json.object()
                        .add("company", largest.getKey())
                        .add("samples", largest.getValue())
                        .add("share", (double) largest.getValue() / learner.samples()));
        answer.merge(wholeStream(window, average, company, largest == null ? null : largest.getKey()));
        return Response.json(answer
                .add("recent", recent(company, shown -> true, false))
                .add("companyCount", samplesByCompany.size())
                .add("companies", companies(largestFirst, window, average)));
    }

    /** The answer to a token bound to {@code companies}: only their samples count, only their rows show. */
    private JsonObject scoped(Set<String> companies, Map<String, Long> samplesByCompany, int window, Average average,
                              String company) {
        Map<String, Long> own = new HashMap<>();
        samplesByCompany.forEach((id, samples) -> {
            if (companies.contains(id)) {
                own.put(id, samples);
            }
        });
        List<Map.Entry<String, Long>> largestFirst = largestFirst(own);
        JsonArray curve = Json.array();
        long end = 0;
        for (Scores scores : learner.curveOf(window, average, companies)) {
            end += scores.n();
            curve.add(Json.object().add("end", end).merge(scoresJson(scores)));
        }
        return Json.object()
                .add("samples", own.values().stream().mapToLong(Long::longValue).sum())
                .add("scored", learner.scoredOf(companies))
                .add("window", window)
                .add("average", average.label())
                .add("company", company == null ? Json.NULL : Json.value(company))
                .add("last", scoresJson(learner.scoresOf(window, average, companies)))
                .add("largest", Json.NULL)
                .add("overall", scoresJson(learner.scoresOf(Integer.MAX_VALUE, average, companies)))
                .add("overallWithoutLargest", Json.NULL)
                .add("curve", curve)
                .add("recent", recent(company, companies::contains, true))
                .add("companyCount", own.size())
                .add("companies", companies(largestFirst, window, average));
    }

    /** The companies and their sample counts, most samples first (ties by id). */
    private static List<Map.Entry<String, Long>> largestFirst(Map<String, Long> samplesByCompany) {
        List<Map.Entry<String, Long>> largestFirst = new ArrayList<>(samplesByCompany.entrySet());
        largestFirst.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        return largestFirst;
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

    /**
     * {@code overall}, {@code overallWithoutLargest} and {@code curve}: each scores every scored sample, so
     * they are kept until more are scored.
     */
    private JsonObject wholeStream(int window, Average average, String company, String largest) {
        // Read before computing: should samples arrive meanwhile, the count no longer matches next time.
        long scored = learner.scored();
        Cached last = cached;
        if (last != null && last.scored() == scored && last.window() == window && last.average() == average
                && Objects.equals(last.company(), company) && Objects.equals(last.largest(), largest)) {
            return last.parts();
        }
        JsonObject parts = Json.object()
                .add("overall", scoresJson(company == null ? learner.scores(Integer.MAX_VALUE, average)
                        : learner.scores(Integer.MAX_VALUE, average, company)))
                .add("overallWithoutLargest", largest == null ? Json.NULL : scoresJson(learner.scoresWithout(average, largest)))
                .add("curve", curve(window, average, company, largest));
        cached = new Cached(scored, window, average, company, largest, parts);
        return parts;
    }

    private JsonArray curve(int window, Average average, String company, String largest) {
        List<Scores> curve = company == null ? learner.curve(window, average) : learner.curve(window, average, company);
        List<Scores> without = largest == null ? null : learner.curveWithout(window, average, largest);
        JsonArray json = Json.array();
        long end = 0;
        for (int i = 0; i < curve.size(); i++) {
            Scores scores = curve.get(i);
            end += scores.n();
            JsonObject point = Json.object().add("end", end).merge(scoresJson(scores));
            if (without != null) {
                point.add("withoutLargest", Json.object().add("n", without.get(i).n())
                        .add("accuracy", MetricsEndpoint.number(without.get(i).accuracy())));
            }
            json.add(point);
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

    /**
     * The latest predictions ({@code company}'s, or of all companies), of the companies {@code shown} accepts;
     * with {@code ownAccountsOnly}, a prediction of an account the row's company has not booked (another
     * company's, suggested while the model knew little of this one) is {@code null}, as are its name and
     * probability.
     */
    private JsonArray recent(String company, Predicate<String> shown, boolean ownAccountsOnly) {
        JsonArray json = Json.array();
        for (Learner.Recent recent : learner.recent(company)) {
            StoredSample row = recent.row();
            if (!shown.test(row.sample().companyId())) {
                continue;
            }
            Sample sample = row.sample();
            boolean hidden = ownAccountsOnly && row.scored() && !learner.booked(sample.companyId(), row.predicted());
            json.add(Json.object()
                    .add("company", sample.companyId())
                    .add("date", sample.date())
                    .add("text", sample.text())
                    .add("amount", sample.amount())
                    .add("booked", sample.accountNumber())
                    .add("bookedName", text(sample.accountName()))
                    .add("predicted", hidden ? Json.NULL : Json.value(row.predicted()))
                    .add("predictedName", hidden ? Json.NULL : text(recent.predictedName()))
                    .add("probability", hidden || row.probability() == null ? Json.NULL : Json.value(row.probability()))
                    .add("autoBook", recent.autoBook()));
        }
        return json;
    }

    private static JsonValue text(String value) {
        return value == null || value.isEmpty() ? Json.NULL : Json.value(value);
    }

    private JsonArray companies(List<Map.Entry<String, Long>> largestFirst, int window, Average average) {
        JsonArray json = Json.array();
        for (Map.Entry<String, Long> company : largestFirst.subList(0, Math.min(MAX_COMPANIES, largestFirst.size()))) {
            Scores overall = learner.scores(Integer.MAX_VALUE, average, company.getKey());
            json.add(Json.object()
                    .add("company", company.getKey())
                    .add("samples", company.getValue())
                    .merge(scoresJson(learner.scores(window, average, company.getKey())))
                    .add("overall", Json.object().add("n", overall.n())
                            .add("accuracy", MetricsEndpoint.number(overall.accuracy()))));
        }
        return json;
    }
}
