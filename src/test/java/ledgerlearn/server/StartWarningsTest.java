package ledgerlearn.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import ledgerlearn.testing.ForkedServer;
import ledgerlearn.testing.TestKeystore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the server says at start about its secrets: files that others may read, and how long its certificate lasts. */
final class StartWarningsTest {

    @Test
    void warnsAboutAnAuthFileAndATlsPasswordFileOthersMayReadAndLogsTheCertificatesEnd(@TempDir Path dir) throws Exception {
        TestKeystore keys = TestKeystore.create(dir);
        Path tokens = Files.writeString(dir.resolve("tokens"), "server-token-0123456789 writer,reader\n");
        Files.setPosixFilePermissions(tokens, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(keys.passwordFile(), PosixFilePermissions.fromString("rw-r-----"));
        List<String> flags = new ArrayList<>(keys.serverFlags());
        flags.addAll(List.of("--auth-file", tokens.toString()));

        try (ForkedServer server = ForkedServer.start(dir.resolve("data"), flags.toArray(String[]::new))) {
            String log = server.log();
            assertTrue(log.contains("WARNING ledgerlearn: auth file " + tokens + " can be read by every user (rw-r--r--);"
                    + " make it private: chmod 600 " + tokens), log);
            assertTrue(log.contains("WARNING ledgerlearn: TLS password file " + keys.passwordFile()
                    + " can be read by its group (rw-r-----)"), log);
            // the test's certificate lasts two days, so it is in its last month
            assertTrue(log.matches("(?s).*WARNING ledgerlearn: TLS certificate CN=localhost valid until \\d{4}-\\d{2}-\\d{2}"
                    + " \\(\\d days?\\); make a new one before then.*"), log);
        }
    }

    @Test
    void saysNothingAboutPrivateFiles(@TempDir Path dir) throws Exception {
        Path tokens = Files.writeString(dir.resolve("tokens"), "server-token-0123456789 writer,reader\n");
        Files.setPosixFilePermissions(tokens, PosixFilePermissions.fromString("rw-------"));

        try (ForkedServer server = ForkedServer.start(dir.resolve("data"), "--auth-file", tokens.toString())) {
            assertFalse(server.log().contains("WARNING"), server.log());
        }
    }
}
