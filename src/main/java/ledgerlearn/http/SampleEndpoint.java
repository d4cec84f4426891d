package ledgerlearn.http;

import java.util.List;
import java.util.Set;
import com.eclipsesource.json.Json;
import ledgerlearn.learn.Learner;
import ledgerlearn.sample.Sample;
import ledgerlearn.sample.SampleParser;

/** POST /sample: a batch of booked transactions, learnt and stored atomically → {@code {"accepted", "total"}}. */
final class SampleEndpoint implements Endpoint {
    private final Learner learner;

    SampleEndpoint(Learner learner) {
        this.learner = learner;
    }

    @Override
    public Response handle(Request request) throws Exception {
        request.allowOnlyParams(Set.of());
        List<Sample> batch = SampleParser.parseBatch(request.body());
        Learner.BatchResult result = learner.learn(batch);
        return Response.json(Json.object().add("accepted", result.accepted()).add("total", result.total()));
    }
}
