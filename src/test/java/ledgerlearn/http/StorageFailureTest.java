package ledgerlearn.http;

import static ledgerlearn.http.ErrorResponsesTest.assertJsonError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import ledgerlearn.testing.FullDisk;
import ledgerlearn.testing.Samples;
import ledgerlearn.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * The disk fills up under a running server: the batch is refused with 503 and Retry-After and not learnt,
 * /health and /readyz say the store is failing and why, and once space is freed the server takes batches
 * again by itself.
 */
final class StorageFailureTest {
    private static final String REFUSED = "[{\"CompanyId\":\"int:refused\",\"BankEntryDate\":\"2016-03-01\","
            + "\"BankEntryText\":\"str:refused\",\"BankEntryAmount\":\"> -1000\",\"AccountNumber\":\"9999\"}]";
    private static final String QUERY = "{\"CompanyId\":\"int:refused\",\"BankEntryText\":\"str:refused\"}";

    @Test
    void aFullDiskRefusesTheBatchUnlearntSaysSoAndRecoversOnceSpaceIsFreed() throws Exception {
        FullDisk disk = new FullDisk();
        try (TestServer server = TestServer.startOn(disk.disk())) {
            assertEquals(200, server.post("/sample", Samples.body(Samples.stream(200, 1))).statusCode());
            String classesBefore = health(server).get("classes").toString();
            disk.fill();

            HttpResponse<String> refused = server.post("/sample", REFUSED);

            assertJsonError(refused, 503, "storage failure: the batch was not stored");
            assertEquals("5", refused.headers().firstValue("Retry-After").orElse(""));
            // answered before anything else: the model no longer holds the batch
            assertNotEquals("[\"9999\"]", server.post("/predict", QUERY).body());
            JsonObject health = health(server);
            assertEquals("failing", health.getString("status", ""));
            assertEquals(classesBefore, health.get("classes").toString());
            assertEquals(200, health.getLong("samples", -1));
            JsonObject store = health.get("store").asObject();
            assertEquals("failing", store.getString("status", ""));
            assertTrue(store.getString("reason", "").contains("No space left on device"), store.toString());
            HttpResponse<String> notReady = server.get("/readyz");
            assertEquals(503, notReady.statusCode());
            assertEquals("{\"status\":\"not ready\"}", notReady.body(), "the probe reveals nothing");
            HttpResponse<String> again = server.post("/sample", REFUSED);
            assertJsonError(again, 503, "server cannot store samples: store write failed (No space left on device)");
            assertEquals("5", again.headers().firstValue("Retry-After").orElse(""));
            assertEquals(200, server.get("/livez").statusCode());

            long freed = System.nanoTime();
            disk.free();
            while (server.get("/readyz").statusCode() != 200) {
                assertTrue(System.nanoTime() - freed < TimeUnit.SECONDS.toNanos(30), "never ready again");
                Thread.sleep(20);
            }
            long readyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - freed);
            assertEquals(200, server.post("/sample", REFUSED).statusCode());
            assertEquals("ok", health(server).get("store").asObject().getString("status", ""));
            assertEquals(201, health(server).getLong("samples", -1));
            System.out.printf("reliability: disk full under a running server: 503 with Retry-After: 5, the batch not"
                    + " learnt, /health and /readyz failing; ready again %d ms after space was freed%n", readyMillis);
        }
    }

    private static JsonObject health(TestServer server) {
        return Json.parse(server.get("/health").body()).asObject();
    }
}
