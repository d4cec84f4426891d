package ledgerlearn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

final class SecretTest {

    @Test
    void optionsPrintedWholeNeverShowTheTokenOrPasswords() throws UsageException {
        Map<String, String> env = Map.of(Options.TOKEN_ENV, "s3cret-token-abcdefgh",
                Options.TRUST_STORE_PASSWORD_ENV, "s3cret-store-password", Options.TLS_PASSWORD_ENV, "s3cret-tls-password");

        Options.Client client = Options.client(new String[] {"--url", "https://127.0.0.1:5000"}, env);
        Options.Server server = Options.server(new String[] {"--tls-keystore", "server.p12"}, env);

        assertEquals("s3cret-token-abcdefgh", client.security().token().value());
        assertEquals("s3cret-tls-password", server.security().tlsPassword().value());
        assertFalse(client.toString().contains("s3cret"), client.toString());
        assertFalse(server.toString().contains("s3cret"), server.toString());
    }

    @Test
    void emptyVariableIsNoSecret() {
        assertNull(Secret.fromEnv(Map.of(Options.TOKEN_ENV, ""), Options.TOKEN_ENV));
        assertNull(Secret.fromEnv(Map.of(), Options.TOKEN_ENV));
    }
}
