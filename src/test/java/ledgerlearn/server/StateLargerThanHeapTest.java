package ledgerlearn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import ledgerlearn.learn.Learner;
import ledgerlearn.model.ModelOptions;
import ledgerlearn.sample.Sample;
import ledgerlearn.testing.ForkedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store whose learnt state does not fit in the server's heap: the start says so and exits 1, with no stack trace. */
final class StateLargerThanHeapTest {
    @TempDir
    Path dataDir;

    @Test
    void aStateLargerThanTheHeapIsRefusedSayingSoNotWithAStackTrace() throws Exception {
        try (Learner learner = Learner.open(dataDir, false, ModelOptions.DEFAULT)) {
            List<Sample> batch = new ArrayList<>();
            for (int i = 0; i < 120_000; i++) {
                // every text its own: the memories keep a key for each
                batch.add(new Sample(String.valueOf(i), "int:c" + (i % 50), "2016-01-01", "str:" + Integer.toHexString(i)
                        + " int:" + Integer.toHexString(i * 31), "> -1000", "", String.valueOf(1000 + i % 40), ""));
                if (batch.size() == 10_000) {
                    learner.learn(batch);
                    batch.clear();
                }
            }
        }

        ForkedServer.Exit start = ForkedServer.runToExit(List.of("-Xmx24m", "-XX:+UseSerialGC"), dataDir, "--warm-up", "0");

        assertEquals(1, start.code(), start.output());
        assertTrue(start.output().contains("does not fit in the heap of"), start.output());
        assertTrue(start.output().contains("larger -Xmx"), start.output());
        assertFalse(start.output().contains("\tat ") || start.output().contains("Exception in thread"), start.output());
    }
}
