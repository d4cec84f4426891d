package ledgerlearn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster node's data dir started as a single server: refused, since rows stored without the log would make
 * the node differ from the others when it rejoins (and could make it pass over a record of the log).
 */
final class ClusterDataDirTest {
    @TempDir
    Path dataDir;

    @Test
    void aClusterNodesDataDirIsRefusedWithoutKafka() throws IOException {
        Files.writeString(dataDir.resolve("log-offsets.txt"), "ledgerlearn 0 0 0\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = Main.run(new String[] {"server", "--port", "0", "--data-dir", dataDir.toString()}, Map.of(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        String printed = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, code, printed);
        assertTrue(printed.contains("is the data dir of a cluster node (it holds log-offsets.txt): start it with --kafka"),
                printed);
        assertFalse(Files.exists(dataDir.resolve("samples.csv")), "refused before the store was opened");
    }
}
