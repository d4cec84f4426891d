package ledgerlearn.http;

import com.eclipsesource.json.Json;
import java.util.function.BooleanSupplier;

/**
 * GET /livez and GET /readyz: plain status for an orchestrator, public and revealing nothing more. /livez is
 * 200 whenever the server answers at all; /readyz is 200 while the server takes batches and 503 while it
 * does not (its store is failing, or its data dir is gone, or it is stopping), with {@code Retry-After}.
 * Why is in GET /health, which needs a token. Neither waits for a worker.
 */
final class ProbeEndpoint implements Endpoint {
    private final BooleanSupplier ready;

    private ProbeEndpoint(BooleanSupplier ready) {
        this.ready = ready;
    }

    static ProbeEndpoint live() {
        return new ProbeEndpoint(() -> true);
    }

    static ProbeEndpoint ready(BooleanSupplier ready) {
        return new ProbeEndpoint(ready);
    }

    @Override
    public Response handle(Request request) {
        if (ready.getAsBoolean()) {
            return Response.json(Json.object().add("status", request.path().equals("/livez") ? "live" : "ready"));
        }
        return Response.json(503, Json.object().add("status", "not ready"))
                .withHeaders(java.util.Map.of("Retry-After", "5"));
    }

    @Override
    public boolean needsWorker() {
        return false;
    }
}
