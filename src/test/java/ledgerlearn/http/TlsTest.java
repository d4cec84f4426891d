package ledgerlearn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLHandshakeException;

import ledgerlearn.secret.Secret;
import ledgerlearn.testing.Samples;
import ledgerlearn.testing.TestKeystore;
import ledgerlearn.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS from a PKCS12 keystore that keytool makes for the test; plain HTTP to it fails, bad keystores are named. */
final class TlsTest {
    @TempDir
    static Path dir;
    private static TestKeystore keys;

    @BeforeAll
    static void makeKeystore() throws Exception {
        keys = TestKeystore.create(dir);
    }

    private static TestServer server(String... more) throws IOException {
        List<String> flags = new ArrayList<>(keys.serverFlags());
        flags.addAll(List.of(more));
        return TestServer.startWith(flags.toArray(String[]::new));
    }

    @Test
    void saysHowLongTheCertificateLastsAndWarnsInItsLastMonth() throws Exception {
        Security security = Security.load(new ServerConfig.Access(null, keys.keystore(), keys.passwordFile(), null));
        java.time.Instant now = java.time.Instant.now();

        Security.Validity soon = security.certificateValidity(now).orElseThrow();
        assertTrue(soon.text().matches("TLS certificate CN=localhost valid until \\d{4}-\\d{2}-\\d{2} \\(\\d days?\\);"
                + " make a new one before then"), soon.text());
        assertTrue(soon.expiring(), "the test's certificate lasts 2 days");
        Security.Validity past = security.certificateValidity(now.plus(java.time.Duration.ofDays(3))).orElseThrow();
        assertTrue(past.text().contains(" expired on ") && past.expiring(), past.text());
        Security.Validity fresh = security.certificateValidity(now.minus(java.time.Duration.ofDays(60))).orElseThrow();
        assertFalse(fresh.expiring(), fresh.text());
        assertTrue(Security.load(new ServerConfig.Access(null, null, null, null)).certificateValidity(now).isEmpty());
    }

    private static HttpClient trusting() throws Exception {
        return HttpClient.newBuilder().sslContext(keys.clientContext()).connectTimeout(Duration.ofSeconds(10)).build();
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesHttpsWithTls13Or12ToAClientThatTrustsTheCertificate() throws Exception {
        try (TestServer server = server()) {
            assertTrue(server.baseUrl().startsWith("https://127.0.0.1:"), server.baseUrl());
            HttpClient client = trusting();

            HttpResponse<String> learnt = send(client, HttpRequest.newBuilder(server.uri("/sample"))
                    .POST(HttpRequest.BodyPublishers.ofString(Samples.body(Samples.stream(10, 3)))));
            HttpResponse<String> health = send(client, HttpRequest.newBuilder(server.uri("/v1/health")).GET());

            assertEquals(200, learnt.statusCode(), learnt.body());
            assertEquals(200, health.statusCode(), health.body());
            String protocol = health.sslSession().orElseThrow().getProtocol();
            assertTrue(Set.of("TLSv1.3", "TLSv1.2").contains(protocol), protocol);
        }
    }

    @Test
    void tokensAreCheckedOverHttpsToo() throws Exception {
        Path authFile = dir.resolve("tokens");
        Files.writeString(authFile, AccessPolicyTest.READER + " reader\n");
        try (TestServer server = server("--auth-file", authFile.toString())) {
            HttpClient client = trusting();

            HttpResponse<String> anonymous = send(client, HttpRequest.newBuilder(server.uri("/health")).GET());
            HttpResponse<String> reader = send(client, HttpRequest.newBuilder(server.uri("/health"))
                    .header("Authorization", "Bearer " + AccessPolicyTest.READER).GET());

            ErrorResponsesTest.assertJsonError(anonymous, 401, "missing or unknown API token");
            assertEquals(200, reader.statusCode(), reader.body());
        }
    }

    @Test
    void offersOnlyAeadSuitesSoATls12ClientOfferingCbcIsRefused() throws Exception {
        try (TestServer server = server()) {
            int port = server.uri("/").getPort();
            String cbc = "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA";
            String cbcSha256 = "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256";
            String gcm = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";

            assertThrows(SSLHandshakeException.class, () -> handshake(port, "TLSv1.2", cbc, cbcSha256));
            assertEquals(gcm, handshake(port, "TLSv1.2", gcm));
            assertEquals("TLS_AES_128_GCM_SHA256", handshake(port, "TLSv1.3", "TLS_AES_128_GCM_SHA256"));
            for (String suite : Tls.cipherSuites(keys.clientContext())) {
                assertTrue(suite.contains("_GCM_") || suite.contains("_CHACHA20_POLY1305_"), suite);
            }
        }
    }

    /** Connects with only {@code protocol} and {@code suites} enabled; returns the suite agreed. */
    private static String handshake(int port, String protocol, String... suites) throws Exception {
        try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) keys.clientContext().getSocketFactory()
                .createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.setEnabledProtocols(new String[] {protocol});
            socket.setEnabledCipherSuites(suites);
            socket.startHandshake();
            return socket.getSession().getCipherSuite();
        }
    }

    @Test
    void plainHttpToTheTlsPortFails() throws Exception {
        try (TestServer server = server()) {
            URI plain = URI.create(server.baseUrl().replace("https://", "http://") + "/health");
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

            assertThrows(IOException.class, () -> send(client, HttpRequest.newBuilder(plain).GET()));
        }
    }

    @Test
    void clientThatDoesNotTrustTheCertificateIsRefused() throws Exception {
        try (TestServer server = server()) {
            HttpClient jdkDefaultTrust = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

            IOException e = assertThrows(IOException.class,
                    () -> send(jdkDefaultTrust, HttpRequest.newBuilder(server.uri("/health")).GET()));
            assertTrue(e instanceof SSLHandshakeException, e.toString());
        }
    }

    @Test
    void passwordComesFromTheFileFirstLineOrTheEnvironment() throws Exception {
        Path crlf = dir.resolve("crlf-password");
        Files.writeString(crlf, TestKeystore.PASSWORD + "\r\nignored second line\n");

        assertTrue(load(crlf, null).sslContext() != null);
        assertTrue(load(null, new Secret(TestKeystore.PASSWORD)).sslContext() != null);
        assertEquals("https", load(null, new Secret(TestKeystore.PASSWORD)).scheme());
    }

    @Test
    void wrongPasswordIsSaidPlainlyWithoutThePassword() throws IOException {
        IOException e = assertThrows(IOException.class, () -> load(null, new Secret("not-the-password")));

        assertEquals("TLS keystore " + keys.keystore() + ": wrong password", e.getMessage());
    }

    @Test
    void unusableKeystoresAreNamed() throws IOException {
        Path text = dir.resolve("not-a-keystore.p12");
        Files.writeString(text, "hello");
        Path empty = dir.resolve("empty-password");
        Files.writeString(empty, "\n");

        assertMessage("TLS keystore " + text + " is not a readable PKCS12 keystore", text, keys.passwordFile());
        assertMessage("TLS keystore " + keys.trustStore() + " holds no private key", keys.trustStore(), keys.passwordFile());
        assertMessage("cannot read TLS keystore " + dir.resolve("absent.p12") + ": no such file", dir.resolve("absent.p12"),
                keys.passwordFile());
        assertMessage("cannot read TLS password file " + dir.resolve("absent") + ": no such file", keys.keystore(),
                dir.resolve("absent"));
        assertMessage("TLS password file " + empty + " is empty", keys.keystore(), empty);
    }

    private static void assertMessage(String start, Path keystore, Path passwordFile) {
        IOException e = assertThrows(IOException.class,
                () -> Security.load(new ServerConfig.Access(null, keystore, passwordFile, null)));
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
        assertFalse(e.getMessage().contains(TestKeystore.PASSWORD), e.getMessage());
    }

    private static Security load(Path passwordFile, Secret password) throws IOException {
        return Security.load(new ServerConfig.Access(null, keys.keystore(), passwordFile, password));
    }
}
