package ledgerlearn.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import ledgerlearn.telemetry.Version;

/** GET /openapi.json: the OpenAPI 3.1 description of every route, read once from the jar. */
final class OpenApiEndpoint implements Endpoint {
    static final String RESOURCE = "/ledgerlearn/openapi.json";

    @Override
    public Response handle(Request request) {
        return Document.DOCUMENT;
    }

    /** Parsed on the first request rather than at start (about 30 ms of a fresh JVM's), once per JVM. */
    private static final class Document {
        static final Response DOCUMENT = Response.json(load());
    }

    /** The document, with the running server's version in {@code info.version}. */
    static JsonObject load() {
        InputStream in = OpenApiEndpoint.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("resource " + RESOURCE + " is missing from the jar");
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            JsonObject document = Json.parse(reader).asObject();
            document.get("info").asObject().set("version", Version.current());
            return document;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
