package ledgerlearn.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonValue;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import ledgerlearn.testing.ForkedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch whose learning runs the heap out is refused, and nothing of it stays in the model, in memory or in a
 * snapshot: the state it filled is let go before the store's is rebuilt, which the heap could not hold beside it.
 * The batches are sized for a 128 MB heap: the first fits, the second (20,000 accounts more) does not.
 */
final class OutOfMemoryBatchTest {
    private static final List<String> HEAP = List.of("-Xmx128m", "-XX:+UseSerialGC");
    private static final int FIRST_ACCOUNTS = 1_000_000;
    private static final int REFUSED_ACCOUNTS = 4_000_000;

    @TempDir
    Path dataDir;

    @Test
    void aBatchThatRunsTheHeapOutIsRefusedAndNothingOfItIsLearntOrSnapshotted() throws Exception {
        JsonObject stored;
        try (ForkedServer server = ForkedServer.start(HEAP, dataDir, "--access-log", "false")) {
            assertEquals(200, server.post("/sample", batch(1, 12_000, FIRST_ACCOUNTS)).statusCode());
            stored = health(server);

            String refused = batch(2, 20_000, REFUSED_ACCOUNTS);
            HttpResponse<String> answer = server.post("/sample", refused);

            assertEquals(503, answer.statusCode(), answer.body());
            assertTrue(server.log().contains("learning failed (java.lang.OutOfMemoryError"),
                    "the refused batch ran the heap out while it was learnt:\n" + server.log());
            JsonObject after = health(server);
            assertEquals(stored.get("samples"), after.get("samples"));
            assertEquals(stored.get("classes"), after.get("classes"), "no account of the refused batch is known");
            String query = Json.parse(refused).asArray().get(0).toString();
            for (JsonValue account : Json.parse(server.post("/predict?top=5", query).body()).asArray()) {
                assertTrue(Integer.parseInt(account.asString()) < REFUSED_ACCOUNTS, "suggested " + account);
            }
            assertEquals(0, server.terminate(), server.log());
        }
        try (ForkedServer restarted = ForkedServer.start(HEAP, dataDir, "--access-log", "false")) {
            assertEquals(stored.get("classes"), health(restarted).get("classes"), "the snapshot of the stop holds the store's model");
        }
    }

    private static JsonObject health(ForkedServer server) {
        return Json.parse(server.get("/health").body()).asObject();
    }

    /** {@code rows} samples of 50 companies, each with twelve random tokens and an account of its own, most likely. */
    private static String batch(long seed, int rows, int firstAccount) {
        Random random = new Random(seed);
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < rows; i++) {
            StringBuilder text = new StringBuilder();
            for (int t = 0; t < 12; t++) {
                text.append(t == 0 ? "" : " ").append(String.format("str:%07x", random.nextInt(1 << 28)));
            }
            json.append(i == 0 ? "" : ",").append(String.format(
                    "{\"CompanyId\":\"int:c%03d\",\"BankEntryDate\":\"2020-01-%02d\",\"BankEntryText\":\"%s\","
                            + "\"BankEntryAmount\":\"> -1000\",\"AccountName\":\"str:n%d\",\"AccountNumber\":\"%d\","
                            + "\"AccountTypeName\":\"Profit and Loss\"}",
                    random.nextInt(50), 1 + random.nextInt(28), text, i, firstAccount + random.nextInt(1_000_000)));
        }
        return json.append(']').toString();
    }
}
