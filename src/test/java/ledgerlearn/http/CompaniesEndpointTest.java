package ledgerlearn.http;

import static ledgerlearn.http.ErrorResponsesTest.assertJsonError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eclipsesource.json.Json;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import ledgerlearn.sample.Sample;
import ledgerlearn.testing.Samples;
import ledgerlearn.testing.TestServer;
import org.junit.jupiter.api.Test;

/** GET /companies, GET /companies/{id}/samples and DELETE /companies/{id} on a server without tokens. */
final class CompaniesEndpointTest {

    @Test
    void listsEachCompanyWithItsSampleCountById() throws Exception {
        try (TestServer server = TestServer.start()) {
            assertEquals("{\"companies\":[]}", server.get("/companies").body());
            server.post("/sample", Samples.body(List.of(Samples.sample("int:b", "1", "x"), Samples.sample("int:a", "1", "y"),
                    Samples.sample("int:b", "2", "z"))));

            assertEquals("{\"companies\":[{\"company\":\"int:a\",\"samples\":1},{\"company\":\"int:b\",\"samples\":2}]}",
                    server.get("/companies").body());
        }
    }

    @Test
    void exportsACompanysRowsAsCsvWithTheirPredictionsAndDefusedFormulas() throws Exception {
        try (TestServer server = TestServer.start()) {
            Sample formula = new Sample("", "int:a b", "2016-02-29", "=1+1", "> -1000", "", "1", "");
            server.post("/sample", Samples.body(List.of(Samples.sample("int:a b", "1", "x"), Samples.sample("int:c", "1", "y"),
                    formula)));

            HttpResponse<String> export = server.get("/companies/int:a%20b/samples");

            assertEquals(200, export.statusCode());
            assertEquals("text/csv; charset=utf-8", export.headers().firstValue("Content-Type").orElse(""));
            assertEquals("attachment; filename=\"samples.csv\"", export.headers().firstValue("Content-Disposition").orElse(""));
            List<String> lines = export.body().lines().toList();
            assertEquals(",CompanyId,BankEntryDate,BankEntryText,BankEntryAmount,AccountName,AccountNumber,AccountTypeName,"
                    + "PredictedAccountNumber,PredictedProbability", lines.get(0));
            assertEquals(",int:a b,2016-02-29,x,> -1000,str:1e82557,1,Balance,,", lines.get(1));
            assertTrue(lines.get(2).startsWith(",int:a b,2016-02-29,'=1+1,> -1000,,1,,1,"), lines.get(2));
            assertEquals(3, lines.size());
        }
    }

    @Test
    void deletesACompanyAndAnswersWhatWasDeletedAndWhatIsLeft() throws Exception {
        try (TestServer server = TestServer.start()) {
            server.post("/sample", Samples.body(Samples.stream(300, 3)));
            long gone = Samples.stream(300, 3).stream().filter(s -> s.companyId().equals("int:a055470")).count();

            HttpResponse<String> deleted = delete(server, "/companies/int:a055470");

            assertEquals(200, deleted.statusCode(), deleted.body());
            assertEquals(Json.object().add("deleted", gone).add("total", 300 - gone), Json.parse(deleted.body()));
            assertEquals(300 - gone, server.samples());
            assertJsonError(delete(server, "/companies/int:a055470"), 404, "no company \"int:a055470\" in the store");
            assertJsonError(server.get("/companies/int:a055470/samples"), 404, "no company \"int:a055470\" in the store");
            assertJsonError(delete(server, "/v1/companies/int:a055470?x=1"), 400, "unknown query parameter \"x\"");
            assertJsonError(delete(server, "/companies/bad%C3%28"), 400, "the path's id is not UTF-8");
        }
    }

    private static HttpResponse<String> delete(TestServer server, String path) {
        return server.send(HttpRequest.newBuilder(server.uri(path)).DELETE());
    }
}
