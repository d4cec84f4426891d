package ledgerlearn.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import ledgerlearn.cli.BenchOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class BenchTest {

    @Test
    void writesHeapSizesAsJvmFlagsDo() {
        assertEquals("64m", Bench.size(64L << 20));
        assertEquals("2g", Bench.size(2L << 30));
        assertEquals("1536k", Bench.size(1536L << 10));
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertEquals(2.0, Bench.median(List.of(3.0, 1.0, 2.0)));
        assertEquals(2.5, Bench.median(List.of(4.0, 1.0, 3.0, 2.0)));
    }

    @Test
    void quotesOnlyTheArgumentsAShellWouldSplitOrExpand() {
        assertEquals("--server-args", Bench.shellQuoted("--server-args"));
        assertEquals("../shared/data/x.csv.zip", Bench.shellQuoted("../shared/data/x.csv.zip"));
        assertEquals("'--alpha 0.01 --company-model 30'", Bench.shellQuoted("--alpha 0.01 --company-model 30"));
        assertEquals("''", Bench.shellQuoted(""));
        assertEquals("'it'\\''s'", Bench.shellQuoted("it's"));
    }

    @Test
    void recordsItsCommandWithTheArgumentsAsGivenEmptyOnesIncluded() throws Exception {
        BenchOptions options = BenchOptions.parse(new String[] {"--phases", "ingest", "--out", ""}, Map.of());
        String command = Bench.commandLine(options.arguments());
        assertTrue(command.startsWith("java "), command);
        assertTrue(command.endsWith(" bench --phases ingest --out ''"), command);
    }

    @Test
    void refusesAMissingDataSetWithExitTwoAsAnyMissingFileAndSaysWhereToGetIt(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nothing.zip");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        BenchOptions options = BenchOptions.parse(new String[] {"--data", missing.toString(), "--out", dir.resolve("B.md").toString()},
                Map.of());
        int exit = Bench.run(options, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, exit);
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.contains("cannot read the data set " + missing) && message.contains("--data"), message);
        assertTrue(!dir.resolve("B.md").toFile().exists(), "nothing written");
    }
}
