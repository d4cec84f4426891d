package ledgerlearn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonArray;
import com.eclipsesource.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import ledgerlearn.sample.Sample;
import ledgerlearn.testing.Samples;
import ledgerlearn.testing.TestServer;
import org.junit.jupiter.api.Test;

final class PredictEndpointTest {

    @Test
    void answers503BeforeAnySampleWasLearnt() throws Exception {
        try (TestServer server = TestServer.start()) {
            HttpResponse<String> response = server.post("/predict", "{\"CompanyId\": \"int:a\"}");

            assertEquals(503, response.statusCode());
            assertTrue(Json.parse(response.body()).asObject().getString("error", "").contains("POST /sample"));
        }
    }

    @Test
    void aClusterNodeBehindTheLogSaysSoInsteadOfAskingForSamples() {
        assertEquals(PredictEndpoint.NOT_READY, PredictEndpoint.nothingLearnt(null), "a single server");
        assertEquals(PredictEndpoint.NOT_READY, PredictEndpoint.nothingLearnt(nodeAt(0, null)), "an empty log");

        String behind = PredictEndpoint.nothingLearnt(nodeAt(42, "catching up"));
        assertEquals("this node has learnt nothing from the log yet (42 records behind its end; catching up): ask again"
                + " shortly, or ask a node whose /readyz is 200", behind);
        assertTrue(PredictEndpoint.nothingLearnt(nodeAt(-1, null)).contains("its end not known yet"));
    }

    private static Replication nodeAt(long lag, String problem) {
        Replication.Status status = new Replication.Status(lag == 0, "ledgerlearn", -1, lag < 0 ? -1 : lag, lag, true,
                problem, null);
        return new Replication() {
            @Override
            public ledgerlearn.learn.Learner.BatchResult append(List<Sample> batch, String idempotencyKey) {
                throw new UnsupportedOperationException();
            }

            @Override
            public ledgerlearn.learn.Learner.Deletion deleteCompany(String company) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Status status() {
                return status;
            }
        };
    }

    @Test
    void predictsTheAccountLearntForSuchTransactions() throws Exception {
        try (TestServer server = TestServer.start()) {
            server.post("/sample", Samples.body(List.of(
                    Samples.sample("int:a", "6700", "str:fuel int:1"),
                    Samples.sample("int:a", "6700", "str:fuel int:2"),
                    Samples.sample("int:a", "2240", "str:rent int:3"),
                    Samples.sample("int:a", "2240", "str:rent int:4"))));

            HttpResponse<String> fuel = server.post("/predict", "{\"CompanyId\": \"int:a\", \"BankEntryText\": \"str:fuel\"}");
            HttpResponse<String> rent = server.post("/v1/predict", "{\"CompanyId\": \"int:a\", \"BankEntryText\": \"str:rent\"}");

            assertEquals(200, fuel.statusCode(), fuel.body());
            assertEquals(Json.parse("[\"6700\"]"), Json.parse(fuel.body()));
            assertEquals(Json.parse("[\"2240\"]"), Json.parse(rent.body()));
        }
    }

    @Test
    void aBankEntryBookedAgainGetsTheAccountThatFollowedInTheCompanysSplitsAlsoAfterARestart() throws Exception {
        try (TestServer server = TestServer.start()) {
            List<Sample> samples = new ArrayList<>();
            for (int month = 1; month <= 40; month++) {
                String date = String.format("20%02d-%02d-28", 10 + month / 12, 1 + month % 12);
                samples.add(entry(date, "9900"));
                samples.add(entry(date, "3115"));
            }
            samples.add(entry("2016-05-28", "9900"));
            server.post("/sample", Samples.body(samples));
            String again = Samples.query(entry("2016-05-28", "9900"));

            JsonArray detail = Json.parse(server.post("/predict?top=2&detail=true", again).body()).asArray();
            assertEquals("3115", detail.get(0).asObject().getString("account", ""), detail.toString());
            assertEquals("split", detail.get(0).asObject().getString("source", ""), detail.toString());
            server.restart();
            assertEquals(detail, Json.parse(server.post("/predict?top=2&detail=true", again).body()).asArray(),
                    "the same answer after a restart");
        }
    }

    @Test
    void detailSaysWhereEachSuggestionComesFromAndWhetherTheFirstMayBeBookedUnseen() throws Exception {
        try (TestServer server = TestServer.start()) {
            List<Sample> samples = new ArrayList<>(Samples.stream(400, 3));
            for (int i = 0; i < 30; i++) {
                samples.add(named("6700", "str:fuel int:9", "str:fuelname"));
            }
            server.post("/sample", Samples.body(samples));

            JsonObject known = Json.parse(server.post("/predict?top=3&detail=true",
                    "{\"CompanyId\": \"int:a\", \"BankEntryText\": \"str:fuel int:9\", \"BankEntryAmount\": \"> -1000\"}")
                    .body()).asArray().get(0).asObject();
            assertEquals("6700", known.getString("account", ""));
            assertEquals("memory", known.getString("source", ""));
            assertEquals(30, known.get("memory").asObject().getInt("bookings", 0));
            assertEquals(30, known.get("memory").asObject().getInt("toThisAccount", 0));
            assertTrue(known.getBoolean("companyKnown", false));
            assertTrue(known.getBoolean("autoBook", false), known.toString());

            JsonArray unknown = Json.parse(server.post("/predict?top=3&detail=true",
                    "{\"CompanyId\": \"int:never\", \"BankEntryText\": \"str:fuel\"}").body()).asArray();
            JsonObject first = unknown.get(0).asObject();
            assertEquals("model", first.getString("source", ""));
            assertEquals(false, first.getBoolean("companyKnown", true));
            assertTrue(first.get("autoBook").isBoolean(), "the first suggestion always says whether");
            assertTrue(first.getDouble("probability", 1) < known.getDouble("probability", 0),
                    "an unknown company is less sure than a well-known repeat");
            for (int i = 1; i < unknown.size(); i++) {
                assertTrue(unknown.get(i).asObject().get("autoBook") == null, "only the first says autoBook");
            }
        }
    }

    private static Sample entry(String date, String account) {
        return new Sample("", "int:a", date, "str:transfer int:7", "> -1000", "", account, "");
    }

    @Test
    void predictsTopKDistinctAccountsBestFirst() throws Exception {
        try (TestServer server = TestServer.start()) {
            server.post("/sample", Samples.body(Samples.stream(300, 5)));
            String query = Samples.query(Samples.stream(300, 5).get(299));

            JsonArray top3 = Json.parse(server.post("/predict?top=3", query).body()).asArray();
            JsonArray top1 = Json.parse(server.post("/predict", query).body()).asArray();
            JsonArray all = Json.parse(server.post("/predict?top=1000", query).body()).asArray();

            assertEquals(3, top3.size());
            assertEquals(top1.get(0), top3.get(0));
            assertEquals(3, new HashSet<>(top3.values()).size());
            assertEquals(6, all.size(), "top larger than the number of accounts gives them all");
            assertEquals(top3, Json.parse(server.post("/predict?top=3", query).body()).asArray(), "equal inputs, equal answers");
        }
    }

    @Test
    void acceptsAQueryWithoutDateAndIgnoresAccountKeys() throws Exception {
        try (TestServer server = TestServer.start()) {
            server.post("/sample", Samples.body(Samples.stream(50, 6)));

            HttpResponse<String> response = server.post("/predict", "{\"CompanyId\": \"int:a055470\","
                    + " \"BankEntryText\": \"str:acc1\", \"BankEntryAmount\": \"< 1000\", \"AccountNumber\": \"9\"}");

            assertEquals(200, response.statusCode(), response.body());
            assertEquals(1, Json.parse(response.body()).asArray().size());
        }
    }

    @Test
    void rejectsUnknownKeysAndBadTop() throws Exception {
        try (TestServer server = TestServer.start()) {
            server.post("/sample", Samples.body(Samples.stream(5, 7)));

            assertEquals(400, server.post("/predict", "{\"Company\": \"int:a\"}").statusCode());
            assertEquals(400, server.post("/predict", "[{\"CompanyId\": \"int:a\"}]").statusCode());
            for (String top : List.of("0", "-1", "x", "1.5", "1001", "")) {
                HttpResponse<String> response = server.post("/predict?top=" + top, "{}");
                assertEquals(400, response.statusCode(), "top=" + top);
                assertTrue(response.body().contains("top"), response.body());
            }
        }
    }

    @Test
    void detailListsAccountsWithProbabilitiesAndTheNameLastBookedWithEach() throws Exception {
        try (TestServer server = TestServer.start()) {
            server.post("/sample", Samples.body(List.of(
                    named("6700", "str:fuel int:1", "str:oldname"),
                    named("6700", "str:fuel int:2", "str:newname"),
                    named("6700", "str:fuel int:3", ""),
                    named("2240", "str:rent int:3", "str:rentname"))));
            String query = "{\"CompanyId\": \"int:a\", \"BankEntryText\": \"str:fuel\"}";

            HttpResponse<String> response = server.post("/predict?top=5&detail=true", query);

            assertEquals(200, response.statusCode(), response.body());
            JsonArray detail = Json.parse(response.body()).asArray();
            assertEquals(2, detail.size(), "the company booked two accounts");
            JsonObject best = detail.get(0).asObject();
            JsonObject second = detail.get(1).asObject();
            assertEquals("6700", best.getString("account", ""));
            assertEquals("str:newname", best.getString("accountName", ""), "a booking without a name keeps the last name");
            assertEquals("2240", second.getString("account", ""));
            assertEquals("str:rentname", second.getString("accountName", ""));
            double p1 = best.getDouble("probability", -1);
            double p2 = second.getDouble("probability", -1);
            assertTrue(p1 > p2 && p2 > 0, response.body());
            assertTrue(p1 + p2 <= 1 + 1e-12, "each the probability of its own account, an account never booked besides");
            assertEquals(Json.parse("[\"6700\",\"2240\"]"), Json.parse(server.post("/predict?top=5", query).body()));
            assertEquals(Json.parse("[\"6700\"]"), Json.parse(server.post("/predict?detail=false", query).body()));
            assertEquals(1, Json.parse(server.post("/predict?detail=true", query).body()).asArray().size());
        }
    }

    @Test
    void detailAnswers503BeforeAnySampleAndRejectsValuesOtherThanTrueOrFalse() throws Exception {
        try (TestServer server = TestServer.start()) {
            assertEquals(503, server.post("/predict?detail=true", "{}").statusCode());
            server.post("/sample", Samples.body(Samples.stream(5, 7)));
            for (String detail : List.of("yes", "1", "TRUE", "")) {
                HttpResponse<String> response = server.post("/predict?detail=" + detail, "{}");
                assertEquals(400, response.statusCode(), "detail=" + detail);
                assertTrue(response.body().contains("detail must be true or false"), response.body());
            }
        }
    }

    @Test
    void accountNamesAreTheQueryingCompanysOwn() throws Exception {
        try (TestServer server = TestServer.start()) {
            server.post("/sample", Samples.body(List.of(
                    named("6700", "str:fuel", "str:own"),
                    new Sample("", "int:b", "2016-02-29", "str:fuel", "> -1000", "str:others", "6700", ""))));

            JsonObject a = Json.parse(server.post("/predict?detail=true", "{\"CompanyId\": \"int:a\", \"BankEntryText\": \"str:fuel\"}")
                    .body()).asArray().get(0).asObject();
            JsonObject stranger = Json.parse(server.post("/predict?detail=true", "{\"CompanyId\": \"int:c\", \"BankEntryText\": \"str:fuel\"}")
                    .body()).asArray().get(0).asObject();

            assertEquals("str:own", a.getString("accountName", ""), "company b named 6700 last, but not for a");
            assertTrue(stranger.get("accountName").isNull(), "a company that booked nothing has no names: " + stranger);
        }
    }

    private static Sample named(String account, String text, String accountName) {
        return new Sample("", "int:a", "2016-02-29", text, "> -1000", accountName, account, "Balance");
    }
}
