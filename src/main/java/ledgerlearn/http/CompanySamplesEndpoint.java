package ledgerlearn.http;

import java.io.ByteArrayOutputStream;
import java.util.Map;
import ledgerlearn.learn.Learner;

/**
 * GET /companies/{id}/samples: the company's stored rows, in store order, each with the prediction and the
 * probability the model gave it before learning it, as CSV (the store's columns; formula-safe cells): what the
 * server holds of the company, for its right of access. To a token bound to companies, a prediction of an account
 * the company has not booked is blank: it is another company's account.
 */
final class CompanySamplesEndpoint implements Endpoint {
    static final String CSV = "text/csv; charset=utf-8";

    private final Learner learner;

    CompanySamplesEndpoint(Learner learner) {
        this.learner = learner;
    }

    @Override
    public Response handle(Request request) throws Exception {
        String company = Request.requireCompanyIdLength("the company in the path", request.decodedPathParam("id"));
        // before the lookup: a bound token learns nothing of other companies, not even whether they exist
        request.caller().requireCompany(company);
        if (learner.samplesOf(company) == 0) {
            throw HttpError.notFound("no company \"" + company + "\" in the store");
        }
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        learner.export(company, request.caller().scoped(), csv);
        return new Response(200, CSV, csv.toByteArray(),
                Map.of("Content-Disposition", "attachment; filename=\"samples.csv\""));
    }
}
