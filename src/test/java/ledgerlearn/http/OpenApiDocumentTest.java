package ledgerlearn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonValue;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ledgerlearn.learn.Learner;
import ledgerlearn.telemetry.Version;
import ledgerlearn.cli.ServerOptions;
import ledgerlearn.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET /openapi.json documents exactly the routes the server serves, with every parameter and error. */
final class OpenApiDocumentTest {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    @TempDir
    Path dataDir;

    @Test
    void documentsEveryRouteTheServerServesAndNoOther() throws Exception {
        ServerOptions options = ServerOptions.throwaway(dataDir);
        try (Learner learner = Learner.open(dataDir, false, options.model());
             ApiServer server = ApiServer.start(options.http(), learner)) {
            Set<String> served = new TreeSet<>(server.routes());

            assertEquals(served, documentedOperations(fetch(server)));
        }
    }

    @Test
    void everyDocumentedOperationAnswersOnItsPathAndUnderV1() throws Exception {
        ServerOptions options = ServerOptions.throwaway(dataDir);
        try (Learner learner = Learner.open(dataDir, false, options.model());
             ApiServer server = ApiServer.start(options.http(), learner)) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            for (String operation : documentedOperations(fetch(server))) {
                String method = operation.substring(0, operation.indexOf(' '));
                // a path parameter gets a value its schema allows: a positive integer, or a company never seen
                String path = operation.substring(operation.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "1");
                for (String prefix : List.of("", "/v1")) {
                    URI uri = URI.create("http://127.0.0.1:" + server.port() + prefix + path);
                    HttpResponse<String> response = http.send(request(method, uri), HttpResponse.BodyHandlers.ofString());
                    // a 404 for a company the store does not hold is an answer of the route, not a missing route
                    boolean routed = response.statusCode() != 405
                            && !(response.statusCode() == 404 && response.body().contains("no such path"));
                    assertTrue(routed, method + " " + prefix + path + " answered " + response.statusCode() + " " + response.body());
                }
            }
        }
    }

    @Test
    void documentsExactlyTheQueryParametersEachOperationAccepts() throws Exception {
        ServerOptions options = ServerOptions.throwaway(dataDir);
        try (Learner learner = Learner.open(dataDir, false, options.model());
             ApiServer server = ApiServer.start(options.http(), learner)) {
            JsonObject document = fetch(server);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            Pattern known = Pattern.compile("unknown query parameter \"zzz\"; (?:this path takes none|known: (.*))");
            for (String operation : documentedOperations(document)) {
                String method = operation.substring(0, operation.indexOf(' '));
                String template = operation.substring(operation.indexOf(' ') + 1);
                JsonObject op = document.get("paths").asObject().get(template).asObject()
                        .get(method.toLowerCase(Locale.ROOT)).asObject();
                Set<String> documented = new TreeSet<>();
                if (op.get("parameters") != null) {
                    for (JsonValue parameter : op.get("parameters").asArray()) {
                        if ("query".equals(parameter.asObject().getString("in", ""))) {
                            documented.add(parameter.asObject().getString("name", ""));
                        }
                    }
                }
                // the server names the parameters it knows when it refuses one it does not
                URI uri = URI.create("http://127.0.0.1:" + server.port() + template.replaceAll("\\{[^}]+}", "1") + "?zzz=1");
                HttpResponse<String> response = http.send(request(method, uri), HttpResponse.BodyHandlers.ofString());
                assertEquals(400, response.statusCode(), operation + ": " + response.body());
                Matcher matcher = known.matcher(Json.parse(response.body()).asObject().getString("error", ""));
                assertTrue(matcher.matches(), operation + ": " + response.body());
                Set<String> accepted = new TreeSet<>();
                if (matcher.group(1) != null) {
                    accepted.addAll(List.of(matcher.group(1).split(", ")));
                }
                assertEquals(accepted, documented, operation);
            }
        }
    }

    @Test
    void isAnOpenApi31DocumentWithTheServersVersionAndTheV1Alias() throws Exception {
        try (TestServer server = TestServer.start()) {
            HttpResponse<String> response = server.get("/openapi.json");
            assertEquals(200, response.statusCode());
            assertEquals("application/json; charset=utf-8", response.headers().firstValue("Content-Type").orElse(""));
            JsonObject document = Json.parse(response.body()).asObject();

            assertEquals("3.1.0", document.getString("openapi", ""));
            assertEquals(Version.current(), document.get("info").asObject().getString("version", ""));
            List<String> servers = new ArrayList<>();
            document.get("servers").asArray().forEach(s -> servers.add(s.asObject().getString("url", "")));
            assertEquals(List.of("/", "/v1"), servers);
            assertEquals(document, Json.parse(server.get("/v1/openapi.json").body()));
        }
    }

    @Test
    void everyReferenceResolvesAndEveryPathParameterIsDeclared() {
        JsonObject document = OpenApiEndpoint.load();
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);
        assertFalse(refs.isEmpty());
        for (String ref : refs) {
            assertTrue(ref.startsWith("#/"), ref);
            JsonValue target = document;
            for (String part : ref.substring(2).split("/")) {
                target = target.isObject() ? target.asObject().get(part.replace("~1", "/").replace("~0", "~")) : null;
                assertNotNull(target, "unresolved " + ref);
            }
        }
        for (JsonObject.Member path : document.get("paths").asObject()) {
            Matcher names = Pattern.compile("\\{([^}]+)}").matcher(path.getName());
            while (names.find()) {
                String name = names.group(1);
                for (JsonObject.Member operation : path.getValue().asObject()) {
                    assertTrue(declaresPathParameter(operation.getValue().asObject(), name),
                            operation.getName() + " " + path.getName() + " declares {" + name + "}");
                }
            }
        }
    }

    @Test
    void everyOperationDocumentsItsSuccessAndTheErrorsAnyRequestCanGet() {
        JsonObject document = OpenApiEndpoint.load();
        for (JsonObject.Member path : document.get("paths").asObject()) {
            for (JsonObject.Member operation : path.getValue().asObject()) {
                String where = operation.getName() + " " + path.getName();
                JsonObject responses = operation.getValue().asObject().get("responses").asObject();
                // 400: an unknown query parameter; 500: an unexpected failure; 503: refused while draining
                for (String status : List.of("200", "400", "500", "503")) {
                    assertNotNull(responses.get(status), where + " documents " + status);
                }
                if (operation.getValue().asObject().get("requestBody") != null) {
                    assertNotNull(responses.get("413"), where + " takes a body, so documents 413");
                    assertNotNull(responses.get("415"), where + " takes a body, so documents 415");
                }
            }
        }
        JsonObject errors = document.get("components").asObject().get("responses").asObject();
        for (String shared : List.of("BadRequest", "Unauthorized", "Forbidden", "NotFound", "MethodNotAllowed",
                "PayloadTooLarge", "UnsupportedContentEncoding", "InternalError", "Unavailable")) {
            assertNotNull(errors.get(shared), shared);
        }
        JsonObject schemas = document.get("components").asObject().get("schemas").asObject();
        for (String schema : List.of("Sample", "PredictQuery", "Metrics", "Health", "Error")) {
            assertNotNull(schemas.get(schema), schema);
        }
    }

    @Test
    void everyOperationDocumentsTheRoleTheAccessPolicyAsksFor() {
        JsonObject document = OpenApiEndpoint.load();
        assertNotNull(document.get("components").asObject().get("securitySchemes").asObject().get("apiToken"));
        for (JsonObject.Member path : document.get("paths").asObject()) {
            for (JsonObject.Member operation : path.getValue().asObject()) {
                String method = operation.getName().toUpperCase(Locale.ROOT);
                String where = method + " " + path.getName();
                JsonObject described = operation.getValue().asObject();
                JsonObject responses = described.get("responses").asObject();
                Optional<Role> role = AccessPolicy.required(method, path.getName());
                if (role.isEmpty()) {
                    assertEquals(Json.array(), described.get("security"), where + " is public");
                } else {
                    assertEquals(role.get().label(), described.getString("x-ledgerlearn-role", ""), where);
                    assertNotNull(responses.get("401"), where + " documents 401");
                    assertNotNull(responses.get("403"), where + " documents 403");
                }
            }
        }
    }

    /** {@code method} on {@code uri}, with an empty JSON object as the body of anything but a GET. */
    private static HttpRequest request(String method, URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{}"))
                .build();
    }

    private static JsonObject fetch(ApiServer server) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/openapi.json"))
                .timeout(Duration.ofSeconds(30)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return Json.parse(response.body()).asObject();
    }

    /** Every operation as {@code "METHOD /template"}, as {@link ApiServer#routes()} names routes. */
    private static Set<String> documentedOperations(JsonObject document) {
        Set<String> operations = new TreeSet<>();
        for (JsonObject.Member path : document.get("paths").asObject()) {
            for (JsonObject.Member operation : path.getValue().asObject()) {
                if (METHODS.contains(operation.getName())) {
                    operations.add(operation.getName().toUpperCase(Locale.ROOT) + " " + path.getName());
                }
            }
        }
        return operations;
    }

    private static boolean declaresPathParameter(JsonObject operation, String name) {
        JsonValue parameters = operation.get("parameters");
        if (parameters == null) {
            return false;
        }
        for (JsonValue parameter : parameters.asArray()) {
            JsonObject p = parameter.asObject();
            if (name.equals(p.getString("name", "")) && "path".equals(p.getString("in", ""))
                    && p.getBoolean("required", false)) {
                return true;
            }
        }
        return false;
    }

    private static void collectRefs(JsonValue value, List<String> refs) {
        if (value.isObject()) {
            for (JsonObject.Member member : value.asObject()) {
                if (member.getName().equals("$ref")) {
                    refs.add(member.getValue().asString());
                } else {
                    collectRefs(member.getValue(), refs);
                }
            }
        } else if (value.isArray()) {
            value.asArray().forEach(element -> collectRefs(element, refs));
        }
    }
}
