package ledgerlearn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import ledgerlearn.testing.Samples;
import ledgerlearn.testing.TestServer;
import org.junit.jupiter.api.Test;

final class HealthEndpointTest {

    @Test
    void reportsStatusSamplesClassesUptimeAndVersion() throws Exception {
        try (TestServer server = TestServer.start()) {
            server.post("/sample", Samples.body(Samples.stream(120, 4)));

            JsonObject health = Json.parse(server.get("/health").body()).asObject();

            assertEquals("ok", health.getString("status", ""));
            assertEquals(120, health.getLong("samples", -1));
            assertEquals(6, health.getInt("classes", -1));
            assertTrue(health.getLong("uptimeSeconds", -1) >= 0);
            assertTrue(health.get("version").isString());
            assertEquals(health.names(), Json.parse(server.get("/v1/health").body()).asObject().names());
        }
    }
}
