package ledgerlearn.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ledgerlearn.sample.Sample;
import org.junit.jupiter.api.Test;

final class ScaleDatasetTest {

    private static List<Sample> all(ScaleDataset data) {
        List<Sample> rows = new ArrayList<>();
        for (Sample sample; (sample = data.next()) != null; ) {
            rows.add(sample);
        }
        return rows;
    }

    @Test
    void theSameSeedGivesTheSameStreamAndAnotherSeedAnother() throws IOException {
        assertEquals(all(new ScaleDataset(50, 20_000, 3)), all(new ScaleDataset(50, 20_000, 3)));
        assertNotEquals(all(new ScaleDataset(50, 20_000, 3)), all(new ScaleDataset(50, 20_000, 4)));
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        new ScaleDataset(20, 5_000, 9).write(first);
        new ScaleDataset(20, 5_000, 9).write(second);
        assertEquals(first.toString(StandardCharsets.UTF_8), second.toString(StandardCharsets.UTF_8));
        assertTrue(first.toString(StandardCharsets.UTF_8).startsWith(",CompanyId,BankEntryDate,BankEntryText,"));
    }

    @Test
    void holdsEveryCompanyOneAfterAnotherWithSkewedSizes() {
        ScaleDataset data = new ScaleDataset(1_000, 200_000, 5);
        Map<String, Integer> rows = new HashMap<>();
        List<String> order = new ArrayList<>();
        List<Sample> stream = all(data);
        for (Sample sample : stream) {
            if (rows.merge(sample.companyId(), 1, Integer::sum) == 1) {
                order.add(sample.companyId());
            }
        }
        assertEquals(200_000, stream.size());
        assertEquals(1_000, rows.size(), "every company has a row");
        // one after another: a company's rows never resume once another's began
        Set<String> done = new HashSet<>();
        String current = null;
        for (Sample sample : stream) {
            if (!sample.companyId().equals(current)) {
                assertTrue(done.add(sample.companyId()), sample.companyId() + " comes back");
                current = sample.companyId();
            }
        }
        List<Integer> sizes = new ArrayList<>(rows.values());
        sizes.sort(null);
        assertEquals(100_000, sizes.get(sizes.size() - 1), 1_000, "the largest holds half");
        assertTrue(sizes.get(sizes.size() - 2) > 50 * sizes.get(sizes.size() / 2), "a long tail: " + sizes.subList(990, 1000));
        assertNull(data.next());
    }

    @Test
    void booksEntriesAgainAndSplitsSomeOfThemAsTheRealFileDoes() {
        List<Sample> stream = all(new ScaleDataset(10, 50_000, 11));
        int repeats = 0;
        int splits = 0;
        for (int i = 1; i < stream.size(); i++) {
            Sample a = stream.get(i - 1);
            Sample b = stream.get(i);
            if (a.companyId().equals(b.companyId()) && a.date().equals(b.date()) && a.text().equals(b.text())
                    && a.amount().equals(b.amount())) {
                repeats++;
                splits += a.accountNumber().equals(b.accountNumber()) ? 0 : 1;
            }
        }
        assertTrue(repeats > 12_000 && repeats < 22_000, repeats + " repeats");
        assertTrue(splits > 500, splits + " splits");
        assertTrue(stream.get(0).date().compareTo(stream.get(100).date()) >= 0, "newest first within a company");
    }

    @Test
    void refusesFewerRowsThanCompanies() {
        assertThrows(IllegalArgumentException.class, () -> new ScaleDataset(10, 9, 1));
        assertThrows(IllegalArgumentException.class, () -> new ScaleDataset(0, 9, 1));
    }
}
