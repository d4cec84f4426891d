package ledgerlearn.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class BenchmarksDocTest {
    private static final String B = BenchmarksDoc.BEGIN;
    private static final String E = BenchmarksDoc.END;

    @Test
    void aNewFileGetsATitleAndTheGeneratedPartBetweenMarkers() {
        assertEquals("# Benchmarks\n\n" + B + "\n| table |\n" + E + "\n", BenchmarksDoc.merge(null, "| table |\n"));
    }

    @Test
    void replacesOnlyTheGeneratedPartAndKeepsTheHandWrittenTextAroundIt() {
        String existing = "# Benchmarks\n\nintro\n\n" + B + "\nold numbers\n" + E + "\n\n## Analysis\n\nwhy\n";
        String merged = BenchmarksDoc.merge(existing, "new numbers");
        assertEquals("# Benchmarks\n\nintro\n\n" + B + "\nnew numbers\n" + E + "\n\n## Analysis\n\nwhy\n", merged);
        assertEquals(merged, BenchmarksDoc.merge(merged, "new numbers"), "merging again changes nothing");
    }

    @Test
    void appendsTheGeneratedPartToAFileWithoutMarkers() {
        String merged = BenchmarksDoc.merge("# Notes\n\nkept\n", "numbers");
        assertTrue(merged.startsWith("# Notes\n\nkept\n\n" + B + "\nnumbers\n" + E), merged);
    }

    @Test
    void theScaleRunHasAPartOfItsOwnSoTheTwoRunsStandSideBySide() {
        String realData = BenchmarksDoc.merge(null, "real numbers");
        String both = BenchmarksDoc.merge(realData, "scale numbers", "scale");
        assertTrue(both.contains(B + "\nreal numbers\n" + E), both);
        assertTrue(both.contains(BenchmarksDoc.begin("scale") + "\nscale numbers\n" + BenchmarksDoc.end("scale")), both);
        String again = BenchmarksDoc.merge(BenchmarksDoc.merge(both, "new real numbers"), "new scale numbers", "scale");
        assertTrue(again.contains("new real numbers") && again.contains("new scale numbers")
                && !again.contains("\nreal numbers") && !again.contains("\nscale numbers"), again);
    }
}
