package ledgerlearn.http;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonArray;
import java.util.List;
import java.util.Set;
import ledgerlearn.Learner;
import ledgerlearn.sample.SampleParser;
import ledgerlearn.sample.Transaction;

/** POST /predict?top=k: one transaction's features → the k most likely accounts, best first. */
final class PredictEndpoint implements Endpoint {
    static final int MAX_TOP = 1000;

    private final Learner learner;

    PredictEndpoint(Learner learner) {
        this.learner = learner;
    }

    @Override
    public Response handle(Request request) {
        request.allowOnlyParams(Set.of("top"));
        int top = top(request.query().get("top"));
        Transaction query = SampleParser.parseQuery(request.body());
        List<String> accounts = learner.predict(query, top);
        if (accounts.isEmpty()) {
            throw HttpError.notReady("no samples learnt yet; POST /sample first");
        }
        JsonArray answer = Json.array();
        accounts.forEach(answer::add);
        return Response.json(answer);
    }

    static int top(String value) {
        if (value == null) {
            return 1;
        }
        if (value.matches("[0-9]{1,9}")) {
            int top = Integer.parseInt(value);
            if (top >= 1 && top <= MAX_TOP) {
                return top;
            }
        }
        throw HttpError.badRequest("top must be an integer 1.." + MAX_TOP + ", got \"" + value + "\"");
    }
}
