package ledgerlearn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import ledgerlearn.process.JavaProcess;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return Main.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsEveryCommandAndExitsZero() {
        assertEquals(0, run(Map.of(), "--help"));
        for (String command : new String[] {"server", "client", "predict", "metrics", "demo", "generate", "evaluate", "bench"}) {
            assertTrue(out().contains(command), command);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"server", "client", "predict", "metrics", "demo", "generate", "evaluate", "bench"})
    void eachCommandHasHelpWithEveryFlagAndItsEnvTwin(String command) {
        assertEquals(0, run(Map.of(), command, "--help"));
        assertTrue(out().contains("Usage: java -jar ledgerlearn.jar " + command), out());
        assertTrue(out().contains("env LEDGERLEARN_"), out());
    }

    @Test
    void serverHelpShowsPortWithEnvAndDefault() {
        run(Map.of(), "server", "--help");
        assertTrue(out().contains("--port PORT"), out());
        assertTrue(out().contains("env LEDGERLEARN_PORT, default \"5000\""), out());
    }

    @Test
    void predictHelpShowsAnExampleWithEveryFeature() {
        assertEquals(0, run(Map.of(), "predict", "--help"));
        assertTrue(out().contains("java -jar ledgerlearn.jar predict --company int:a055470 --text \"str:6cd08e4 int:49fed34\""
                + " --amount \"> -1000\" --date 2016-02-29 --top 3"), out());
    }

    @Test
    void predictAndMetricsRefuseBadValuesWithExitTwo() {
        assertEquals(2, run(Map.of(), "predict", "--top", "0"));
        assertTrue(err().contains("--top: expected an integer 1.."), err());
        assertEquals(2, run(Map.of(), "metrics", "--average", "median"));
        assertTrue(err().contains("--average: expected one of macro, micro, weighted, got \"median\""), err());
        assertEquals(2, run(Map.of("LEDGERLEARN_METRICS_N", "0"), "metrics"));
        assertTrue(err().contains("LEDGERLEARN_METRICS_N: expected an integer 1.."), err());
        assertEquals(2, run(Map.of(), "server", "--access-log", "sometimes"));
        assertTrue(err().contains("--access-log: expected true or false"), err());
    }

    @Test
    void unknownFlagIsUsageErrorWithExitTwo() {
        assertEquals(2, run(Map.of(), "server", "--prot", "5000"));
        assertTrue(err().contains("unknown flag --prot"), err());
    }

    @Test
    void badFlagValueNamesTheFlagAndValue() {
        assertEquals(2, run(Map.of(), "server", "--port", "abc"));
        assertTrue(err().contains("--port: expected an integer 0..65535, got \"abc\""), err());
    }

    @Test
    void badEnvironmentValueNamesTheVariable() {
        assertEquals(2, run(Map.of("LEDGERLEARN_PORT", "99999"), "server"));
        assertTrue(err().contains("LEDGERLEARN_PORT: expected an integer 0..65535, got \"99999\""), err());
    }

    @Test
    void clientRefusesAUrlThatIsNotHttp() {
        assertEquals(2, run(Map.of(), "client", "--url", "ftp://example"));
        assertTrue(err().contains("--url"), err());
        assertEquals(2, run(Map.of(), "client", "--limit", "some"));
    }

    @Test
    void unknownCommandIsUsageError() {
        assertEquals(2, run(Map.of(), "serve"));
        assertTrue(err().contains("unknown command \"serve\""), err());
        assertEquals(2, run(Map.of()));
    }

    @Test
    void clientThatCannotReachTheServerSaysSoAndFails() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        assertEquals(1, run(Map.of(), "client", "--url", "http://127.0.0.1:" + port, "--quiet"));
        assertTrue(err().contains("cannot reach"), err());
    }

    @Test
    void demoStreamsTheEmbeddedDataSetAndPrintsMetricsAndAPrediction() {
        assertEquals(0, run(Map.of(), "demo", "--quiet"));

        String metricsLine = out().lines().filter(line -> line.startsWith("{")).findFirst().orElse("");
        var metrics = com.eclipsesource.json.Json.parse(metricsLine).asObject();
        assertEquals(1000, metrics.getInt("n", -1));
        assertTrue(metrics.getDouble("accuracy", 0) > metrics.getDouble("baseline", 1),
                "the demo model beats the majority class: " + metricsLine);
        assertTrue(out().contains("predict"), out());
        assertTrue(err().matches("(?s).*demo: dashboard at http://127\\.0\\.0\\.1:[0-9]+/\\R.*"), err());
    }

    @Test
    void demoOnAPortInUseSaysSoAndFails() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertEquals(1, run(Map.of(), "demo", "--quiet", "--port", String.valueOf(taken.getLocalPort())));
        }
        assertTrue(err().contains("ledgerlearn demo: cannot listen on 127.0.0.1:"), err());
        assertTrue(err().contains("try another --port, or 0"), err());
    }

    @Test
    void demoAndClientRefuseANegativeRate() {
        assertEquals(2, run(Map.of(), "demo", "--rate", "-1"));
        assertTrue(err().contains("--rate: expected an integer 0..100000000, got \"-1\""), err());
        assertEquals(2, run(Map.of("LEDGERLEARN_CLIENT_RATE", "fast"), "client"));
        assertTrue(err().contains("LEDGERLEARN_CLIENT_RATE: expected an integer"), err());
    }

    @Test
    void evaluatePrintsEachFigureForTheModelAndBothBaselinesTheTailNoLongerThanTheRows() {
        assertEquals(0, run(Map.of(), "evaluate", "--limit", "3000"));

        for (String row : new String[] {"accuracy", "top-3 accuracy", "macro precision", "macro recall",
                "accuracy without ", "mean per-company accuracy", "accuracy on the last 3,000 rows",
                "/metrics/1000 after 15,000 rows: baseline", "rows/s"}) {
            assertTrue(out().lines().anyMatch(line -> line.startsWith(row)), row + " in\n" + out());
        }
        assertTrue(out().contains("model") && out().contains("company majority") && out().contains("global majority"),
                out());
        assertTrue(out().contains("3,000 rows"), out());
    }

    @Test
    void evaluateAsJsonUsesTheModelFlags() {
        assertEquals(0, run(Map.of("LEDGERLEARN_EVALUATE_ALPHA", "0.5"), "evaluate", "--limit", "2000", "--json",
                "--company-model", "30", "--max-features", "5000", "--tail", "500", "--from", "1000",
                "--auto-book-precision", "0.9"));

        var json = com.eclipsesource.json.Json.parse(out()).asObject();
        var options = json.get("options").asObject();
        assertEquals(0.5, options.getDouble("alpha", 0), 0.0);
        assertEquals(30.0, options.getDouble("companyModel", -1), 0.0);
        assertEquals(5000, options.getInt("maxFeatures", 0));
        assertEquals(0.9, options.getDouble("autoBookPrecision", 0), 0.0);
        assertEquals(2000, json.getLong("rows", 0));
        assertEquals(1000, json.getLong("from", 0));
        assertEquals(1000, json.getLong("counted", 0));
        assertEquals(500, json.getInt("tailRows", 0));
        var results = json.get("results").asArray();
        assertEquals(3, results.size());
        for (var result : results) {
            assertTrue(result.asObject().get("accuracy").isNumber(), result.toString());
            assertTrue(result.asObject().get("checkpoint").isNull(), "2,000 rows do not reach the checkpoint");
        }
        var model = results.get(0).asObject();
        assertTrue(model.get("calibrationError").isNumber(), model.toString());
        assertTrue(model.get("autoBook").asObject().get("coverage").isNumber(), model.toString());
        assertEquals(10, model.get("reliability").asObject().get("bins").asArray().size());
        assertTrue(results.get(1).asObject().get("calibrationError").isNull(), "a baseline shows no probabilities");
    }

    @Test
    void evaluateRefusesBadModelFlagsAMissingFileAndAStartPastTheEnd() {
        assertEquals(2, run(Map.of(), "evaluate", "--company-model", "-1"));
        assertTrue(err().contains("--company-model: expected a positive number, got \"-1\""), err());
        assertEquals(2, run(Map.of(), "evaluate", "--from", "-1"));
        assertTrue(err().contains("--from: expected an integer 0.."), err());
        assertEquals(2, run(Map.of(), "evaluate", "--data", "/nonexistent/ledgerlearn.csv"));
        assertTrue(err().contains("--data: no such file: /nonexistent/ledgerlearn.csv"), err());
        assertEquals(2, run(Map.of(), "evaluate", "--data", System.getProperty("java.io.tmpdir")));
        assertTrue(err().contains("is a directory, not a file"), err());
        assertEquals(1, run(Map.of(), "evaluate", "--limit", "1000", "--from", "3000"));
        assertTrue(err().contains("no row to count: --from 3,000, but the data set has 1,000 rows"), err());
    }

    @Test
    void evaluateRefusesARowTheServerWouldRefuseNamingItsLine(@TempDir Path dir) throws Exception {
        String header = ",CompanyId,BankEntryDate,BankEntryText,BankEntryAmount,AccountName,AccountNumber,AccountTypeName\n";
        String good = "0,int:a,2016-02-29,str:x,> -1000,n,9900,Balance\n";
        Map<String, String> broken = Map.of(
                "1,int:a,2016-02-30,str:x,> -1000,n,9900,Balance\n", "line 3: BankEntryDate must be YYYY-MM-DD, got \"2016-02-30\"",
                "1,,2016-02-29,str:x,> -1000,n,9900,Balance\n", "line 3: CompanyId must not be blank, got \"\"",
                "1,int:a,2016-02-29,str:x,,n,9900,Balance\n", "line 3: BankEntryAmount must not be blank, got \"\"",
                "1,int:a,2016-02-29,str:x,> -1000,n,,Balance\n", "line 3: AccountNumber must not be blank, got \"\"");
        for (Map.Entry<String, String> row : broken.entrySet()) {
            Path data = Files.writeString(dir.resolve("broken.csv"), header + good + row.getKey() + good);

            assertEquals(1, run(Map.of(), "evaluate", "--data", data.toString()), row.getKey());
            assertTrue(err().contains(row.getValue()), err());
        }
        Path fine = Files.writeString(dir.resolve("fine.csv"), header + good + good.replace("0,", "1,"));
        assertEquals(0, run(Map.of(), "evaluate", "--data", fine.toString()), err());
    }

    @Test
    void aCommandOutOfMemorySaysSoAndExitsOneWithoutAStackTrace() throws Exception {
        // the embedded data set's evaluation needs more than 5 MiB of heap
        JavaProcess evaluate = JavaProcess.start("evaluate",
                JavaProcess.command(List.of("-Xmx5m", "-XX:+UseSerialGC"), List.of("evaluate")));
        int code = evaluate.waitFor(Duration.ofMinutes(1));
        String output = String.join("\n", evaluate.lines());

        assertEquals(1, code, output);
        assertTrue(output.contains("ledgerlearn evaluate: out of memory in a heap of"), output);
        assertTrue(output.contains("larger -Xmx"), output);
        assertTrue(!output.contains("\tat ") && !output.contains("Exception in thread"), output);
    }
}
