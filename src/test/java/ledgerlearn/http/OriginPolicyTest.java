package ledgerlearn.http;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class OriginPolicyTest {
    private final OriginPolicy loopback = new OriginPolicy("http", true, "127.0.0.1");
    private final OriginPolicy tls = new OriginPolicy("https", false, "0.0.0.0");

    @ParameterizedTest
    @CsvSource(nullValues = "none", value = {
            "127.0.0.1:5000, none", "localhost:5000, none", "'[::1]:5000', none", "127.0.0.2, none", "none, none",
            "127.0.0.1:5000, http://127.0.0.1:5000", "localhost:5000, http://localhost:5000",
            "'[::1]:5000', 'http://[::1]:5000'", "127.0.0.1, http://127.0.0.1:80", "LOCALHOST:5000, http://localhost:5000"})
    void servesItsOwnNamesAndOrigins(String host, String origin) {
        assertDoesNotThrow(() -> loopback.check(host, origin));
    }

    @ParameterizedTest
    @CsvSource(nullValues = "none", value = {
            "127.0.0.1:5000, http://evil.example", "127.0.0.1:5000, http://127.0.0.1:8080",
            "127.0.0.1:5000, https://127.0.0.1:5000", "127.0.0.1:5000, null", "127.0.0.1:5000, http://localhost:5000",
            "127.0.0.1:5000, http://127.0.0.1:5000/path", "none, http://127.0.0.1:5000", "127.0.0.1:5000, not a url"})
    void refusesAnotherOrigin(String host, String origin) {
        HttpError e = assertThrows(HttpError.class, () -> loopback.check(host, origin));
        assertEquals(403, e.status());
        assertTrue(e.getMessage().startsWith("cross-origin request refused: Origin \"" + origin + "\""), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"evil.example:5000", "evil.example", "127.0.0.1.evil.example", "10.0.0.1:5000", "'[2001:db8::1]:5000'",
            "localhost.evil.example:5000"})
    void refusesAHostThatIsNoLoopbackNameOnALoopbackServer(String host) {
        HttpError e = assertThrows(HttpError.class, () -> loopback.check(host, null));
        assertEquals(403, e.status());
        assertTrue(e.getMessage().startsWith("Host \"" + host + "\" is not a name of this server"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(nullValues = "none", value = {"ledger.example, https://ledger.example", "ledger.example:8443, https://ledger.example:8443",
            "10.0.0.1:5000, none"})
    void aServerOnOtherAddressesChecksOnlyTheOrigin(String host, String origin) {
        assertDoesNotThrow(() -> tls.check(host, origin));
        assertThrows(HttpError.class, () -> tls.check(host, "https://evil.example"));
    }
}
