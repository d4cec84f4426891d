package ledgerlearn.http;

import java.util.Set;
import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import ledgerlearn.learn.Learner;
import ledgerlearn.telemetry.Version;

/** GET /health: liveness, with how much has been learnt; in a cluster, where the node stands in the log. */
final class HealthEndpoint implements Endpoint {
    private final Learner learner;
    /** {@code null} on a single server. */
    private final Replication replication;
    private final long startedNanos = System.nanoTime();

    HealthEndpoint(Learner learner, Replication replication) {
        this.learner = learner;
        this.replication = replication;
    }

    @Override
    public Response handle(Request request) {
        request.allowOnlyParams(Set.of());
        long uptimeSeconds = (System.nanoTime() - startedNanos) / 1_000_000_000L;
        JsonObject health = Json.object()
                .add("status", "ok")
                .add("samples", learner.samples())
                .add("classes", learner.classes())
                .add("uptimeSeconds", uptimeSeconds)
                .add("version", Version.current());
        if (replication != null) {
            Replication.Status status = replication.status();
            health.add("cluster", Json.object()
                    .add("topic", status.topic())
                    .add("appliedOffset", status.appliedOffset())
                    .add("logEnd", status.logEnd())
                    .add("lag", status.lag())
                    .add("ready", status.ready())
                    .add("logReachable", status.logReachable()));
        }
        return Response.json(health);
    }
}
