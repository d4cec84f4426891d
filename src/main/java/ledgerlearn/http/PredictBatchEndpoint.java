package ledgerlearn.http;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonArray;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import ledgerlearn.learn.Learner;
import ledgerlearn.sample.Transaction;

/**
 * POST /predict/batch?top=k&amp;detail=true|false: an array of queries (a bank statement shown at once) → an
 * array of answers in the same order, each what {@link PredictEndpoint} answers for that query, all from
 * the same model.
 */
final class PredictBatchEndpoint implements Endpoint {
    /**
     * The most queries a request may hold: a long statement page, and well under a millisecond of locking per 100.
     * Its body may be as large as a batch of samples (--max-body), as it is read into queries as it arrives.
     */
    static final int MAX_QUERIES = 1000;

    private final Learner learner;
    private final Replication replication;

    /** @param replication the log this node follows, or {@code null} for a single server */
    PredictBatchEndpoint(Learner learner, Replication replication) {
        this.learner = learner;
        this.replication = replication;
    }

    @Override
    public String tooLargeAdvice() {
        return "send fewer queries a request (at most " + MAX_QUERIES + ")";
    }

    @Override
    public Set<String> queryParams() {
        return Set.of("top", "detail");
    }

    @Override
    public Response handle(Request request) {
        int top = request.intQuery("top", 1, 1, PredictEndpoint.MAX_TOP);
        boolean detail = PredictEndpoint.detail(request.query().get("detail"));
        List<Transaction> queries = request.queries();
        for (int i = 0; i < queries.size(); i++) {
            PredictEndpoint.requireSees(learner, request.caller(), queries.get(i), "query " + i + ": ");
        }
        JsonArray answers = Json.array();
        Supplier<String> nothingLearnt = () -> PredictEndpoint.nothingLearnt(replication);
        if (detail) {
            learner.suggestAll(queries, top).forEach(suggestions -> answers.add(PredictEndpoint.detailed(suggestions, nothingLearnt)));
        } else {
            learner.predictAll(queries, top).forEach(accounts -> answers.add(PredictEndpoint.plain(accounts, nothingLearnt)));
        }
        return Response.json(answers);
    }
}
