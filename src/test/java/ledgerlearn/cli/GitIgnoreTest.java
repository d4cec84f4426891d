package ledgerlearn.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What running the commands as documented leaves in a clone is ignored by git. */
final class GitIgnoreTest {

    @Test
    void ignoresTheDefaultDataDirAndTheFilesTheReadmesStepsMake() throws Exception {
        List<String> ignored = Files.readAllLines(Path.of(".gitignore"));
        String dataDir = ServerOptions.FLAGS.stream().filter(flag -> flag.name().equals("data-dir")).findFirst()
                .orElseThrow().defaultValue();

        assertTrue(ignored.contains("/" + dataDir + "/"), "the server's default --data-dir " + dataDir);
        for (String file : List.of("/tokens", "/tls-password", "/server.p12", "/server.pem", "*.jfr")) {
            assertTrue(ignored.contains(file), file);
        }
    }
}
