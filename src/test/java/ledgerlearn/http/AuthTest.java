package ledgerlearn.http;

import static ledgerlearn.http.ErrorResponsesTest.assertJsonError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import ledgerlearn.testing.Samples;
import ledgerlearn.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server with an auth file: 401 with a Bearer challenge, 403 for the wrong role, and tokens kept out of logs. */
final class AuthTest {
    private static final String WRITER = AccessPolicyTest.WRITER;
    private static final String READER = AccessPolicyTest.READER;
    private static final String BOTH = AccessPolicyTest.BOTH;

    @TempDir
    static Path dir;
    private static Path authFile;

    @BeforeAll
    static void writeAuthFile() throws IOException {
        authFile = dir.resolve("tokens");
        Files.writeString(authFile, "# test tokens\n" + WRITER + " writer\n" + READER + " reader\n" + BOTH + " writer,reader\n");
    }

    private static TestServer server() throws IOException {
        return TestServer.startWith("--auth-file", authFile.toString());
    }

    private static HttpResponse<String> get(TestServer server, String path, String token) {
        return server.send(authorized(HttpRequest.newBuilder(server.uri(path)).GET(), token));
    }

    private static HttpResponse<String> post(TestServer server, String path, String body, String token) {
        return server.send(authorized(HttpRequest.newBuilder(server.uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)),
                token));
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder request, String token) {
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    @Test
    void missingTokenIs401JsonWithBearerChallenge() throws IOException {
        try (TestServer server = server()) {
            long stored = Files.size(server.storeFile());
            for (HttpResponse<String> response : List.of(server.get("/health"), server.get("/v1/metrics/10"),
                    server.post("/sample", Samples.body(Samples.stream(2, 1))), server.post("/predict", "{}"))) {
                assertJsonError(response, 401, "missing or unknown API token; send Authorization: Bearer <token>");
                assertEquals("Bearer realm=\"ledgerlearn\"", response.headers().firstValue("WWW-Authenticate").orElse(""));
            }
            assertEquals(stored, Files.size(server.storeFile()), "nothing was learnt");
        }
    }

    @Test
    void unknownTokenOrOtherSchemeIs401() throws IOException {
        try (TestServer server = server()) {
            assertJsonError(get(server, "/health", "not-a-known-token-0123"), 401, "missing or unknown API token");
            assertJsonError(get(server, "/health", READER + "x"), 401, "missing or unknown API token");
            HttpResponse<String> basic = server.send(HttpRequest.newBuilder(server.uri("/health"))
                    .header("Authorization", "Basic " + READER).GET());
            assertJsonError(basic, 401, "missing or unknown API token");
        }
    }

    @Test
    void readerPostingSamplesIs403AndNothingIsLearnt() throws IOException {
        try (TestServer server = server()) {
            long stored = Files.size(server.storeFile());
            HttpResponse<String> response = post(server, "/v1/sample", Samples.body(Samples.stream(3, 1)), READER);

            assertJsonError(response, 403, "token lacks the writer role needed for POST /sample");
            assertFalse(response.headers().firstValue("WWW-Authenticate").isPresent());
            assertEquals(stored, Files.size(server.storeFile()));
        }
    }

    @Test
    void writerPostsSamplesAndReaderReadsThem() throws IOException {
        try (TestServer server = server()) {
            HttpResponse<String> learnt = post(server, "/sample", Samples.body(Samples.stream(20, 1)), WRITER);
            assertEquals(200, learnt.statusCode(), learnt.body());
            assertEquals("{\"accepted\":20,\"total\":20}", learnt.body());

            assertEquals(200, get(server, "/health", READER).statusCode());
            assertEquals(200, get(server, "/v1/metrics/20", READER).statusCode());
            HttpResponse<String> predicted = post(server, "/predict", "{\"CompanyId\": \"int:a055470\"}", READER);
            assertEquals(200, predicted.statusCode(), predicted.body());
        }
    }

    @Test
    void writerOnlyTokenCannotReadButATokenWithBothRolesDoesBoth() throws IOException {
        try (TestServer server = server()) {
            assertJsonError(get(server, "/health", WRITER), 403, "token lacks the reader role needed for GET /health");

            assertEquals(200, post(server, "/sample", Samples.body(Samples.stream(5, 1)), BOTH).statusCode());
            assertEquals(200, get(server, "/health", BOTH).statusCode());
        }
    }

    @Test
    void unknownPathOrWrongMethodIs401BeforeAnythingElseThen404Or405WithAToken() throws IOException {
        try (TestServer server = server()) {
            assertJsonError(server.get("/nope"), 401, "missing or unknown API token");
            assertJsonError(server.get("/sample"), 401, "missing or unknown API token");

            assertJsonError(get(server, "/nope", READER), 404, "no such path");
            assertJsonError(get(server, "/sample", READER), 405, "GET");
            // a known token of any role is told what a path is, as a reader is: the role is the route's
            assertJsonError(get(server, "/nope", WRITER), 404, "no such path");
            assertJsonError(get(server, "/sample", WRITER), 405, "GET");
            assertJsonError(post(server, "/health", "{}", WRITER), 405, "POST");
        }
    }

    @Test
    void twoAuthorizationHeadersAre400WhicheverComesFirst() throws IOException {
        try (TestServer server = server()) {
            for (String[] tokens : new String[][] {{READER, "wrong-token-0123456789"}, {"wrong-token-0123456789", READER}}) {
                HttpResponse<String> response = server.send(authorized(authorized(
                        HttpRequest.newBuilder(server.uri("/health")).GET(), tokens[0]), tokens[1]));
                assertJsonError(response, 400, "header Authorization given more than once");
            }
        }
    }

    @Test
    void dashboardAndOpenApiPathsNeedNoToken() throws IOException {
        try (TestServer server = server()) {
            for (String path : new String[] {"/", "/openapi.json", "/v1/openapi.json"}) {
                int status = server.get(path).statusCode();
                assertNotEquals(401, status, path);
                assertNotEquals(403, status, path);
            }
        }
    }

    @Test
    void withoutAnAuthFileNoTokenIsNeeded() throws IOException {
        try (TestServer server = TestServer.start()) {
            assertEquals(200, server.get("/health").statusCode());
            assertEquals(200, server.post("/sample", Samples.body(Samples.stream(2, 1))).statusCode());
        }
    }

    @Test
    void tokensNeverAppearInLogs() throws IOException {
        List<LogRecord> records = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public synchronized void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        // every level of our loggers and of the JDK's HTTP server, which logs each exchange at DEBUG
        List<Logger> loggers = List.of(Logger.getLogger("ledgerlearn"), Logger.getLogger("com.sun.net.httpserver"));
        List<Level> levels = loggers.stream().map(Logger::getLevel).toList();
        loggers.forEach(logger -> {
            logger.setLevel(Level.ALL);
            logger.addHandler(capture);
        });
        try (TestServer server = server()) {
            assertEquals(401, get(server, "/health", "unknown-token-0123456789").statusCode());
            assertEquals(403, post(server, "/sample", Samples.body(Samples.stream(1, 1)), READER).statusCode());
            assertEquals(200, post(server, "/sample", Samples.body(Samples.stream(1, 1)), WRITER).statusCode());
            assertEquals(400, get(server, "/health?x=1", READER).statusCode());
        } finally {
            for (int i = 0; i < loggers.size(); i++) {
                loggers.get(i).removeHandler(capture);
                loggers.get(i).setLevel(levels.get(i));
            }
        }
        List<String> lines;
        synchronized (capture) {
            lines = records.stream().map(r -> r.getLoggerName() + " " + new java.util.logging.SimpleFormatter().formatMessage(r)
                    + (r.getThrown() == null ? "" : " " + r.getThrown())).toList();
        }
        assertTrue(lines.stream().anyMatch(line -> line.contains("/sample")), "the capture sees the exchanges: " + lines);
        for (String token : new String[] {"unknown-token-0123456789", READER, WRITER}) {
            assertTrue(lines.stream().noneMatch(line -> line.contains(token)), token + " logged: " + lines);
        }
    }
}
