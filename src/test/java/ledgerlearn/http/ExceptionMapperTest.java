package ledgerlearn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eclipsesource.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.LogRecord;
import ledgerlearn.learn.Learner;
import ledgerlearn.model.ModelOptions;
import ledgerlearn.sample.InvalidSampleException;
import ledgerlearn.testing.CapturedLog;
import ledgerlearn.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every failure becomes its status in one place: a JSON error, the headers the status needs, never a stack trace. */
final class ExceptionMapperTest {

    @Test
    void anHttpErrorKeepsItsStatusMessageAndHeaders() {
        assertAnswer(405, "method GET not allowed on /sample; allowed: POST", Map.of("Allow", "POST"),
                ExceptionMapper.toResponse(HttpError.methodNotAllowed("GET", "/sample", "POST"), "GET /sample"));
        assertAnswer(401, "no token", Map.of("WWW-Authenticate", "Bearer realm=\"ledgerlearn\""),
                ExceptionMapper.toResponse(HttpError.unauthorized("no token"), "GET /health"));
        assertAnswer(503, "server busy, retry later", Map.of("Retry-After", "1"),
                ExceptionMapper.toResponse(HttpError.busy(), "GET /health"));
        assertAnswer(413, HttpError.payloadTooLarge(10).getMessage(), Map.of(),
                ExceptionMapper.toResponse(HttpError.payloadTooLarge(10), "POST /sample"));
    }

    @Test
    void runningOutOfHeapIsA503TheClientMayRetryNotALostWorker() {
        assertAnswer(503, "server out of memory; retry later", Map.of("Retry-After", "5"),
                ExceptionMapper.toResponse(new OutOfMemoryError("Java heap space"), "DELETE /companies/int:a"));
    }

    @Test
    void anInvalidSampleIsA400WithItsMessage() {
        assertAnswer(400, "sample 2: unknown key \"Amount\"", Map.of(),
                ExceptionMapper.toResponse(new InvalidSampleException("sample 2: unknown key \"Amount\""), "POST /sample"));
    }

    @Test
    void aStoreThatCannotTakeTheBatchIsA503(@TempDir Path dir) throws Exception {
        Learner learner = Learner.open(dir, false, ModelOptions.DEFAULT);
        learner.close();
        Learner.StoreFailedException refused = assertThrows(Learner.StoreFailedException.class,
                () -> learner.learn(Samples.stream(1, 1)));

        assertAnswer(503, "server is shutting down", Map.of(), ExceptionMapper.toResponse(refused, "POST /sample"));
    }

    @Test
    void anythingElseIsLoggedOnceWithItsTraceAndAnswered500WithoutIt() {
        IllegalStateException bug = new IllegalStateException("secret detail of a bug");
        Response response;
        List<LogRecord> logged;
        try (CapturedLog log = CapturedLog.of("ledgerlearn.http")) {
            response = ExceptionMapper.toResponse(bug, "POST /predict");
            logged = log.records();
        }

        assertAnswer(500, "internal error", Map.of(), response);
        assertFalse(new String(response.body(), StandardCharsets.UTF_8).contains("secret detail"));
        assertEquals(1, logged.size());
        assertTrue(logged.get(0).getMessage().contains("POST /predict"), logged.get(0).getMessage());
        assertEquals(bug, logged.get(0).getThrown());
    }

    private static void assertAnswer(int status, String message, Map<String, String> headers, Response response) {
        assertEquals(status, response.status());
        assertEquals(Response.JSON, response.contentType());
        assertEquals(Json.object().add("error", message), Json.parse(new String(response.body(), StandardCharsets.UTF_8)));
        assertEquals(headers, response.headers());
    }
}
