package ledgerlearn.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eclipsesource.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import ledgerlearn.cli.ClientOptions;
import ledgerlearn.testing.Samples;
import ledgerlearn.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class PredictCommandTest {
    private static final String COMPANY = "int:a055470";
    private static final String TEXT = "str:acc2 int:1f";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void printsTheTopAccountsOnePerLineBestFirst() throws Exception {
        try (TestServer server = TestServer.start()) {
            String expected = learnAndPredict(server, 3);

            assertEquals(0, run(options(server.baseUrl(), 3, false)), err());

            List<String> accounts = new ArrayList<>();
            Json.parse(expected).asArray().forEach(account -> accounts.add(account.asString()));
            assertEquals(3, accounts.size());
            assertEquals(String.join("\n", accounts) + "\n", out());
        }
    }

    @Test
    void printsTheServersJsonAnswerWithJson() throws Exception {
        try (TestServer server = TestServer.start()) {
            String expected = learnAndPredict(server, 2);

            assertEquals(0, run(options(server.baseUrl(), 2, true)), err());

            assertEquals(Json.parse(expected), Json.parse(out()));
            assertEquals(1, out().lines().count());
        }
    }

    @Test
    void printsEachAccountWithItsProbabilityNameSourceAndAutoBookWithDetail() throws Exception {
        try (TestServer server = TestServer.start()) {
            learnAndPredict(server, 1);
            String answer = server.post("/predict?top=2&detail=true",
                    "{\"CompanyId\":\"" + COMPANY + "\",\"BankEntryText\":\"" + TEXT + "\"}").body();

            assertEquals(0, run(new PredictCommand.Settings(Connection.to(URI.create(server.baseUrl())), COMPANY, null, TEXT,
                    null, 2, true, false)), err());

            List<String> lines = out().lines().toList();
            assertEquals(2, lines.size(), out());
            for (int i = 0; i < 2; i++) {
                assertEquals(PredictCommand.line(Json.parse(answer).asArray().get(i)), lines.get(i));
            }
            assertTrue(lines.get(0).matches("\\d+  0\\.\\d{4}  str:name\\d  \\w+  (autoBook|review)"), lines.get(0));
            assertTrue(lines.get(1).matches("\\d+  0\\.\\d{4}  str:name\\d  \\w+"), "only the first says autoBook: " + lines.get(1));
        }
    }

    @Test
    void sendsOnlyTheFeaturesGiven() {
        PredictCommand.Settings options = new PredictCommand.Settings(Connection.to(URI.create("http://127.0.0.1:5000")),
                COMPANY, null, "", "> -1000", 1, false, false);
        assertEquals(Json.parse("{\"CompanyId\":\"int:a055470\",\"BankEntryText\":\"\",\"BankEntryAmount\":\"> -1000\"}"),
                PredictCommand.query(options));
    }

    @Test
    void printsTheServersErrorMessageAndExitsOne() throws Exception {
        try (TestServer server = TestServer.start()) {
            assertEquals(1, run(options(server.baseUrl(), 1, false)));
            assertEquals("POST " + server.baseUrl() + "/predict?top=1 answered HTTP 503: no samples learnt yet;"
                    + " POST /sample first\n", err());

            err.reset();
            server.post("/sample", Samples.body(Samples.stream(10, 1)));
            PredictCommand.Settings badDate = new PredictCommand.Settings(Connection.to(URI.create(server.baseUrl())),
                    COMPANY, "2016-02-30", null, null, 1, false, false);
            assertEquals(1, run(badDate));
            assertEquals("POST " + server.baseUrl() + "/predict?top=1 answered HTTP 400: BankEntryDate must be"
                    + " YYYY-MM-DD, got \"2016-02-30\"\n", err());
            assertEquals("", out());
        }
    }

    @Test
    void sendsTheApiTokenFromItsFile(@TempDir Path dir) throws Exception {
        Path authFile = dir.resolve("tokens");
        Files.writeString(authFile, "reader-token-0123456789 reader\n");
        Path tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, "reader-token-0123456789\n");
        try (TestServer server = TestServer.startWith("--auth-file", authFile.toString())) {
            PredictCommand.Settings options = ClientOptions.predict(
                    new String[] {"--url", server.baseUrl(), "--token-file", tokenFile.toString()}, Map.of());

            // past the token check, the server has nothing learnt yet
            assertEquals(1, run(options));
            assertTrue(err().contains("answered HTTP 503: no samples learnt yet"), err());
        }
    }

    @Test
    void exitsOneWithOneClearLineWhenNoServerListens() throws Exception {
        int port = FakeServer.unusedPort();
        assertEquals(1, run(options("http://127.0.0.1:" + port, 1, false)));
        assertEquals("cannot reach http://127.0.0.1:" + port + ": connection refused — is the server running?"
                + " (start it with: java -jar ledgerlearn.jar server)\n", err());
    }

    /** Teaches the server a stream, and returns its own answer to the query the tests send. */
    private static String learnAndPredict(TestServer server, int top) {
        server.post("/sample", Samples.body(Samples.stream(300, 1)));
        return server.post("/predict?top=" + top,
                "{\"CompanyId\":\"" + COMPANY + "\",\"BankEntryText\":\"" + TEXT + "\"}").body();
    }

    private static PredictCommand.Settings options(String url, int top, boolean json) {
        return new PredictCommand.Settings(Connection.to(URI.create(url)), COMPANY, null, TEXT, null, top, false, json);
    }

    private int run(PredictCommand.Settings options) {
        return PredictCommand.run(options, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
