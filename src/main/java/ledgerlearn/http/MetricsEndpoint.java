package ledgerlearn.http;

import java.util.Set;
import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonValue;
import ledgerlearn.learn.Learner;
import ledgerlearn.metrics.Average;
import ledgerlearn.metrics.Scores;

/**
 * GET /metrics/{n}?average=macro|micro|weighted&amp;company=ID: precision, recall and accuracy over the last n
 * scored samples (of one company's, with {@code company}), and the window's majority-class baseline.
 */
final class MetricsEndpoint implements Endpoint {
    private final Learner learner;

    MetricsEndpoint(Learner learner) {
        this.learner = learner;
    }

    @Override
    public Set<String> queryParams() {
        return Set.of("average", "company");
    }

    @Override
    public Response handle(Request request) {
        int n = request.positivePathInt("n");
        Average average = average(request.query().get("average"));
        String company = request.query().get("company");
        if (company == null) {
            request.caller().requireUnscoped("GET /metrics/{n} without ?company=");
            return Response.json(toJson(learner.scores(n, average)));
        }
        if (company.isEmpty()) {
            throw HttpError.badRequest("company must be a CompanyId such as int:a055470, got \"\"");
        }
        Request.requireCompanyIdLength("company", company);
        request.caller().requireCompany(company);
        return Response.json(toJson(learner.scores(n, average, company)).add("company", company));
    }

    static Average average(String value) {
        if (value == null) {
            return Average.MACRO;
        }
        try {
            return Average.parse(value);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest(e.getMessage());
        }
    }

    static JsonObject toJson(Scores scores) {
        return Json.object()
                .add("precision", number(scores.precision()))
                .add("recall", number(scores.recall()))
                .add("accuracy", number(scores.accuracy()))
                .add("n", scores.n())
                .add("average", scores.average().label())
                .add("baseline", number(scores.baseline()))
                .add("autoBook", Json.object()
                        .add("coverage", number(scores.autoBook().coverage()))
                        .add("precision", number(scores.autoBook().precision())));
    }

    static JsonValue number(Double value) {
        return value == null ? Json.NULL : Json.value(value);
    }
}
