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
    /** {@code null} on a single server; in a cluster, batches go through the log. */
    private final Replication replication;

    SampleEndpoint(Learner learner, Replication replication) {
        this.learner = learner;
        this.replication = replication;
    }

    @Override
    public Response handle(Request request) throws Exception {
        request.allowOnlyParams(Set.of());
        List<Sample> batch = SampleParser.parseBatch(request.body());
        Learner.BatchResult result = replication == null ? learner.learn(batch) : replication.append(batch, null);
        return Response.json(Json.object().add("accepted", result.accepted()).add("total", result.total()));
    }
}
