package ledgerlearn.http;

import static ledgerlearn.http.ErrorResponsesTest.assertJsonError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.eclipsesource.json.Json;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import ledgerlearn.sample.Sample;
import ledgerlearn.testing.Samples;
import ledgerlearn.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Idempotency keys of tokens bound to companies: each tenant has keys of its own, so two tenants choosing the
 * same key (a date and a counter, say) each store their batch, neither is told the other used it, and a retry
 * replays only its own tenant's batch. Tokens bound to the same companies are one tenant and share their keys.
 */
final class TenantKeysTest {
    private static final String KEY = "2026-12-07-0001";
    private static final String A_WRITER = "tenant-a-writer-0123456789";
    private static final String A_OTHER_WRITER = "tenant-a-second-writer-0123456789";
    private static final String B_WRITER = "tenant-b-writer-0123456789";
    private static final String READER = "every-company-reader-0123456789";

    private static final List<Sample> A_ROWS = List.of(Samples.sample("int:a", "1000", "str:rent"),
            Samples.sample("int:a", "2000", "str:power"), Samples.sample("int:a", "1000", "str:rent"));
    private static final List<Sample> B_ROWS = List.of(Samples.sample("int:b", "7000", "str:fuel"),
            Samples.sample("int:b", "7100", "str:tyres"));

    @TempDir
    Path dir;
    private TestServer server;

    @BeforeEach
    void startWithTwoTenants() throws IOException {
        Path authFile = dir.resolve("tokens");
        Files.writeString(authFile, A_WRITER + " writer companies=int:a\n"
                + A_OTHER_WRITER + " writer companies=int:a\n"
                + B_WRITER + " writer companies=int:b\n"
                + READER + " reader\n");
        server = TestServer.startWith("--auth-file", authFile.toString());
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @Test
    void twoTenantsChoosingTheSameKeyEachStoreTheirBatchAndReplayOnlyTheirOwn() {
        HttpResponse<String> a = post(A_WRITER, A_ROWS);
        HttpResponse<String> b = post(B_WRITER, B_ROWS);

        assertEquals("{\"accepted\":3,\"total\":3}", a.body());
        assertEquals("{\"accepted\":2,\"total\":5}", b.body());
        assertEquals("{\"accepted\":3,\"total\":3,\"replayed\":true}", post(A_WRITER, A_ROWS).body());
        assertEquals("{\"accepted\":2,\"total\":5,\"replayed\":true}", post(B_WRITER, B_ROWS).body());
        assertEquals(5, stored());
    }

    @Test
    void tokensBoundToTheSameCompaniesShareTheirKeys() {
        post(A_WRITER, A_ROWS);

        assertEquals("{\"accepted\":3,\"total\":3,\"replayed\":true}", post(A_OTHER_WRITER, A_ROWS).body());
        assertEquals(3, stored());
    }

    @Test
    void aTenantsKeyIsKeptAcrossARestartAndItsConflictNamesTheKeyAsSent() throws IOException {
        post(A_WRITER, A_ROWS);
        post(B_WRITER, B_ROWS);
        server.restart();

        assertEquals("{\"accepted\":3,\"total\":3,\"replayed\":true}", post(A_WRITER, A_ROWS).body());
        assertJsonError(post(A_WRITER, A_ROWS.subList(0, 2)), 409, "Idempotency-Key \"" + KEY
                + "\" was sent before with other rows (a batch of 3); nothing was stored; send new rows with a new key");
        assertEquals(5, stored());
        assertFalse(Files.readString(server.dataDir().resolve("batch-keys.csv")).contains("int:a"),
                "a tenant's key names its tenant by a digest, not by its companies");
    }

    private long stored() {
        HttpResponse<String> health = server.send(HttpRequest.newBuilder(server.uri("/health"))
                .header("Authorization", "Bearer " + READER));
        return Json.parse(health.body()).asObject().getLong("samples", -1);
    }

    private HttpResponse<String> post(String token, List<Sample> rows) {
        return server.send(HttpRequest.newBuilder(server.uri("/sample")).header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", KEY).POST(HttpRequest.BodyPublishers.ofString(Samples.body(rows))));
    }
}
