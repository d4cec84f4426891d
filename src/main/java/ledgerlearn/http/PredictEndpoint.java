package ledgerlearn.http;

import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonArray;
import com.eclipsesource.json.JsonObject;
import ledgerlearn.learn.Learner;
import ledgerlearn.sample.SampleParser;
import ledgerlearn.sample.Transaction;

/**
 * POST /predict?top=k&amp;detail=true|false: one transaction's features → the k most likely accounts, best
 * first; with detail, each with its own probability, its name, where it comes from, and for the first
 * whether it may be booked unseen.
 */
final class PredictEndpoint implements Endpoint {
    static final int MAX_TOP = 1000;
    /** The largest query body accepted: a query is one transaction of a few hundred bytes, never a batch. */
    static final int MAX_BODY = 64 << 10;
    static final String NOT_READY = "no samples learnt yet; POST /sample first";

    private final Learner learner;
    private final Replication replication;

    /** @param replication the log this node follows, or {@code null} for a single server */
    PredictEndpoint(Learner learner, Replication replication) {
        this.learner = learner;
        this.replication = replication;
    }

    @Override
    public String tooLargeAdvice() {
        return "a /predict body is one query; send many at once to POST /predict/batch";
    }

    @Override
    public Set<String> queryParams() {
        return Set.of("top", "detail");
    }

    @Override
    public Response handle(Request request) {
        int top = request.intQuery("top", 1, 1, MAX_TOP);
        boolean detail = detail(request.query().get("detail"));
        Transaction query = SampleParser.parseQuery(request.body());
        requireSees(learner, request.caller(), query, "");
        Supplier<String> nothingLearnt = () -> nothingLearnt(replication);
        return Response.json(detail ? detailed(learner.suggest(query, top), nothingLearnt)
                : plain(learner.predict(query, top), nothingLearnt));
    }

    /**
     * Why a model that knows no account cannot answer. A node of a cluster that is behind the log has samples to
     * learn that another node may already answer from: it says so, rather than asking for samples the log holds.
     */
    static String nothingLearnt(Replication replication) {
        if (replication == null) {
            return NOT_READY;
        }
        Replication.Status status = replication.status();
        if (status.lag() == 0) {
            return NOT_READY;
        }
        return "this node has learnt nothing from the log yet ("
                + (status.lag() > 0 ? status.lag() + " records behind its end" : "its end not known yet")
                + (status.problem() == null ? "" : "; " + status.problem())
                + "): ask again shortly, or ask a node whose /readyz is 200";
    }

    /**
     * Throws a 403 unless the caller may ask for {@code query}'s company, and a 503 for a bound token's company of
     * its own that has no rows yet: the model would answer it with other companies' accounts.
     *
     * @param where how an error names the query ({@code ""}, or e.g. {@code "query 3: "})
     */
    static void requireSees(Learner learner, Caller caller, Transaction query, String where) {
        if (!caller.scoped()) {
            return;
        }
        if (query.companyId() == null) {
            throw HttpError.forbidden(where + "this token is bound to its companies: give CompanyId, one of them");
        }
        if (!caller.sees(query.companyId())) {
            throw HttpError.forbidden(where + "company \"" + query.companyId() + "\" is not one of this token's companies");
        }
        if (learner.samplesOf(query.companyId()) == 0) {
            throw HttpError.notReady(where + "no samples of company \"" + query.companyId() + "\" learnt yet; POST /sample first");
        }
    }

    /** The accounts as a JSON list; a 503 when there are none, which means nothing was learnt yet. */
    static JsonArray plain(List<String> accounts, Supplier<String> nothingLearnt) {
        if (accounts.isEmpty()) {
            throw HttpError.notReady(nothingLearnt.get());
        }
        JsonArray answer = Json.array();
        accounts.forEach(answer::add);
        return answer;
    }

    /** The suggestions with their detail as a JSON list; a 503 when there are none (nothing learnt yet). */
    static JsonArray detailed(List<Learner.Suggestion> suggestions, Supplier<String> nothingLearnt) {
        if (suggestions.isEmpty()) {
            throw HttpError.notReady(nothingLearnt.get());
        }
        JsonArray answer = Json.array();
        for (Learner.Suggestion s : suggestions) {
            JsonObject suggestion = Json.object()
                    .add("account", s.account())
                    .add("probability", s.probability())
                    .add("accountName", s.accountName() == null ? Json.NULL : Json.value(s.accountName()))
                    .add("source", s.source());
            if (s.source().equals("memory")) {
                suggestion.add("memory", Json.object().add("bookings", s.memoryBookings())
                        .add("toThisAccount", s.memoryToThisAccount()));
            }
            suggestion.add("companyKnown", s.companyKnown());
            if (s.autoBook() != null) {
                suggestion.add("autoBook", s.autoBook().booleanValue());
            }
            answer.add(suggestion);
        }
        return answer;
    }

    static boolean detail(String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw HttpError.badRequest("detail must be true or false, got \"" + value + "\"");
    }
}
