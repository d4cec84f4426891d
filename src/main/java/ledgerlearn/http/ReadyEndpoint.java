package ledgerlearn.http;

import java.util.Set;
import com.eclipsesource.json.Json;

/**
 * GET /readyz: whether this server should get traffic, for a load balancer or an orchestrator; public, and
 * it says nothing but the status. A single server is ready once it answers; a cluster node while it is
 * within {@code --max-lag} records of the log's end.
 */
final class ReadyEndpoint implements Endpoint {
    private final Replication replication;

    ReadyEndpoint(Replication replication) {
        this.replication = replication;
    }

    @Override
    public Response handle(Request request) {
        request.allowOnlyParams(Set.of());
        if (replication != null) {
            Replication.Status status = replication.status();
            if (!status.ready()) {
                throw HttpError.unavailable("not ready: " + status.problem(), 1);
            }
        }
        return Response.json(Json.object().add("status", "ready"));
    }
}
