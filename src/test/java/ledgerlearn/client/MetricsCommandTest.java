package ledgerlearn.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import ledgerlearn.cli.ClientOptions;
import ledgerlearn.metrics.Average;
import ledgerlearn.testing.Samples;
import ledgerlearn.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class MetricsCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void printsTheScoresAsAnAlignedTable() {
        JsonObject metrics = Json.parse("{\"precision\":0.41234,\"recall\":0.38,\"accuracy\":0.97125,\"n\":1000,"
                + "\"average\":\"macro\",\"baseline\":0.9}").asObject();

        assertEquals("last 1,000 scored samples, macro average\n"
                + "  precision  0.4123\n"
                + "  recall     0.3800\n"
                + "  accuracy   0.9713\n"
                + "  baseline   0.9000\n", MetricsCommand.table(metrics, 1000));
    }

    @Test
    void namesTheCompanyAndPrintsTheAutoBookFigures() {
        JsonObject metrics = Json.parse("{\"precision\":0.5,\"recall\":0.5,\"accuracy\":0.75,\"n\":40,\"average\":\"macro\","
                + "\"baseline\":0.5,\"autoBook\":{\"coverage\":0.8,\"precision\":null},\"company\":\"int:a055470\"}").asObject();

        assertEquals("last 40 scored samples of company int:a055470 (all there are), macro average\n"
                + "  precision  0.5000\n"
                + "  recall     0.5000\n"
                + "  accuracy   0.7500\n"
                + "  baseline   0.5000\n"
                + "  auto-book  coverage 0.8000, precision -\n", MetricsCommand.table(metrics, 1000));
    }

    @Test
    void asksForOneCompanysScoresWithCompany() throws Exception {
        try (TestServer server = TestServer.start()) {
            server.post("/sample", Samples.body(Samples.stream(300, 2)));
            String expected = server.get("/metrics/50?average=macro&company=int:a055470").body();

            assertEquals(0, run(new MetricsCommand.Settings(Connection.to(URI.create(server.baseUrl())), 50, Average.MACRO,
                    "int:a055470", true)), err());

            assertEquals(Json.parse(expected), Json.parse(out()));
            assertEquals("int:a055470", Json.parse(out()).asObject().getString("company", ""));
        }
    }

    @Test
    void saysWhenTheWindowHoldsAllThereIsOrNothing() {
        JsonObject few = Json.parse("{\"precision\":1,\"recall\":1,\"accuracy\":1,\"n\":7,\"average\":\"micro\","
                + "\"baseline\":1}").asObject();
        assertTrue(MetricsCommand.table(few, 1000).startsWith("last 7 scored samples (all there are), micro average\n"));

        JsonObject none = Json.parse("{\"precision\":null,\"recall\":null,\"accuracy\":null,\"n\":0,\"average\":\"macro\","
                + "\"baseline\":null}").asObject();
        assertEquals("nothing scored yet: send samples first (the client command, or POST /sample)\n",
                MetricsCommand.table(none, 1000));
    }

    @Test
    void asksForTheWindowAndAverageGivenAndPrintsTheJsonWithJson() throws Exception {
        try (TestServer server = TestServer.start()) {
            server.post("/sample", Samples.body(Samples.stream(300, 2)));
            String expected = server.get("/metrics/50?average=weighted").body();

            assertEquals(0, run(new MetricsCommand.Settings(Connection.to(URI.create(server.baseUrl())), 50, Average.WEIGHTED, true)), err());

            assertEquals(Json.parse(expected), Json.parse(out()));
            assertEquals(1, out().lines().count());
        }
    }

    @Test
    void printsTheTableOfARunningServer() throws Exception {
        try (TestServer server = TestServer.start()) {
            server.post("/sample", Samples.body(Samples.stream(300, 2)));
            JsonObject expected = Json.parse(server.get("/metrics/100").body()).asObject();

            assertEquals(0, run(new MetricsCommand.Settings(Connection.to(URI.create(server.baseUrl())), 100, Average.MACRO, false)), err());

            assertEquals(MetricsCommand.table(expected, 100), out());
        }
    }

    @Test
    void sendsTheApiTokenAndSaysHowToGiveOneWhenItIsMissing(@TempDir Path dir) throws Exception {
        Path authFile = dir.resolve("tokens");
        Files.writeString(authFile, "reader-token-0123456789 reader\n");
        try (TestServer server = TestServer.startWith("--auth-file", authFile.toString())) {
            String[] args = {"--url", server.baseUrl()};

            assertEquals(0, run(ClientOptions.metrics(args, Map.of(Connection.TOKEN_ENV, "reader-token-0123456789"))), err());
            assertTrue(out().startsWith("nothing scored yet"), out());

            assertEquals(1, run(ClientOptions.metrics(args, Map.of())));
            assertTrue(err().contains("answered HTTP 401: missing or unknown API token"), err());
            assertTrue(err().contains("(give the API token in --token-file or " + Connection.TOKEN_ENV + ")"), err());
        }
    }

    @Test
    void exitsOneWithOneClearLineWhenNoServerListens() throws Exception {
        int port = FakeServer.unusedPort();
        assertEquals(1, run(new MetricsCommand.Settings(Connection.to(URI.create("http://127.0.0.1:" + port)), 1000, Average.MACRO, false)));
        assertTrue(err().startsWith("cannot reach http://127.0.0.1:" + port + ": connection refused"), err());
        assertEquals(1, err().lines().count());
    }

    private int run(MetricsCommand.Settings options) {
        return MetricsCommand.run(options, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
