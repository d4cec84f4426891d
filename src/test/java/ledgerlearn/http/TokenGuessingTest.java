package ledgerlearn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import ledgerlearn.testing.RawHttp;
import ledgerlearn.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 2,000 wrong tokens from one address: after a short burst they are refused unchecked, and other clients are not slowed. */
final class TokenGuessingTest {
    private static final int GUESSES = 2_000;

    @TempDir
    Path dir;

    @Test
    void repeatedWrongTokensFromOneAddressGet429WithoutSlowingAValidClientElsewhere() throws Exception {
        Path authFile = dir.resolve("tokens");
        Files.writeString(authFile, AccessPolicyTest.READER + " reader\n");
        try (TestServer server = TestServer.startWith("--auth-file", authFile.toString())) {
            int port = server.uri("/").getPort();
            InetAddress guesser = InetAddress.getByName("127.0.0.1");
            InetAddress valid = InetAddress.getByName("127.0.0.2");
            Map<Integer, Integer> statuses = new TreeMap<>();
            String retryAfter = null;
            long started = System.nanoTime();
            for (int i = 0; i < GUESSES; i++) {
                RawHttp.Reply reply = RawHttp.exchange(port, guesser, RawHttp.request("GET", "/health",
                        Map.of("Authorization", "Bearer guess-" + (100_000_000 + i)), null));
                statuses.merge(reply.status(), 1, Integer::sum);
                if (reply.status() == 429) {
                    retryAfter = reply.header("Retry-After");
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            RawHttp.Reply validElsewhere = RawHttp.exchange(port, valid, RawHttp.request("GET", "/health",
                    Map.of("Authorization", "Bearer " + AccessPolicyTest.READER), null));

            int checked = statuses.getOrDefault(401, 0);
            assertEquals(GUESSES, checked + statuses.getOrDefault(429, 0), statuses.toString());
            assertTrue(checked <= FailedAuthThrottle.BURST + FailedAuthThrottle.PER_SECOND * (seconds + 1),
                    checked + " guesses checked in " + seconds + " s");
            assertEquals("1", retryAfter);
            assertEquals(200, validElsewhere.status(), validElsewhere.text());
            System.out.printf("reliability: %d wrong tokens from one address in %.1f s: %d checked (401), %d refused"
                            + " unchecked (429, Retry-After: 1); a valid token from another address: %d%n",
                    GUESSES, seconds, checked, statuses.getOrDefault(429, 0), validElsewhere.status());
        }
    }
}
