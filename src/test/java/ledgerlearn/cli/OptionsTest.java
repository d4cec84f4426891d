package ledgerlearn.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import ledgerlearn.model.ModelOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class OptionsTest {
    @TempDir
    Path dir;

    @Test
    void serverAndEvaluateDefaultToTheModelsDefaults() throws UsageException {
        assertEquals(ModelOptions.DEFAULT, ServerOptions.parse(new String[0], Map.of()).model());
        assertEquals(ModelOptions.DEFAULT, EvaluateOptions.parse(new String[0], Map.of()).model());
    }

    @Test
    void aSwitchTakesAnExplicitTrueOrFalseAfterIt() throws UsageException {
        assertEquals(false, DemoOptions.parse(new String[] {"--quiet", "false", "--keep-running", "off"}, Map.of()).quiet());
        assertEquals(false, DemoOptions.parse(new String[] {"--keep-running", "false"}, Map.of()).keepRunning());
        assertEquals(true, DemoOptions.parse(new String[] {"--quiet", "--keep-running", "true"}, Map.of()).quiet());
        assertEquals(true, DemoOptions.parse(new String[] {"--quiet=yes"}, Map.of()).quiet());
        assertEquals(false, DemoOptions.parse(new String[] {"--quiet=false"}, Map.of()).quiet());
        UsageException stray = assertThrows(UsageException.class,
                () -> DemoOptions.parse(new String[] {"--quiet", "maybe"}, Map.of()));
        assertEquals("unexpected argument \"maybe\"", stray.getMessage());
    }

    @Test
    void serverReadsEveryModelFlagAndItsEnvironmentTwin() throws UsageException {
        ServerOptions server = ServerOptions.parse(new String[] {"--alpha", "0.01", "--auto-book-precision", "0.9"},
                Map.of("LEDGERLEARN_COMPANY_MODEL", "30", "LEDGERLEARN_MAX_FEATURES", "5000"));

        assertEquals(new ModelOptions(0.01, 30, 5000), server.model());
        assertEquals(0.9, server.autoBookPrecision());
        assertEquals(0.95, ServerOptions.parse(new String[0], Map.of()).autoBookPrecision());
        assertEquals(0.0, ServerOptions.parse(new String[] {"--auto-book-precision", "0"}, Map.of()).autoBookPrecision(),
                "0 turns auto-booking off");
    }

    @Test
    void evaluateReadsDataLimitTailFromAndJson() throws UsageException, IOException {
        String data = file("x.zip");
        EvaluateOptions evaluate = EvaluateOptions.parse(new String[] {"--data", data, "--limit", "10", "--tail", "5",
                "--json", "--company-model", "30", "--from", "368508"}, Map.of());

        assertEquals(data, evaluate.data().toString());
        assertEquals(10, evaluate.limit());
        assertEquals(5, evaluate.tailRows());
        assertEquals(368_508, evaluate.from());
        assertTrue(evaluate.json());
        assertEquals(ModelOptions.DEFAULT.withCompanyModel(30), evaluate.model());
        assertEquals(Long.MAX_VALUE, EvaluateOptions.parse(new String[0], Map.of()).limit());
        assertEquals(0, EvaluateOptions.parse(new String[0], Map.of()).from());
        assertEquals(null, EvaluateOptions.parse(new String[0], Map.of()).data(), "the embedded data set");
    }

    @Test
    void eachCommandsFlagsHaveTwinsOfTheirOwnSoAVariableMeansOneThing() throws UsageException {
        Map<String, String> env = Map.of("LEDGERLEARN_CLIENT_LIMIT", "200", "LEDGERLEARN_EVALUATE_LIMIT", "300",
                "LEDGERLEARN_LIMIT", "999", "LEDGERLEARN_EVALUATE_ALPHA", "0.5");

        assertEquals(200, ClientOptions.client(new String[0], env).limit());
        assertEquals(300, EvaluateOptions.parse(new String[0], env).limit());
        assertEquals(0.5, EvaluateOptions.parse(new String[0], env).model().alpha());
        assertEquals(ModelOptions.DEFAULT.alpha(), ServerOptions.parse(new String[0], env).model().alpha(),
                "the server's twin is LEDGERLEARN_ALPHA");
    }

    @Test
    void theConnectionFlagsShareTheirTwinsAcrossTheCommandsThatCallAServer() throws UsageException, IOException {
        String token = file("t");
        Map<String, String> env = Map.of("LEDGERLEARN_URL", "http://127.0.0.1:5123", "LEDGERLEARN_TOKEN_FILE", token);

        assertEquals("http://127.0.0.1:5123", ClientOptions.client(new String[0], env).server().url().toString());
        assertEquals("http://127.0.0.1:5123", ClientOptions.predict(new String[0], env).server().url().toString());
        assertEquals(token, ClientOptions.metrics(new String[0], env).server().tokenFile().toString());
    }

    @Test
    void dataIsOneNameForTheDataSetWithFileKeptAsAnAlias() throws UsageException, IOException {
        String a = file("a.zip");
        String b = file("b.zip");
        String c = file("c.zip");
        assertEquals(a, ClientOptions.client(new String[] {"--data", a}, Map.of()).file().toString());
        assertEquals(b, ClientOptions.client(new String[] {"--file", b}, Map.of()).file().toString());
        assertEquals(c, EvaluateOptions.parse(new String[] {"--file=" + c}, Map.of()).data().toString());
        assertEquals("--file: needs a value (FILE)",
                assertThrows(UsageException.class, () -> ClientOptions.client(new String[] {"--file"}, Map.of())).getMessage());
    }

    @Test
    void clientReadsSkipAndPredictDetailAndMetricsCompany() throws UsageException {
        assertEquals(5000, ClientOptions.client(new String[] {"--skip", "5000"}, Map.of()).skip());
        assertTrue(ClientOptions.predict(new String[] {"--detail"}, Map.of()).detail());
        assertEquals("int:a", ClientOptions.metrics(new String[] {"--company", "int:a"}, Map.of()).company());
        assertEquals(null, ClientOptions.metrics(new String[0], Map.of()).company());
        assertEquals("--company: expected a CompanyId such as int:a055470, got \" \"",
                assertThrows(UsageException.class, () -> ClientOptions.metrics(new String[] {"--company", " "}, Map.of()))
                        .getMessage());
    }

    @Test
    void clientStreamsASyntheticStreamWholeUnlessALimitIsGiven() throws UsageException {
        var synthetic = ClientOptions.client(new String[] {"--synthetic", "10000,10000000"}, Map.of());
        assertEquals(new ledgerlearn.dataset.ScaleDataset.Size(10_000, 10_000_000), synthetic.synthetic());
        assertEquals(Long.MAX_VALUE, synthetic.limit());
        assertEquals(500, ClientOptions.client(new String[] {"--synthetic", "10,1000", "--limit", "500"}, Map.of()).limit());
        assertEquals(15_000, ClientOptions.client(new String[0], Map.of()).limit());
        assertEquals(null, ClientOptions.client(new String[0], Map.of()).synthetic());
        assertEquals("--synthetic: give --data or --synthetic, not both, got \"10,1000\"", assertThrows(UsageException.class,
                () -> ClientOptions.client(new String[] {"--synthetic", "10,1000", "--data", "a.zip"}, Map.of())).getMessage());
        for (String bad : new String[] {"10", "0,10", "20,10", "a,b", "10,1000,3"}) {
            assertEquals("--synthetic: expected COMPANIES,ROWS with 1 <= COMPANIES <= ROWS <= 10000000000, e.g. 10000,10000000,"
                    + " got \"" + bad + "\"",
                    assertThrows(UsageException.class, () -> ClientOptions.client(new String[] {"--synthetic", bad}, Map.of()))
                            .getMessage(), bad);
        }
    }

    @Test
    void refusesTheFeatureBoundAndTheAutoBookPrecisionOutsideTheirRanges() {
        assertEquals("--max-features: expected an integer 16..2147483639, got \"15\"",
                refusal(new String[] {"--max-features", "15"}, Map.of()));
        assertEquals("--auto-book-precision: expected a number from 0 (off) up to below 1, got \"1\"",
                refusal(new String[] {"--auto-book-precision", "1"}, Map.of()));
        assertEquals("LEDGERLEARN_AUTO_BOOK_PRECISION: expected a number from 0 (off) up to below 1, got \"-0.1\"",
                refusal(new String[0], Map.of("LEDGERLEARN_AUTO_BOOK_PRECISION", "-0.1")));
    }

    @Test
    void refusesAModelNumberInTheModelsOwnWordsNamingWhereTheValueCameFrom() {
        assertEquals("--alpha: expected a positive number, got \"0\"", refusal(new String[] {"--alpha", "0"}, Map.of()));
        assertEquals("--company-model: expected a positive number, got \"Infinity\"",
                refusal(new String[] {"--company-model", "Infinity"}, Map.of()));
        assertEquals("LEDGERLEARN_ALPHA: expected a positive number, got \"lots\"",
                refusal(new String[0], Map.of("LEDGERLEARN_ALPHA", "lots")));
    }

    @Test
    void refusesAnEmptyPathFlagRatherThanTakingItAsNone() {
        // --auth-file "$UNSET" must not start a server without tokens
        assertEquals("--auth-file: expected a path, got an empty value", refusal(new String[] {"--auth-file", ""}, Map.of()));
        assertEquals("--tls-keystore: expected a path, got an empty value",
                refusal(new String[] {"--tls-keystore", " "}, Map.of()));
        assertEquals("--data-dir: expected a path, got an empty value", refusal(new String[] {"--data-dir", ""}, Map.of()));
        assertEquals("LEDGERLEARN_DATA_DIR: expected a directory for the sample store, got \"\"",
                refusal(new String[0], Map.of("LEDGERLEARN_DATA_DIR", "")));
        assertEquals(null, assertDoesNotThrow(() -> ServerOptions.parse(new String[0], Map.of("LEDGERLEARN_AUTH_FILE", "")))
                .http().access().authFile(), "an empty environment variable is an unset one");
        assertEquals("--out: expected a path, got an empty value",
                assertThrows(UsageException.class, () -> GenerateOptions.parse(new String[] {"--out", ""}, Map.of())).getMessage());
        assertEquals("LEDGERLEARN_GENERATE_OUT: expected a file to write the data set to, got \"\"",
                assertThrows(UsageException.class, () -> GenerateOptions.parse(new String[0],
                        Map.of("LEDGERLEARN_GENERATE_OUT", ""))).getMessage());
        assertEquals(null, assertDoesNotThrow(() -> BenchOptions.parse(new String[] {"--out", ""}, Map.of())).out(),
                "bench --out \"\" prints only, as its help says");
    }

    @Test
    void aFileAFlagNamesMustBeThereAndADataDirMustBeADirectory() throws IOException {
        Path missing = dir.resolve("missing.csv");
        assertEquals("--data: no such file: " + missing, assertThrows(UsageException.class,
                () -> ClientOptions.client(new String[] {"--data", missing.toString()}, Map.of())).getMessage());
        assertEquals("LEDGERLEARN_EVALUATE_DATA: " + dir + " is a directory, not a file", assertThrows(UsageException.class,
                () -> EvaluateOptions.parse(new String[0], Map.of("LEDGERLEARN_EVALUATE_DATA", dir.toString()))).getMessage());
        assertEquals("--auth-file: no such file: " + missing, refusal(new String[] {"--auth-file", missing.toString()}, Map.of()));
        assertEquals("--tls-keystore: no such file: " + missing,
                refusal(new String[] {"--tls-keystore", missing.toString()}, Map.of("LEDGERLEARN_TLS_PASSWORD", "secret")));
        String file = file("not-a-dir");
        assertEquals("--data-dir: expected a directory for the sample store, not a file, got \"" + file + "\"",
                refusal(new String[] {"--data-dir", file}, Map.of()));
        assertEquals("--host: expected an address to listen on, e.g. 127.0.0.1, ::1 or 0.0.0.0, got \"\"",
                refusal(new String[] {"--host", ""}, Map.of()));
    }

    /** A file of that name in the test's directory, which a flag may name. */
    private String file(String name) throws IOException {
        return Files.writeString(dir.resolve(name), "x").toString();
    }

    private static String refusal(String[] args, Map<String, String> env) {
        return assertThrows(UsageException.class, () -> ServerOptions.parse(args, env)).getMessage();
    }
}
