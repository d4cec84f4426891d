package ledgerlearn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eclipsesource.json.Json;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import ledgerlearn.testing.RawHttp;
import ledgerlearn.testing.Samples;
import ledgerlearn.testing.TestServer;
import org.junit.jupiter.api.Test;

/** Every error is JSON with the right status, never HTML, never a stack trace. */
final class ErrorResponsesTest {

    @Test
    void unknownPathIs404Json() throws Exception {
        try (TestServer server = TestServer.start()) {
            assertJsonError(server.get("/nope"), 404, "no such path");
            assertJsonError(server.get("/v2/health"), 404, "no such path");
            assertJsonError(server.get("/metrics/"), 404, "no such path");
            // a target that starts with two slashes is a path with an empty first segment, not a host and /1
            assertJsonError(server.get("//metrics/1"), 404, "no such path: //metrics/1;");
            assertJsonError(server.get("///metrics/1"), 404, "no such path: ///metrics/1;");
            assertJsonError(server.get("///metrics/1?average=micro"), 404, "no such path: ///metrics/1;");
        }
    }

    @Test
    void wrongMethodIs405JsonWithAllow() throws Exception {
        try (TestServer server = TestServer.start()) {
            HttpResponse<String> response = server.get("/sample");
            assertJsonError(response, 405, "GET");
            assertEquals("POST", response.headers().firstValue("Allow").orElse(""));

            HttpResponse<String> delete = server.send(HttpRequest.newBuilder(server.uri("/v1/health")).DELETE());
            assertJsonError(delete, 405, "DELETE");
            assertEquals("GET, HEAD", delete.headers().firstValue("Allow").orElse(""));
        }
    }

    @Test
    void headIsServedOnEveryGetRouteWithTheHeadersAndWithoutTheBody() throws Exception {
        try (TestServer server = TestServer.start()) {
            for (String path : new String[] {"/", "/health", "/v1/openapi.json"}) {
                RawHttp.Reply head = RawHttp.exchange(server.uri("/").getPort(), RawHttp.request("HEAD", path, Map.of(), null));
                HttpResponse<String> get = server.get(path);
                assertEquals(200, head.status(), path);
                assertEquals(0, head.body().length, path);
                assertEquals(get.headers().firstValue("Content-Type").orElse(""), head.header("Content-Type"), path);
            }
        }
    }

    @Test
    void invalidBodiesAre400Json() throws Exception {
        try (TestServer server = TestServer.start()) {
            assertJsonError(server.post("/sample", ""), 400, "empty body");
            assertJsonError(server.post("/sample", "[{"), 400, "invalid JSON");
            assertJsonError(server.post("/sample", "[]"), 400, "empty");
            assertJsonError(server.post("/sample", "[".repeat(100_000)), 400, "nested");
            assertJsonError(server.post("/sample", "\"" + Samples.body(Samples.stream(1, 1)).replace("\"", "\\\"") + "\""),
                    400, "double-encoded");
            HttpResponse<String> latin1 = server.send(HttpRequest.newBuilder(server.uri("/predict"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'{', '"', (byte) 0xE6, '"', ':', '1', '}'})));
            assertJsonError(latin1, 400, "UTF-8");
        }
    }

    @Test
    void bodyOverTheCapIs413WithOrWithoutContentLength() throws Exception {
        try (TestServer server = TestServer.start()) {
            long cap = ledgerlearn.cli.ServerOptions.throwaway(server.dataDir()).http().maxBodyBytes();
            byte[] big = new byte[(int) cap + 1];
            java.util.Arrays.fill(big, (byte) ' ');

            assertJsonError(server.send(HttpRequest.newBuilder(server.uri("/sample"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(big))), 413, "limit");
            // without Content-Length (chunked), as a client streaming an unknown length sends it
            RawHttp.Reply chunked = RawHttp.exchange(server.uri("/").getPort(), RawHttp.request("POST", "/sample",
                    Map.of("Transfer-Encoding", "chunked"), RawHttp.chunked(big)));
            assertEquals(413, chunked.status(), chunked.text());
            assertEquals(200, server.get("/health").statusCode(), "the server still answers");
        }
    }

    static void assertJsonError(HttpResponse<String> response, int status, String mentions) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        String error = Json.parse(response.body()).asObject().getString("error", null);
        assertTrue(error != null && error.contains(mentions), "error should mention \"" + mentions + "\": " + error);
        assertFalse(response.body().contains("Exception") || response.body().contains("\tat "), response.body());
    }
}
