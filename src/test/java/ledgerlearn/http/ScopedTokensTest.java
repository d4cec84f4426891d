package ledgerlearn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonValue;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import ledgerlearn.sample.Sample;
import ledgerlearn.testing.Samples;
import ledgerlearn.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A token bound to companies against every endpoint: what it may do for its own company, another company and
 * no company, and that no answer it gets holds anything of another company (id, text, account, account name).
 */
final class ScopedTokensTest {
    private static final String ALL = "all-companies-token-0123456789";
    private static final String OWN = "own-company-token-0123456789";
    private static final String OWN_READER = "own-company-reader-0123456789";
    private static final String LATE_READER = "late-company-reader-0123456789";

    private static final String MINE = "int:own0001";
    /** One of the token's companies that the store holds no row of. */
    private static final String MINE_EMPTY = "int:own-empty";
    private static final String OTHER = "int:other0001";
    /** A company whose first row arrives after the others': the model knows only their accounts then. */
    private static final String LATE = "int:late0001";
    /** Everything of the other company that must never reach the bound token. */
    private static final List<String> OTHER_DATA = List.of(OTHER, "other0001", "str:otherSecret", "other-acct-77",
            "str:otherAccountName", "2017-06-06");

    @TempDir
    static Path dir;
    private static TestServer server;

    @BeforeAll
    static void startAServerHoldingBothCompanies() throws IOException {
        Path authFile = dir.resolve("tokens");
        Files.writeString(authFile, ALL + " reader,writer,admin\n"
                + OWN + " reader,writer,admin companies=" + MINE + "," + MINE_EMPTY + "\n"
                + OWN_READER + " reader companies=" + MINE + "\n"
                + LATE_READER + " reader companies=" + LATE + "\n");
        server = TestServer.startWith("--auth-file", authFile.toString());
        List<Sample> rows = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            rows.add(mine(i));
            rows.add(new Sample("", OTHER, "2017-06-06", "str:otherSecret int:" + i % 3, "> -1000", "str:otherAccountName",
                    "other-acct-77", "Balance"));
        }
        assertEquals(200, send(ALL, "POST", "/sample", Samples.body(rows)).statusCode());
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
    }

    /** One request of the table: what the bound token asks, and the status it must get. */
    record Case(String name, String method, String path, String body, int status) {
        @Override
        public String toString() {
            return name + " -> " + status;
        }
    }

    static Stream<Case> table() {
        String own = Samples.body(List.of(mine(100), mine(101)));
        String other = Samples.body(List.of(Samples.sample(OTHER, "1", "str:x")));
        String mixed = Samples.body(List.of(mine(102), Samples.sample(OTHER, "1", "str:x")));
        return Stream.of(
                new Case("POST /sample, own company", "POST", "/sample", own, 200),
                new Case("POST /sample, other company", "POST", "/sample", other, 403),
                new Case("POST /sample, own and other company", "POST", "/sample", mixed, 403),
                new Case("POST /predict, own company", "POST", "/predict?top=5&detail=true", query(MINE), 200),
                new Case("POST /predict, own company without rows", "POST", "/predict?top=5", query(MINE_EMPTY), 503),
                new Case("POST /predict, other company", "POST", "/predict", query(OTHER), 403),
                new Case("POST /predict, no company", "POST", "/predict", "{\"BankEntryText\": \"str:otherSecret\"}", 403),
                new Case("GET /metrics/{n}, own company", "GET", "/metrics/100?company=" + MINE, null, 200),
                new Case("GET /metrics/{n}, other company", "GET", "/metrics/100?company=" + OTHER, null, 403),
                new Case("GET /metrics/{n}, no company", "GET", "/metrics/100", null, 403),
                new Case("GET /companies/{id}/samples, own company", "GET", "/companies/" + MINE + "/samples", null, 200),
                new Case("GET /companies/{id}/samples, own company without rows", "GET",
                        "/companies/" + MINE_EMPTY + "/samples", null, 404),
                new Case("GET /companies/{id}/samples, other company", "GET", "/companies/" + OTHER + "/samples", null, 403),
                new Case("GET /companies/{id}/samples, a company nobody has", "GET", "/companies/int:nobody/samples", null, 403),
                new Case("DELETE /companies/{id}, other company", "DELETE", "/companies/" + OTHER, null, 403),
                new Case("DELETE /companies/{id}, own company without rows", "DELETE", "/companies/" + MINE_EMPTY, null, 404),
                new Case("GET /companies (own only)", "GET", "/companies", null, 200),
                new Case("GET /stats (own only)", "GET", "/stats?window=100", null, 200),
                new Case("GET /stats, own company", "GET", "/stats?window=100&company=" + MINE, null, 200),
                new Case("GET /stats, other company", "GET", "/stats?window=100&company=" + OTHER, null, 403),
                new Case("POST /predict/batch, own company", "POST", "/predict/batch?top=5&detail=true",
                        "[" + query(MINE) + "," + query(MINE) + "]", 200),
                new Case("POST /predict/batch, own and other company", "POST", "/predict/batch",
                        "[" + query(MINE) + "," + query(OTHER) + "]", 403),
                new Case("POST /predict/batch, no company", "POST", "/predict/batch",
                        "[{\"BankEntryText\": \"str:otherSecret\"}]", 403),
                new Case("GET /metrics, every company", "GET", "/metrics", null, 403),
                new Case("GET /health", "GET", "/health", null, 200),
                new Case("GET / (public)", "GET", "/", null, 200),
                new Case("GET /openapi.json (public)", "GET", "/openapi.json", null, 200));
    }

    @ParameterizedTest
    @MethodSource("table")
    void aBoundTokenGetsItsStatusAndNothingOfAnotherCompany(Case c) {
        long stored = stored();

        HttpResponse<String> response = send(OWN, c.method(), c.path(), c.body());

        assertEquals(c.status(), response.statusCode(), c.name() + ": " + response.body());
        for (String secret : OTHER_DATA) {
            // an error may name what the request itself sent (the company refused), never what the store holds
            boolean sent = c.path().contains(secret) || c.body() != null && c.body().contains(secret);
            assertFalse(!sent && response.body().contains(secret), c.name() + " shows " + secret + ": " + response.body());
        }
        if (c.status() != 200) {
            ErrorResponsesTest.assertJsonError(response, c.status(), "");
            assertEquals(stored, stored(), c.name() + " stored nothing");
        }
    }

    @Test
    void aRefusedBatchOfQueriesNamesTheQueryAndTheCompany() {
        HttpResponse<String> response = send(OWN, "POST", "/predict/batch", "[" + query(MINE) + "," + query(OTHER) + "]");

        ErrorResponsesTest.assertJsonError(response, 403,
                "query 1: company \"" + OTHER + "\" is not one of this token's companies");
    }

    @Test
    void aRefusedBatchNamesTheRowAndTheCompany() {
        String mixed = Samples.body(List.of(mine(200), mine(201), Samples.sample("int:stranger", "1", "str:x")));

        HttpResponse<String> response = send(OWN, "POST", "/sample", mixed);

        ErrorResponsesTest.assertJsonError(response, 403,
                "sample 2: CompanyId \"int:stranger\" is not one of this token's companies; nothing was stored");
    }

    @Test
    void boundAnswersCoverOnlyTheTokensCompanies() {
        JsonObject companies = Json.parse(send(OWN, "GET", "/companies", null).body()).asObject();
        assertEquals(List.of(MINE), companies.get("companies").asArray().values().stream()
                .map(v -> v.asObject().getString("company", "")).toList());

        JsonObject stats = Json.parse(send(OWN, "GET", "/stats?window=100", null).body()).asObject();
        assertEquals(1, stats.getInt("companyCount", -1));
        assertEquals(companies.get("companies").asArray().get(0).asObject().getLong("samples", -1),
                stats.getLong("samples", -1));
        assertEquals(null, stats.get("classes"));
        assertEquals(null, stats.get("requests"));
        JsonObject mine = Json.parse(send(OWN, "GET", "/metrics/100?company=" + MINE, null).body()).asObject();
        assertEquals(mine.get("accuracy"), stats.get("last").asObject().get("accuracy"));
        for (JsonValue row : stats.get("recent").asArray()) {
            assertEquals(MINE, row.asObject().getString("company", ""));
        }

        String csv = send(OWN, "GET", "/companies/" + MINE + "/samples", null).body();
        assertTrue(csv.lines().skip(1).allMatch(line -> line.contains("," + MINE + ",")), csv);
    }

    @Test
    void aPredictionOfAnotherCompanysAccountIsHiddenFromABoundToken() {
        Sample first = new Sample("", LATE, "2017-06-06", "str:otherSecret int:0", "> -1000", "", "late-acct-1", "");
        assertEquals(200, send(ALL, "POST", "/sample", Samples.body(List.of(first))).statusCode());
        assertTrue(send(ALL, "GET", "/companies/" + LATE + "/samples", null).body().contains(",other-acct-77,"),
                "the model knew only the other companies' accounts, and predicted the other company's");

        String stats = send(LATE_READER, "GET", "/stats?window=100&company=" + LATE, null).body();
        String export = send(LATE_READER, "GET", "/companies/" + LATE + "/samples", null).body();
        String suggestions = send(LATE_READER, "POST", "/predict?top=5&detail=true", query(LATE)).body();

        for (String answer : List.of(stats, export, suggestions)) {
            assertFalse(answer.contains("other-acct-77"), answer);
        }
        assertTrue(export.contains(",late-acct-1,"), export);
        assertEquals(Json.NULL, Json.parse(stats).asObject().get("recent").asArray().get(0).asObject().get("predicted"));
    }

    @Test
    void anUnboundTokenSeesEveryCompanyAsBefore() {
        for (String path : List.of("/companies", "/stats", "/metrics/100", "/metrics", "/companies/" + OTHER + "/samples")) {
            HttpResponse<String> response = send(ALL, "GET", path, null);
            assertEquals(200, response.statusCode(), path + ": " + response.body());
        }
        assertTrue(send(ALL, "GET", "/companies", null).body().contains(OTHER));
        assertEquals(200, send(ALL, "POST", "/predict", query(OTHER)).statusCode());
        assertEquals(200, send(ALL, "POST", "/predict", "{}").statusCode());
    }

    @Test
    void deletingNeedsTheAdminRoleAndABoundAdminDeletesItsOwnCompany() {
        ErrorResponsesTest.assertJsonError(send(OWN_READER, "DELETE", "/companies/" + MINE, null), 403,
                "token lacks the admin role needed for DELETE /companies/" + MINE);
        long mine = Json.parse(send(OWN, "GET", "/companies", null).body()).asObject().get("companies").asArray()
                .get(0).asObject().getLong("samples", -1);
        long all = stored();

        HttpResponse<String> deleted = send(OWN, "DELETE", "/companies/" + MINE, null);

        assertEquals(200, deleted.statusCode(), deleted.body());
        assertEquals(Json.object().add("deleted", mine).add("total", all - mine), Json.parse(deleted.body()));
        assertEquals("{\"companies\":[]}", send(OWN, "GET", "/companies", null).body());
        assertEquals(404, send(OWN, "GET", "/companies/" + MINE + "/samples", null).statusCode());
        // put it back for the other tests, whatever order they run in
        assertEquals(200, send(OWN, "POST", "/sample", Samples.body(List.of(mine(0), mine(1), mine(2)))).statusCode());
    }

    private static long stored() {
        return Json.parse(send(ALL, "GET", "/health", null).body()).asObject().getLong("samples", -1);
    }

    private static Sample mine(int i) {
        return new Sample("", MINE, "2016-02-29", "str:mineText int:" + i % 4, "< 10", "str:mineName" + i % 2,
                "own-acct-" + i % 2, "Profit and Loss");
    }

    private static String query(String company) {
        return Json.object().add("CompanyId", company).add("BankEntryText", "str:mineText int:1").toString();
    }

    private static HttpResponse<String> send(String token, String method, String path, String body) {
        return server.send(HttpRequest.newBuilder(server.uri(path)).header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }
}
