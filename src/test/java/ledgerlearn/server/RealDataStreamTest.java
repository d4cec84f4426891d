package ledgerlearn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import ledgerlearn.client.Connection;
import ledgerlearn.client.StreamingClient;
import ledgerlearn.dataset.DatasetReader;
import ledgerlearn.sample.Sample;
import ledgerlearn.testing.RealData;
import ledgerlearn.testing.TestServer;
import org.junit.jupiter.api.Test;

/** The first 15,000 real rows through HTTP in random chunks: the model must beat the majority class. */
final class RealDataStreamTest {

    @Test
    void learnsTheRealStreamBetterThanTheMajorityClass() throws Exception {
        var zip = RealData.zip();
        try (TestServer server = TestServer.start()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code = StreamingClient.run(new StreamingClient.Settings(Connection.to(java.net.URI.create(server.baseUrl())), zip,
                    15_000, 7, 1000, true),
                    new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
            assertEquals(0, code);

            JsonObject metrics = Json.parse(server.get("/metrics/1000").body()).asObject();
            assertEquals(1000, metrics.getInt("n", -1));
            double majority = majorityRateOfRows(zip, 14_000, 15_000);
            assertEquals(majority, metrics.getDouble("baseline", -1), 1e-12);
            assertTrue(metrics.getDouble("accuracy", 0) > majority,
                    "accuracy " + metrics.get("accuracy") + " must beat the majority class rate " + majority);
            assertEquals(15_000, Json.parse(server.get("/health").body()).asObject().getLong("samples", -1));
        }
    }

    private static double majorityRateOfRows(java.nio.file.Path zip, int from, int to) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        try (DatasetReader reader = DatasetReader.open(zip)) {
            for (int i = 0; i < to; i++) {
                Sample sample = reader.next();
                if (i >= from) {
                    counts.merge(sample.accountNumber(), 1, Integer::sum);
                }
            }
        }
        return counts.values().stream().mapToInt(Integer::intValue).max().orElseThrow() / (double) (to - from);
    }
}
