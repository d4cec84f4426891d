package ledgerlearn.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import ledgerlearn.cluster.ClusterNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster phase compares its nodes with one server on the same rows: a copy of a node's store that a server opens. */
final class ClusterBenchStoreCopyTest {

    @Test
    void copiesANodesStoreWithoutWhatMakesItANodesDataDir(@TempDir Path dir) throws IOException {
        Path node = Files.createDirectories(dir.resolve("node0"));
        for (String name : List.of("samples.csv", "samples.commit", "batch-keys.csv", "snapshot-00000000000000000010.bin",
                ClusterNode.OFFSETS_FILE, "ledgerlearn.lock")) {
            Files.writeString(node.resolve(name), name);
        }

        Path copy = ClusterBench.storeCopy(node, dir.resolve("single"));

        try (Stream<Path> files = Files.list(copy)) {
            assertEquals(List.of("batch-keys.csv", "samples.commit", "samples.csv", "snapshot-00000000000000000010.bin"),
                    files.map(file -> file.getFileName().toString()).sorted().toList());
        }
        assertEquals("samples.csv", Files.readString(copy.resolve("samples.csv")));
    }

    @Test
    void namesTheOffsetsFileAsTheClusterDoes() {
        assertEquals(ClusterNode.OFFSETS_FILE, ClusterBench.NODE_OFFSETS_FILE);
    }
}
