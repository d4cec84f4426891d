package ledgerlearn.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import ledgerlearn.cli.BenchOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ScaleBenchTest {

    @Test
    void meanCompanyAccuracyWeighsEveryCompanyAlikeAndSkipsRowsWithoutAPrediction(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("samples.csv");
        Files.writeString(store, String.join("\n",
                ",CompanyId,BankEntryDate,BankEntryText,BankEntryAmount,AccountName,AccountNumber,AccountTypeName,PredictedAccountNumber,PredictedProbability",
                "0,big,2016-01-01,a,< 100,n,1,t,,",
                "1,big,2016-01-01,a,< 100,n,1,t,1,0.9",
                "2,big,2016-01-01,a,< 100,n,1,t,1,0.9",
                "3,big,2016-01-01,a,< 100,n,1,t,1,0.9",
                "4,big,2016-01-01,a,< 100,n,2,t,1,0.9",
                "5,small,2016-01-01,a,< 100,n,3,t,,",
                "6,small,2016-01-01,a,< 100,n,3,t,4,0.5",
                ""));
        // big: 3 of 4 scored rows right; small: 0 of 1
        assertEquals((0.75 + 0) / 2, ScaleBench.meanCompanyAccuracy(store), 1e-12);
    }

    @Test
    void aScaleRunMeasuresEachStreamAndWritesItsOwnPartOfTheBenchmarksFile(@TempDir Path dir) throws Exception {
        Path doc = dir.resolve("BENCHMARKS.md");
        Files.writeString(doc, "# Benchmarks\n\n" + BenchmarksDoc.merge(null, "real-data numbers"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        BenchOptions options = BenchOptions.parse(new String[] {"--phases", "scale", "--scale-levels", "10x3000",
                "--duration", "1", "--out", doc.toString(), "--work-dir", dir.resolve("work").toString()}, Map.of());
        int exit = Bench.run(options, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String table = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, err.toString(StandardCharsets.UTF_8) + table);
        assertTrue(table.startsWith("## Latest scale run"), table);
        assertTrue(table.contains("10 companies × 3,000 rows: ingest over HTTP"), table);
        assertTrue(table.matches("(?s).*[\\d.]+ s on the snapshot \\(median of 3 starts: [\\d.]+, [\\d.]+, [\\d.]+ s\\).*"), table);
        assertTrue(table.contains("all hold every row and answer the same"), table);
        assertTrue(table.matches("(?s).*0 of [\\d,]+ distinct feature and memory keys shared.*"), table);
        String written = Files.readString(doc);
        assertTrue(written.contains("real-data numbers") && written.contains(BenchmarksDoc.begin("scale")), written);
    }
}
