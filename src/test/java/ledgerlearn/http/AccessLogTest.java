package ledgerlearn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import ledgerlearn.learn.Learner;
import ledgerlearn.cli.ServerOptions;
import ledgerlearn.testing.RawHttp;
import ledgerlearn.testing.Samples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class AccessLogTest {
    /** Held here so the logger, and the handler on it, outlive the test's requests. */
    private final Logger access = Logger.getLogger("ledgerlearn.access");
    private final List<String> lines = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (lines) {
                lines.add(record.getMessage());
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @TempDir
    Path dataDir;

    @BeforeEach
    void capture() {
        access.addHandler(capture);
    }

    @AfterEach
    void release() {
        access.removeHandler(capture);
    }

    @Test
    void writesAddressMethodPathStatusBytesAndDurationOnOneLine() {
        assertEquals("127.0.0.1 POST /sample 200 27B 3.1ms", AccessLog.line("127.0.0.1", "POST", "/sample", 200, 27, 3_100_000));
        assertEquals("::1 GET / 404 60B 0.25ms", AccessLog.line("::1", "GET", "", 404, 60, 250_000));
    }

    @Test
    void escapesControlCharactersInTheMethodAndPath() {
        String line = AccessLog.line("127.0.0.1", "G\u001b[2J\r\u0000T", "/a\nb", 400, 10, 1_000_000);
        assertEquals("127.0.0.1 G\\x1b[2J\\r\\x00T /a\\nb 400 10B 1.0ms", line);
        assertTrue(line.chars().noneMatch(c -> c < 0x20), line);
    }

    @Test
    void logsTheClientAddressOfARealRequestAndEscapesARawMethod() throws Exception {
        try (Learner learner = Learner.open(dataDir, false, ServerOptions.throwaway(dataDir).model());
             ApiServer server = ApiServer.start(options("true").http(), learner)) {
            RawHttp.exchange(server.port(), RawHttp.request("GE\u001bT", "/health", Map.of(), null));
        }
        List<String> logged;
        synchronized (lines) {
            logged = List.copyOf(lines);
        }
        assertEquals(1, logged.size(), logged.toString());
        assertTrue(logged.get(0).startsWith("127.0.0.1 GE\\x1bT /health "), logged.get(0));
    }

    @Test
    void showsTwoDecimalsUnderAMillisecondOneUnderAHundredAndNoneAbove() {
        assertEquals("0.00", AccessLog.millis(-3));
        assertEquals("0.04", AccessLog.millis(40_000));
        assertEquals("0.99", AccessLog.millis(994_000));
        assertEquals("1.0", AccessLog.millis(999_999));
        assertEquals("12.5", AccessLog.millis(12_500_000));
        assertEquals("99.9", AccessLog.millis(99_940_000));
        assertEquals("100", AccessLog.millis(99_960_000));
        assertEquals("250", AccessLog.millis(250_400_000));
    }

    @Test
    void cutsAVeryLongPathShort() {
        String line = AccessLog.line("127.0.0.1", "GET", "/" + "a".repeat(1000), 404, 10, 1_000_000);
        assertTrue(line.startsWith("127.0.0.1 GET /" + "a".repeat(AccessLog.MAX_PATH - 1) + "... 404 "), line);
    }

    @Test
    void logsOneLinePerRequestWithoutItsQueryString() throws Exception {
        try (Learner learner = Learner.open(dataDir, false, ServerOptions.throwaway(dataDir).model());
             ApiServer server = ApiServer.start(options("true").http(), learner)) {
            send(server, "POST", "/v1/sample", Samples.body(Samples.stream(3, 1)));
            send(server, "GET", "/metrics/10?average=micro", null);
            send(server, "GET", "/health?token=secret", null);
            send(server, "GET", "/nope", null);
        }
        List<String> logged;
        synchronized (lines) {
            logged = List.copyOf(lines);
        }
        assertEquals(4, logged.size(), logged.toString());
        assertTrue(logged.get(0).matches("127\\.0\\.0\\.1 POST /v1/sample 200 24B [0-9.]+ms"), logged.get(0));
        assertTrue(logged.get(1).matches("127\\.0\\.0\\.1 GET /metrics/10 200 [0-9]+B [0-9.]+ms"), logged.get(1));
        assertTrue(logged.get(2).matches("127\\.0\\.0\\.1 GET /health 400 [0-9]+B [0-9.]+ms"), logged.get(2));
        assertTrue(logged.get(3).matches("127\\.0\\.0\\.1 GET /nope 404 [0-9]+B [0-9.]+ms"), logged.get(3));
        assertTrue(logged.stream().noneMatch(line -> line.contains("secret") || line.contains("micro")), logged.toString());
    }

    @Test
    void logsNothingWhenTurnedOff() throws Exception {
        try (Learner learner = Learner.open(dataDir, false, ServerOptions.throwaway(dataDir).model());
             ApiServer server = ApiServer.start(options("false").http(), learner)) {
            assertEquals(200, send(server, "GET", "/health", null));
        }
        synchronized (lines) {
            assertEquals(List.of(), lines);
        }
    }

    private ServerOptions options(String accessLog) throws Exception {
        return ServerOptions.parse(new String[] {"--port", "0", "--data-dir", dataDir.toString(), "--fsync", "false",
                "--access-log", accessLog}, Map.of());
    }

    /** Sends one request and returns its status; the line is logged before the response is sent. */
    private static int send(ApiServer server, String method, String path, String body) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
