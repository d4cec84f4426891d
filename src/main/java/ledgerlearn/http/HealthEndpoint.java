package ledgerlearn.http;

import com.eclipsesource.json.Json;
import ledgerlearn.learn.Learner;
import ledgerlearn.telemetry.Version;

/** GET /health: liveness, with how much has been learnt. */
final class HealthEndpoint implements Endpoint {
    private final Learner learner;
    private final long startedNanos = System.nanoTime();

    HealthEndpoint(Learner learner) {
        this.learner = learner;
    }

    @Override
    public Response handle(Request request) {
        long uptimeSeconds = (System.nanoTime() - startedNanos) / 1_000_000_000L;
        return Response.json(Json.object()
                .add("status", "ok")
                .add("samples", learner.samples())
                .add("classes", learner.classes())
                .add("uptimeSeconds", uptimeSeconds)
                .add("version", Version.current()));
    }
}
