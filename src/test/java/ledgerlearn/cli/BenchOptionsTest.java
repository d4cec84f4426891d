package ledgerlearn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class BenchOptionsTest {

    @Test
    void defaultsRunEveryPhaseWithA64MegabyteServerHeap() throws UsageException {
        BenchOptions bench = BenchOptions.parse(new String[0], Map.of());
        assertEquals(Path.of("../shared/data/bank_expenses_obfuscated.csv.zip"), bench.data());
        assertEquals(Path.of("docs/BENCHMARKS.md"), bench.out());
        assertEquals(64L << 20, bench.serverHeapBytes());
        assertEquals(BenchOptions.PHASES, bench.phases());
        assertEquals(List.of(), bench.serverArgs());
        assertNull(bench.workDir());
    }

    @Test
    void splitsFlagListsOnWhitespaceAndKeepsPhasesInTableOrder() throws UsageException {
        BenchOptions bench = BenchOptions.parse(new String[] {"--server-args", " --alpha 0.01  --company-model 30 ",
                "--phases", "metrics,ingest", "--out", ""}, Map.of());
        assertEquals(List.of("--alpha", "0.01", "--company-model", "30"), bench.serverArgs());
        assertEquals(List.of("ingest", "metrics"), bench.phases());
        assertNull(bench.out(), "an empty --out prints only");
    }

    @Test
    void refusesServerArgsTheServerWouldRefuse() {
        UsageException e = assertThrows(UsageException.class,
                () -> BenchOptions.parse(new String[] {"--server-args", "--alpha zero"}, Map.of()));
        assertTrue(e.getMessage().startsWith("--server-args: --alpha: expected a positive number"), e.getMessage());
    }

    @Test
    void passesClientArgsToTheIngestAndRefusesOnesTheClientWouldRefuse() throws UsageException {
        assertEquals(List.of("--idempotency-keys", "false"),
                BenchOptions.parse(new String[] {"--client-args", "--idempotency-keys false"}, Map.of()).clientArgs());
        assertEquals(List.of(), BenchOptions.parse(new String[0], Map.of()).clientArgs());
        UsageException e = assertThrows(UsageException.class,
                () -> BenchOptions.parse(new String[] {"--client-args", "--idempotency-keys maybe"}, Map.of()));
        assertTrue(e.getMessage().startsWith("--client-args: --idempotency-keys:"), e.getMessage());
    }

    @Test
    void refusesAnUnknownPhase() {
        UsageException e = assertThrows(UsageException.class,
                () -> BenchOptions.parse(new String[] {"--phases", "ingest,warp"}, Map.of()));
        assertTrue(e.getMessage().contains("--phases: expected all or a comma-separated subset of ingest,growth"),
                e.getMessage());
    }

    @Test
    void takesTheHeapFromTheEnvironmentWhenNoFlagSetsIt() throws UsageException {
        assertEquals(128L << 20, BenchOptions.parse(new String[0], Map.of("LEDGERLEARN_BENCH_SERVER_HEAP", "128m")).serverHeapBytes());
    }

    @Test
    void theScalePhaseRunsAloneOnTheStreamsItIsGiven() throws UsageException {
        BenchOptions bench = BenchOptions.parse(new String[] {"--phases", "scale", "--scale-levels", "20x20000, 1000X3000000"},
                Map.of());
        assertTrue(bench.scale());
        assertEquals(List.of(new ledgerlearn.dataset.ScaleDataset.Size(20, 20_000), new ledgerlearn.dataset.ScaleDataset.Size(1000, 3_000_000)),
                bench.scaleLevels());
        assertEquals(List.of(new ledgerlearn.dataset.ScaleDataset.Size(100, 500_000), new ledgerlearn.dataset.ScaleDataset.Size(1_000, 2_000_000),
                new ledgerlearn.dataset.ScaleDataset.Size(10_000, 10_000_000)), BenchOptions.parse(new String[0], Map.of()).scaleLevels());
        assertTrue(!BenchOptions.parse(new String[0], Map.of()).scale(), "all is the real data set's phases");
        UsageException mixed = assertThrows(UsageException.class,
                () -> BenchOptions.parse(new String[] {"--phases", "ingest,scale"}, Map.of()));
        assertTrue(mixed.getMessage().contains("scale runs alone"), mixed.getMessage());
    }

    @Test
    void refusesAScaleLevelWithMoreCompaniesThanRowsOrNotCompaniesTimesRows() {
        for (String levels : new String[] {"100x50", "100", "x100", "ax100", "100x500000,"}) {
            UsageException e = assertThrows(UsageException.class,
                    () -> BenchOptions.parse(new String[] {"--scale-levels", levels}, Map.of()), levels);
            assertTrue(e.getMessage().startsWith("--scale-levels: \"") && e.getMessage().contains(
                    "\" is not COMPANIESxROWS with 1 <= COMPANIES <= ROWS"), e.getMessage());
        }
    }
}
