package ledgerlearn.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eclipsesource.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ledgerlearn.cli.ClientOptions;
import ledgerlearn.cli.UsageException;
import ledgerlearn.testing.TestKeystore;
import ledgerlearn.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against a server with TLS and API tokens: --trust-store, the token from a file or the environment. */
final class SecureStreamingTest {
    private static final String BOTH = "both-roles-token-0123456789";
    private static final String READER = "reader-token-0123456789";
    private static final String WRITER = "writer-token-0123456789";

    @TempDir
    static Path dir;
    private static TestKeystore keys;
    private static TestServer server;
    private static Path tokenFile;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void startServer() throws Exception {
        keys = TestKeystore.create(dir);
        Path authFile = dir.resolve("tokens");
        Files.writeString(authFile, BOTH + " writer,reader\n" + READER + " reader\n" + WRITER + " writer\n");
        tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, BOTH + "\n");
        Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-------"));
        List<String> flags = new ArrayList<>(keys.serverFlags());
        flags.addAll(List.of("--auth-file", authFile.toString()));
        server = TestServer.startWith(flags.toArray(String[]::new));
    }

    @AfterAll
    static void stopServer() throws IOException {
        server.close();
    }

    private int run(Map<String, String> env, String... flags) throws UsageException {
        List<String> args = new ArrayList<>(List.of("--url", server.baseUrl(), "--limit", "300", "--max-chunk", "50", "--quiet"));
        args.addAll(List.of(flags));
        Map<String, String> withPassword = new HashMap<>(env);
        withPassword.putIfAbsent(Connection.TRUST_STORE_PASSWORD_ENV, TestKeystore.PASSWORD);
        return StreamingClient.run(ClientOptions.client(args.toArray(String[]::new), withPassword),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8) + err();
    }

    private static long samplesOnServer() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(keys.clientContext()).build();
        HttpResponse<String> health = client.send(HttpRequest.newBuilder(server.uri("/health"))
                .header("Authorization", "Bearer " + READER).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        return Json.parse(health.body()).asObject().getLong("samples", -1);
    }

    @Test
    void streamsRowsOverHttpsWithTheTrustStoreAndTheTokenFromTheEnvironment() throws Exception {
        long before = samplesOnServer();

        assertEquals(0, run(Map.of(Connection.TOKEN_ENV, BOTH), "--trust-store", keys.trustStore().toString(), "--seed", "3"), err());

        assertEquals(before + 300, samplesOnServer());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("predict "), printed());
        assertFalse(printed().contains(BOTH), printed());
    }

    @Test
    void tokenFileWinsOverTheEnvironment() throws Exception {
        long before = samplesOnServer();

        // another seed than the other tests: the same command again would store nothing (idempotency keys)
        assertEquals(0, run(Map.of(Connection.TOKEN_ENV, "unknown-token-0123456789"), "--token-file", tokenFile.toString(),
                "--trust-store", keys.trustStore().toString(), "--seed", "7"), err());

        assertEquals(before + 300, samplesOnServer());
    }

    @Test
    void withoutATokenItFailsSayingHowToGiveOne() throws Exception {
        assertEquals(1, run(Map.of(), "--trust-store", keys.trustStore().toString()));

        assertTrue(err().contains("HTTP 401"), err());
        assertTrue(err().contains("give the API token in --token-file or LEDGERLEARN_TOKEN"), err());
    }

    @Test
    void readerTokenCannotStreamAndIsToldWhichRoleItLacks() throws Exception {
        assertEquals(1, run(Map.of(Connection.TOKEN_ENV, READER), "--trust-store", keys.trustStore().toString()));

        assertTrue(err().contains("HTTP 403") && err().contains("writer role"), err());
        assertFalse(printed().contains(READER), printed());
    }

    @Test
    void withoutTheTrustStoreTheHandshakeFailureIsExplained() throws Exception {
        assertEquals(1, run(Map.of(Connection.TOKEN_ENV, BOTH)));

        assertTrue(err().contains("cannot talk to " + server.baseUrl() + " over TLS"), err());
        assertTrue(err().contains("does --trust-store hold the server's certificate?"), err());
    }

    @Test
    void protectedTrustStoreWithoutItsPasswordIsExplained() throws Exception {
        assertEquals(1, run(Map.of(Connection.TOKEN_ENV, BOTH, Connection.TRUST_STORE_PASSWORD_ENV, ""),
                "--trust-store", keys.trustStore().toString()));

        assertTrue(err().contains("trust store " + keys.trustStore()), err());
        assertTrue(err().contains(Connection.TRUST_STORE_PASSWORD_ENV), err());
    }

    @Test
    void unreadableTokenFileOrTokenIsNamedButNotShown() throws Exception {
        Path absent = dir.resolve("absent");
        UsageException wrong = assertThrows(UsageException.class,
                () -> run(Map.of(), "--token-file", absent.toString(), "--trust-store", keys.trustStore().toString()));
        assertEquals("--token-file: no such file: " + absent, wrong.getMessage());

        err.reset();
        assertEquals(1, run(Map.of(Connection.TOKEN_ENV, "two words"), "--trust-store", keys.trustStore().toString()));
        assertTrue(err().contains("the API token in LEDGERLEARN_TOKEN must be one word of printable ASCII"), err());
        assertFalse(err().contains("two words"), err());
    }

    @Test
    void writerOnlyTokenStreamsAndEndsWithSuccessSayingItSkippedTheMetrics() throws Exception {
        long before = samplesOnServer();

        assertEquals(0, run(Map.of(Connection.TOKEN_ENV, WRITER), "--trust-store", keys.trustStore().toString(), "--seed", "11"), err());

        assertEquals(before + 300, samplesOnServer());
        assertTrue(err().contains("note: skipped the metrics and the example prediction: the token may only write samples"),
                err());
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void tokenFileMayBeInTheServersFormatWhoseFirstTokenIsSent() throws Exception {
        Path serverFormat = dir.resolve("server-format-tokens");
        Files.writeString(serverFormat, "# the server's auth file\n\n" + BOTH + " writer,reader\n" + READER + " reader\n");
        Files.setPosixFilePermissions(serverFormat, PosixFilePermissions.fromString("rw-------"));
        long before = samplesOnServer();

        assertEquals(0, run(Map.of(), "--token-file", serverFormat.toString(), "--trust-store", keys.trustStore().toString(), "--seed", "13"),
                err());

        assertEquals(before + 300, samplesOnServer());
        assertFalse(err().contains("warning: token file"), err());
    }

    @Test
    void warnsWhenTheTokenFileIsReadableByOthers() throws Exception {
        Path shared = dir.resolve("shared-token");
        Files.writeString(shared, BOTH + "\n");
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rw-r--r--"));

        assertEquals(0, run(Map.of(), "--token-file", shared.toString(), "--trust-store", keys.trustStore().toString()), err());

        assertTrue(err().startsWith("warning: token file " + shared + " can be read by every user (rw-r--r--);"
                + " make it private: chmod 600 " + shared + "\n"), err());
    }

    @Test
    void trustStoreMayBeThePemFileCurlTakes() throws Exception {
        long before = samplesOnServer();

        assertEquals(0, run(Map.of(Connection.TOKEN_ENV, BOTH, Connection.TRUST_STORE_PASSWORD_ENV, ""),
                "--trust-store", keys.certificate().toString()), err());

        assertEquals(before + 300, samplesOnServer());
    }

    @Test
    void plainHttpToTheTlsServerIsToldToUseHttpsNotThatTheServerCrashed() throws Exception {
        String plain = server.baseUrl().replace("https://", "http://");

        assertEquals(1, run(Map.of(Connection.TOKEN_ENV, BOTH), "--url", plain));

        assertTrue(err().contains("speaks TLS, and closed the plain HTTP request without an answer. Use https://"), err());
        assertFalse(err().contains("crashed"), err());
    }

    @Test
    void trustStoreIsOnlyForHttpsUrls() {
        UsageException e = org.junit.jupiter.api.Assertions.assertThrows(UsageException.class, () -> ClientOptions.client(
                new String[] {"--url", "http://127.0.0.1:5000", "--trust-store", "trust.p12"}, Map.of()));
        assertTrue(e.getMessage().contains("--trust-store is for https:// URLs"), e.getMessage());
    }
}
