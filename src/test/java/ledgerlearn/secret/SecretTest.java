package ledgerlearn.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import ledgerlearn.cli.ClientOptions;
import ledgerlearn.cli.ServerOptions;
import ledgerlearn.cli.UsageException;
import ledgerlearn.client.Connection;
import ledgerlearn.client.StreamingClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class SecretTest {

    @TempDir
    Path dir;

    @Test
    void optionsPrintedWholeNeverShowTheTokenOrPasswords() throws UsageException, IOException {
        // a keystore file a flag may name: parsing the options needs it there, not readable
        String keystore = Files.writeString(dir.resolve("server.p12"), "").toString();
        Map<String, String> env = Map.of(Connection.TOKEN_ENV, "s3cret-token-abcdefgh",
                Connection.TRUST_STORE_PASSWORD_ENV, "s3cret-store-password", ServerOptions.TLS_PASSWORD_ENV, "s3cret-tls-password");

        StreamingClient.Settings client = ClientOptions.client(new String[] {"--url", "https://127.0.0.1:5000"}, env);
        ServerOptions server = ServerOptions.parse(new String[] {"--tls-keystore", keystore}, env);

        assertEquals("s3cret-token-abcdefgh", client.server().token().value());
        assertEquals("s3cret-tls-password", server.http().access().tlsPassword().value());
        assertFalse(client.toString().contains("s3cret"), client.toString());
        assertFalse(server.toString().contains("s3cret"), server.toString());
    }

    @Test
    void emptyVariableIsNoSecret() {
        assertNull(Secret.fromEnv(Map.of(Connection.TOKEN_ENV, ""), Connection.TOKEN_ENV));
        assertNull(Secret.fromEnv(Map.of(), Connection.TOKEN_ENV));
    }
}
