package ledgerlearn.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import ledgerlearn.sample.Sample;
import ledgerlearn.csv.Csv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class SyntheticDatasetTest {
    private static final String HEADER =
            ",CompanyId,BankEntryDate,BankEntryText,BankEntryAmount,AccountName,AccountNumber,AccountTypeName";
    private static final Pattern CODE = Pattern.compile("(str|int):[0-9a-f]{7}");

    @TempDir
    Path dir;

    @Test
    void sameSeedWritesByteIdenticalFiles() throws IOException {
        Path first = dir.resolve("first.csv");
        Path second = dir.resolve("second.csv");
        SyntheticDataset.write(first, 3_000, 99);
        SyntheticDataset.write(second, 3_000, 99);
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
    }

    @Test
    void otherSeedsWriteOtherData() throws IOException {
        assertFalse(Arrays.equals(generate(1_000, 1), generate(1_000, 2)));
    }

    @Test
    void committedFileIsWhatTheGeneratorWritesForTheShippedSeedAndRows() throws IOException {
        Path committed = Path.of("data", "synthetic-expenses.csv");
        assertTrue(Files.isRegularFile(committed), "run the tests from the project directory: " + committed.toAbsolutePath());
        assertArrayEquals(generate(SyntheticDataset.SHIPPED_ROWS, SyntheticDataset.SHIPPED_SEED),
                Files.readAllBytes(committed),
                "data/synthetic-expenses.csv differs from a fresh generation; regenerate it with SyntheticDataset.write("
                        + "Path.of(\"data/synthetic-expenses.csv\"), SHIPPED_ROWS, SHIPPED_SEED)");
    }

    @Test
    void shippedFileStaysSmall() throws IOException {
        assertTrue(Files.size(Path.of("data", "synthetic-expenses.csv")) < 2_000_000);
    }

    @Test
    void writesTheRealDataSetsHeaderAndValueFormats() throws IOException {
        byte[] bytes = generate(5_000, 3);
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertTrue(text.startsWith(HEADER + "\n"), text.substring(0, 200));
        List<Sample> rows = parse(bytes);
        assertEquals(5_000, rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Sample row = rows.get(i);
            assertEquals(Integer.toString(i), row.index());
            assertTrue(row.companyId().matches("int:[0-9a-f]{7}"), row.companyId());
            assertTrue(row.date().matches("201[456]-\\d\\d-\\d\\d"), row.date());
            String[] tokens = row.text().split(" ");
            assertTrue(tokens.length >= 1 && tokens.length <= 6, row.text());
            for (String token : tokens) {
                assertTrue(CODE.matcher(token).matches(), token);
            }
            assertTrue(SyntheticDataset.AMOUNT_BUCKETS.contains(row.amount()), row.amount());
            assertTrue(row.accountName().matches("str:[0-9a-f]{7}"), row.accountName());
            assertTrue(row.accountNumber().matches("\\d{4}"), row.accountNumber());
            assertTrue(List.of("Balance", "Profit and Loss").contains(row.accountTypeName()), row.accountTypeName());
        }
        assertEquals("2014", rows.get(0).date().substring(0, 4));
        assertEquals("2016", rows.get(rows.size() - 1).date().substring(0, 4));
    }

    @Test
    void keepsEachAccountsNameAndTypeFixed() throws IOException {
        Map<String, String> nameAndType = new HashMap<>();
        for (Sample row : parse(generate(5_000, 4))) {
            String seen = nameAndType.putIfAbsent(row.accountNumber(), row.accountName() + "/" + row.accountTypeName());
            if (seen != null) {
                assertEquals(seen, row.accountName() + "/" + row.accountTypeName(), "account " + row.accountNumber());
            }
        }
    }

    @Test
    void hasAboutTwentyCompaniesOfWhichOneDominates() throws IOException {
        Map<String, Integer> sizes = new HashMap<>();
        parse(generate(SyntheticDataset.SHIPPED_ROWS, 5)).forEach(row -> sizes.merge(row.companyId(), 1, Integer::sum));
        List<Integer> descending = new ArrayList<>(sizes.values());
        descending.sort((a, b) -> b - a);
        assertEquals(20, descending.size());
        assertTrue(descending.get(0) > 2 * descending.get(1), descending.toString());
        assertTrue(descending.get(19) >= 50, descending.toString());
    }

    @Test
    void naiveBayesLearnsItWellAboveTheMajorityBaselineButNotPerfectly() throws IOException {
        List<Sample> rows = parse(generate(SyntheticDataset.SHIPPED_ROWS, SyntheticDataset.SHIPPED_SEED));
        int split = rows.size() * 3 / 4;
        TinyNaiveBayes model = new TinyNaiveBayes();
        rows.subList(0, split).forEach(model::learn);
        String majority = model.majority();
        List<Sample> test = rows.subList(split, rows.size());
        double baseline = test.stream().filter(row -> row.accountNumber().equals(majority)).count() / (double) test.size();
        double accuracy = test.stream().filter(row -> row.accountNumber().equals(model.predict(row))).count()
                / (double) test.size();
        assertTrue(baseline < 0.3, "majority baseline " + baseline);
        assertTrue(accuracy > baseline + 0.4, "accuracy " + accuracy + " vs baseline " + baseline);
        assertTrue(accuracy < 0.95, "accuracy " + accuracy);
    }

    @Test
    void writesOnlyTheHeaderForNoRowsAndRefusesNegativeCounts() throws IOException {
        assertEquals(HEADER + "\n", new String(generate(0, 1), StandardCharsets.UTF_8));
        assertThrows(IllegalArgumentException.class, () -> generate(-1, 1));
    }

    private static byte[] generate(int rows, long seed) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SyntheticDataset.write(out, rows, seed);
        return out.toByteArray();
    }

    private static List<Sample> parse(byte[] bytes) throws IOException {
        Csv.Reader reader = new Csv.Reader(new ByteArrayInputStream(bytes));
        reader.next();
        List<Sample> rows = new ArrayList<>();
        for (String[] fields = reader.next(); fields != null; fields = reader.next()) {
            rows.add(Sample.ofValues(fields));
        }
        return rows;
    }

    /** Multinomial naive Bayes with add-one smoothing over company, tokens, amount and month: just enough to judge. */
    private static final class TinyNaiveBayes {
        private final Map<String, Integer> classCounts = new HashMap<>();
        private final Map<String, Map<String, Integer>> featureCounts = new HashMap<>();
        private final Map<String, Integer> featureTotals = new HashMap<>();
        private final Map<String, Boolean> vocabulary = new HashMap<>();
        private int samples;

        void learn(Sample row) {
            String label = row.accountNumber();
            samples++;
            classCounts.merge(label, 1, Integer::sum);
            Map<String, Integer> counts = featureCounts.computeIfAbsent(label, key -> new HashMap<>());
            for (String feature : features(row)) {
                counts.merge(feature, 1, Integer::sum);
                featureTotals.merge(label, 1, Integer::sum);
                vocabulary.put(feature, true);
            }
        }

        String predict(Sample row) {
            String best = null;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (Map.Entry<String, Integer> entry : classCounts.entrySet()) {
                String label = entry.getKey();
                double score = Math.log(entry.getValue() / (double) samples);
                Map<String, Integer> counts = featureCounts.get(label);
                for (String feature : features(row)) {
                    if (vocabulary.containsKey(feature)) {
                        score += Math.log((counts.getOrDefault(feature, 0) + 1.0)
                                / (featureTotals.get(label) + vocabulary.size()));
                    }
                }
                if (score > bestScore) {
                    bestScore = score;
                    best = label;
                }
            }
            return best;
        }

        String majority() {
            return classCounts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        }

        private static List<String> features(Sample row) {
            List<String> features = new ArrayList<>();
            features.add("company=" + row.companyId());
            features.add("amount=" + row.amount());
            features.add("month=" + row.date().substring(5, 7));
            for (String token : row.text().split(" ")) {
                features.add("token=" + token);
            }
            return features;
        }
    }
}
