package ledgerlearn.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import ledgerlearn.learn.Learner;
import ledgerlearn.model.ModelOptions;
import ledgerlearn.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Before a node's learner opens its data dir, a start may empty the dir; never one that a running node holds. */
final class ClusterNodePrepareTest {
    /** No broker listens there: what is checked here happens before the brokers are asked. */
    private static final List<String> NO_BROKER = List.of("127.0.0.1:9");

    @TempDir
    Path dir;

    @Test
    void aSecondNodeOnTheDataDirOfARunningOneIsRefusedBeforeItDeletesAnything() throws IOException {
        nodeDirOf("ledgerlearn");
        try (Learner running = Learner.open(dir, false, ModelOptions.DEFAULT)) {
            List<Path> before = files();

            IOException refused = assertThrows(IOException.class, () -> ClusterNode.prepare(NO_BROKER, "ledgerlearn", dir));
            assertTrue(refused.getMessage().contains("is in use by another ledgerlearn server"), refused.getMessage());
            assertEquals(before, files());
        }
    }

    @Test
    void aDataDirThatFollowsAnotherLogIsRefusedAndLeftAsItIs() throws IOException {
        nodeDirOf("samples.g2");
        List<Path> before = files();

        IOException refused = assertThrows(IOException.class, () -> ClusterNode.prepare(NO_BROKER, "other", dir));
        assertEquals("the data dir follows the topic samples.g2, not --kafka-topic other (nor one of its generations,"
                + " other.gN); start it with the topic it follows, or give this node an empty data dir", refused.getMessage());
        assertEquals(before, files());
    }

    @Test
    void aDataDirWithoutAppliedOffsetsIsLeftAsItIsAndUnlocked() throws IOException {
        ClusterNode.prepare(NO_BROKER, "ledgerlearn", dir);
        try (Learner learner = Learner.open(dir, false, ModelOptions.DEFAULT)) {
            assertEquals(0, learner.samples());
        }
    }

    /** Makes {@link #dir} the data dir of a node that learnt rows from the log {@code topic}, and lets it go. */
    private void nodeDirOf(String topic) throws IOException {
        try (Learner learner = Learner.open(dir, false, ModelOptions.DEFAULT);
             AppliedOffsets offsets = AppliedOffsets.open(dir, false)) {
            learner.learn(Samples.stream(50, 3));
            offsets.record(topic, 0, 0, 0);
        }
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }
}
