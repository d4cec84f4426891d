package ledgerlearn.http;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonArray;
import ledgerlearn.learn.Learner;

/** GET /companies: the companies the store holds rows of, by id, with their row counts; a bound token sees its own. */
final class CompaniesEndpoint implements Endpoint {
    private final Learner learner;

    CompaniesEndpoint(Learner learner) {
        this.learner = learner;
    }

    @Override
    public Response handle(Request request) {
        JsonArray companies = Json.array();
        for (Map.Entry<String, Long> company : new TreeMap<>(learner.samplesByCompany()).entrySet()) {
            if (request.caller().sees(company.getKey())) {
                companies.add(Json.object().add("company", company.getKey()).add("samples", company.getValue()));
            }
        }
        return Response.json(Json.object().add("companies", companies));
    }
}
