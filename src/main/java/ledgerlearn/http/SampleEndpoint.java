package ledgerlearn.http;

import java.util.List;
import java.util.Locale;
import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import ledgerlearn.learn.Learner;
import ledgerlearn.sample.Sample;

/**
 * POST /sample: a batch of booked transactions (validated as it was read, see {@link JsonBody#readBatch}),
 * learnt and stored atomically → {@code {"accepted", "total"}}. With an {@code Idempotency-Key} header, a
 * batch whose key was stored before is not stored again: the answer is that batch's, with {@code "replayed": true}.
 * A token bound to companies has keys of its own (see {@link Learner#tenantKey}).
 */
final class SampleEndpoint implements Endpoint {
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final Learner learner;
    /** {@code null} on a single server; in a cluster, batches go through the log. */
    private final Replication replication;

    SampleEndpoint(Learner learner, Replication replication) {
        this.learner = learner;
        this.replication = replication;
    }

    @Override
    public Response handle(Request request) throws Exception {
        String key = idempotencyKey(request);
        if (key != null && request.caller().scoped()) {
            key = Learner.tenantKey(request.caller().companies(), key);
        }
        List<Sample> batch = request.batch();
        if (request.caller().scoped()) {
            for (int i = 0; i < batch.size(); i++) {
                if (!request.caller().sees(batch.get(i).companyId())) {
                    throw HttpError.forbidden("sample " + i + ": CompanyId \"" + batch.get(i).companyId()
                            + "\" is not one of this token's companies; nothing was stored");
                }
            }
        }
        Learner.BatchResult result = replication == null ? learner.learn(batch, key) : replication.append(batch, key);
        JsonObject answer = Json.object().add("accepted", result.accepted()).add("total", result.total());
        return Response.json(result.replayed() ? answer.add("replayed", true) : answer);
    }

    private static String idempotencyKey(Request request) {
        String key = request.header(IDEMPOTENCY_KEY);
        if (key != null && !Learner.isValidKey(key)) {
            throw HttpError.badRequest(IDEMPOTENCY_KEY + " must be 1.." + Learner.MAX_KEY_LENGTH
                    + " printable ASCII characters (space to ~), got " + whatIsWrong(key));
        }
        return key;
    }

    /** The first thing that makes {@code key} invalid; header values arrive as bytes, one char each. */
    private static String whatIsWrong(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < ' ' || c > '~') {
                return String.format(Locale.ROOT, "byte 0x%02X at position %d (not ASCII, or a control character)", (int) c, i);
            }
        }
        return key.length() + " characters";
    }
}
