package ledgerlearn.http;

import com.eclipsesource.json.Json;
import ledgerlearn.learn.Learner;

/**
 * DELETE /companies/{id}: every stored row of the company deleted, and the server left exactly as if it had
 * received only the other rows → {@code {"deleted": rows, "total": rows left}}. Needs the admin role.
 */
final class CompanyDeletionEndpoint implements Endpoint {
    private final Learner learner;
    /** {@code null} on a single server; in a cluster, the deletion goes through the log (docs/CLUSTER.md). */
    private final Replication replication;

    CompanyDeletionEndpoint(Learner learner, Replication replication) {
        this.learner = learner;
        this.replication = replication;
    }

    @Override
    public Response handle(Request request) {
        String company = Request.requireCompanyIdLength("the company in the path", request.decodedPathParam("id"));
        request.caller().requireCompany(company);
        Learner.Deletion deletion = replication == null ? learner.deleteCompany(company) : replication.deleteCompany(company);
        if (deletion == null) {
            throw HttpError.notFound("no company \"" + company + "\" in the store");
        }
        return Response.json(Json.object().add("deleted", deletion.deleted()).add("total", deletion.total()));
    }
}
