package ledgerlearn;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import ledgerlearn.cli.ServerOptions;
import ledgerlearn.http.ApiServer;
import ledgerlearn.learn.Learner;
import ledgerlearn.testing.TestKeystore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The server's secure defaults: no anonymous service beyond loopback by accident, bad auth and TLS files stop the start. */
final class ServerSecurityTest {
    private static final String TOKEN = "s3cret-token-abcdefgh";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return Main.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path dataDir() {
        return dir.resolve("data");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "::", "192.0.2.1"})
    void nonLoopbackHostWithoutAnAuthFileRefusesToStartNamingBothWaysOut(String host) {
        assertEquals(2, run(Map.of(), "server", "--host", host, "--port", "0", "--data-dir", dataDir().toString()));

        assertTrue(err().contains("--host " + host + " is not a loopback address and there is no --auth-file"), err());
        assertTrue(err().contains("Give --auth-file FILE") && err().contains("or --allow-anonymous"), err());
        assertFalse(Files.exists(dataDir()), "refused before the store was opened");
    }

    @Test
    void nonLoopbackHostFromTheEnvironmentIsRefusedToo() {
        assertEquals(2, run(Map.of("LEDGERLEARN_HOST", "0.0.0.0"), "server", "--data-dir", dataDir().toString()));
        assertTrue(err().contains("is not a loopback address"), err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "::1", "localhost", "LocalHost"})
    void loopbackHostsNeedNoAuthFile(String host) {
        assertDoesNotThrow(() -> ServerOptions.parse(new String[] {"--host", host}, Map.of()));
    }

    @Test
    void anAuthFileIsEnoughForANonLoopbackHost() throws IOException {
        Path tokens = Files.writeString(dir.resolve("tokens"), "");
        ServerOptions options = assertDoesNotThrow(() ->
                ServerOptions.parse(new String[] {"--host", "0.0.0.0", "--auth-file", tokens.toString()}, Map.of()));
        assertEquals(tokens, options.http().access().authFile());
    }

    @Test
    void allowAnonymousOnANonLoopbackHostStartsAndServes() throws Exception {
        ServerOptions options = ServerOptions.parse(new String[] {"--host", "0.0.0.0", "--port", "0", "--allow-anonymous",
                "--data-dir", dataDir().toString()}, Map.of());
        try (Learner learner = Learner.open(options.dataDir(), options.fsync(), options.model());
             ApiServer server = ApiServer.start(options.http(), learner)) {
            assertTrue(server.address().getAddress().isAnyLocalAddress(), server.address().toString());
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/health")).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), health.body());
        }
    }

    @Test
    void allowAnonymousAndAnAuthFileContradictEachOther() {
        assertEquals(2, run(Map.of(), "server", "--auth-file", "tokens", "--allow-anonymous"));
        assertTrue(err().contains("--allow-anonymous and --auth-file contradict each other"), err());
    }

    @Test
    void malformedAuthFileRefusesToStartNamingTheLineButNotTheToken() throws Exception {
        Path tokens = dir.resolve("tokens");
        Files.writeString(tokens, "# ok so far\n" + TOKEN + " writer\n" + TOKEN.replace('a', 'b') + " superuser\n");

        assertEquals(1, run(Map.of(), "server", "--port", "0", "--auth-file", tokens.toString(),
                "--data-dir", dataDir().toString()));

        assertTrue(err().contains("auth file " + tokens + " line 3: the second field must be roles reader, writer and/or admin"), err());
        assertFalse(err().contains("s3cret"), err());
        assertFalse(Files.exists(dataDir()), "refused before the store was opened");
    }

    @Test
    void missingAuthFileIsAWrongFlagAndRefusesToStart() {
        Path tokens = dir.resolve("absent");

        assertEquals(2, run(Map.of(), "server", "--port", "0", "--auth-file", tokens.toString(),
                "--data-dir", dataDir().toString()));
        assertTrue(err().contains("--auth-file: no such file: " + tokens), err());
        assertFalse(Files.exists(dataDir()), "refused before the store was opened");
    }

    @Test
    void wrongKeystorePasswordRefusesToStartWithoutShowingIt() throws Exception {
        TestKeystore keys = TestKeystore.create(dir);

        assertEquals(1, run(Map.of(ServerOptions.TLS_PASSWORD_ENV, "not-the-password"), "server", "--port", "0",
                "--tls-keystore", keys.keystore().toString(), "--data-dir", dataDir().toString()));

        assertTrue(err().contains("TLS keystore " + keys.keystore() + ": wrong password"), err());
        assertFalse(err().contains("not-the-password"), err());
        assertFalse(Files.exists(dataDir()), "refused before the store was opened");
    }

    @Test
    void keystoreAndItsPasswordNeedEachOther() {
        assertEquals(2, run(Map.of(), "server", "--tls-keystore", "server.p12"));
        assertTrue(err().contains("--tls-keystore needs the keystore's password: --tls-password-file FILE or env "
                + "LEDGERLEARN_TLS_PASSWORD"), err());

        err.reset();
        assertEquals(2, run(Map.of(), "server", "--tls-password-file", "password"));
        assertTrue(err().contains("--tls-password-file is given but --tls-keystore is not"), err());

        err.reset();
        assertEquals(2, run(Map.of(ServerOptions.TLS_PASSWORD_ENV, "pw"), "server"));
        assertTrue(err().contains("LEDGERLEARN_TLS_PASSWORD is given but --tls-keystore is not"), err());
    }

    @Test
    void secretsHaveNoFlagsAndHelpSaysWhereTheyGo() {
        assertEquals(2, run(Map.of(), "server", "--tls-password", "pw"));
        assertTrue(err().contains("unknown flag --tls-password"), err());
        assertEquals(2, run(Map.of(), "client", "--token", "t"));
        assertTrue(err().contains("unknown flag --token"), err());

        assertEquals(0, run(Map.of(), "server", "--help"));
        assertEquals(0, run(Map.of(), "client", "--help"));
        String help = out.toString(StandardCharsets.UTF_8);
        for (String mention : new String[] {"--auth-file FILE", "--allow-anonymous", "--tls-keystore FILE",
                "--tls-password-file FILE", "LEDGERLEARN_TLS_PASSWORD ", "--token-file FILE", "LEDGERLEARN_TOKEN ",
                "--trust-store FILE", "LEDGERLEARN_TRUST_STORE_PASSWORD"}) {
            assertTrue(help.contains(mention), mention + " in: " + help);
        }
    }
}
