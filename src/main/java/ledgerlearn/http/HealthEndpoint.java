package ledgerlearn.http;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import java.time.Instant;
import ledgerlearn.learn.Learner;
import ledgerlearn.telemetry.Version;

/**
 * GET /health: how much has been learnt, and whether the store takes batches: {@code status} is {@code ok},
 * or {@code failing} with the store's own status ({@code failing}: a write or fsync failed, re-checked every
 * second; {@code lost}: the data dir changed under the server; {@code closed}), the reason and since when. In a
 * cluster, also where the node stands in the log.
 */
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
        long uptimeSeconds = (System.nanoTime() - startedNanos) / 1_000_000_000L;
        Learner.StoreHealth store = learner.storeHealth();
        JsonObject storeJson = Json.object().add("status", store.status());
        if (!store.ok()) {
            storeJson.add("reason", store.reason())
                    .add("since", Instant.ofEpochMilli(store.sinceMillis()).toString());
        }
        JsonObject health = Json.object()
                .add("status", store.ok() ? "ok" : "failing")
                .add("store", storeJson)
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
