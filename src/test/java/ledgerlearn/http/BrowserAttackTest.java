package ledgerlearn.http;

import static ledgerlearn.http.ErrorResponsesTest.assertJsonError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.eclipsesource.json.Json;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import ledgerlearn.testing.RawHttp;
import ledgerlearn.testing.Samples;
import ledgerlearn.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a web page can make a browser send to the anonymous loopback server: a cross-site form post and
 * DNS rebinding are refused; curl and scripts, which send no Origin, keep working without a content type.
 */
final class BrowserAttackTest {
    @TempDir
    Path dir;

    @Test
    void crossSiteTextPlainPostWithAForeignOriginIsRefusedAndStoresNothing() throws Exception {
        try (TestServer server = TestServer.start()) {
            byte[] store = Files.readAllBytes(server.storeFile());
            HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/sample"))
                    .header("Content-Type", "text/plain")
                    .header("Origin", "http://evil.example")
                    .POST(HttpRequest.BodyPublishers.ofString(Samples.body(Samples.stream(3, 1)))));

            assertJsonError(response, 403, "cross-origin request refused: Origin \"http://evil.example\"");
            assertArrayEquals(store, Files.readAllBytes(server.storeFile()), "nothing stored");
            assertEquals(0, Json.parse(server.get("/health").body()).asObject().getLong("samples", -1));
        }
    }

    @Test
    void theDashboardsOwnOriginIsServed() throws Exception {
        try (TestServer server = TestServer.start()) {
            String own = server.baseUrl();
            HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/sample"))
                    .header("Origin", own)
                    .POST(HttpRequest.BodyPublishers.ofString(Samples.body(Samples.stream(3, 1)))));
            assertEquals(200, response.statusCode(), response.body());
        }
    }

    @Test
    void dnsRebindingIsRefusedOnALoopbackServer() throws Exception {
        try (TestServer server = TestServer.start()) {
            int port = server.uri("/").getPort();
            for (String path : List.of("/stats", "/", "/health")) {
                RawHttp.Reply reply = RawHttp.exchange(port, RawHttp.request("GET", path,
                        Map.of("Host", "rebound.evil.example:" + port), null));
                assertEquals(403, reply.status(), path + ": " + reply.text());
                assertEquals("Host \"rebound.evil.example:" + port + "\" is not a name of this server, which listens on"
                        + " a loopback address; use 127.0.0.1, localhost or [::1]",
                        Json.parse(reply.text()).asObject().getString("error", ""));
            }
            RawHttp.Reply localhost = RawHttp.exchange(port, RawHttp.request("GET", "/health",
                    Map.of("Host", "localhost:" + port), null));
            assertEquals(200, localhost.status());
            // a probe tells a page nothing, and answers whatever name it is called by
            for (String probe : List.of("/livez", "/readyz")) {
                RawHttp.Reply reply = RawHttp.exchange(port, RawHttp.request("GET", probe,
                        Map.of("Host", "rebound.evil.example:" + port), null));
                assertEquals(200, reply.status(), probe + ": " + reply.text());
            }
        }
    }

    @Test
    void curlsDefaultFormTypeIsServed() throws Exception {
        assumeTrue(onPath("curl"), "curl is not installed");
        try (TestServer server = TestServer.start()) {
            Path body = dir.resolve("rows.json");
            Files.writeString(body, Samples.body(Samples.stream(4, 2)));
            // -d sends Content-Type: application/x-www-form-urlencoded
            String out = run(List.of("curl", "-s", "-S", "-w", " %{http_code}", server.baseUrl() + "/sample",
                    "--data-binary", "@" + body));
            assertEquals("{\"accepted\":4,\"total\":4} 200", out.strip());
        }
    }

    @Test
    void pythonClientsAreServedWithAndWithoutAJsonContentType() throws Exception {
        assumeTrue(onPath("python3") && run(List.of("python3", "-c", "import requests; print('ok')")).strip().equals("ok"),
                "python3 with requests is not installed");
        try (TestServer server = TestServer.start()) {
            Path rows = dir.resolve("rows.json");
            Files.writeString(rows, Samples.body(Samples.stream(6, 3)));
            String script = String.join("\n",
                    "import json, sys, urllib.request, requests",
                    "url = sys.argv[1]",
                    "rows = json.load(open(sys.argv[2]))",
                    "print(requests.post(url + '/sample', json=rows[:2]).status_code)",
                    "print(requests.post(url + '/sample', data=json.dumps(rows[2:4])).status_code)",
                    "request = urllib.request.Request(url + '/sample', data=json.dumps(rows[4:]).encode())",
                    "print(urllib.request.urlopen(request).status)",
                    "print(requests.post(url + '/predict', json={'CompanyId': rows[0]['CompanyId']}).status_code)");
            String out = run(List.of("python3", "-c", script, server.baseUrl(), rows.toString()));
            assertEquals(List.of("200", "200", "200", "200"), List.of(out.strip().split("\\s+")), out);
            assertEquals(6, Json.parse(server.get("/health").body()).asObject().getLong("samples", -1));
        }
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(command.get(0) + " did not finish");
        }
        return out;
    }
}
