package ledgerlearn.http;

import com.eclipsesource.json.Json;
import ledgerlearn.learn.Learner;

/**
 * POST /sample: a batch of booked transactions (validated as it was read, see {@link JsonBody#readBatch}),
 * learnt and stored atomically → {@code {"accepted", "total"}}.
 */
final class SampleEndpoint implements Endpoint {
    private final Learner learner;

    SampleEndpoint(Learner learner) {
        this.learner = learner;
    }

    @Override
    public Response handle(Request request) throws Exception {
        Learner.BatchResult result = learner.learn(request.batch());
        return Response.json(Json.object().add("accepted", result.accepted()).add("total", result.total()));
    }
}
