package ledgerlearn.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class AutoBookTest {

    private static AutoBook recorded(double... probabilities) {
        AutoBook record = new AutoBook();
        for (double p : probabilities) {
            record.record(p);
        }
        return record;
    }

    private static double[] repeat(int n, double... pattern) {
        double[] all = new double[n * pattern.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = pattern[i % pattern.length];
        }
        return all;
    }

    @Test
    void booksFromTheLowestProbabilityAtWhichTheCompanysSuggestionsAreSureEnoughTogether() {
        // as many at 0.99 as at 0.8: from 0.99 up a mean of 0.99; from 0.8 up about 0.895
        AutoBook record = recorded(repeat(30, 0.99, 0.8));

        assertTrue(AutoBook.decide(record, 0.99, 0.95));
        assertTrue(AutoBook.decide(record, 0.9999, 0.95), "surer than any recorded");
        assertFalse(AutoBook.decide(record, 0.8, 0.95));
        assertTrue(AutoBook.decide(record, 0.8, 0.89));
        assertFalse(AutoBook.decide(record, 0.5, 0.89), "a bin none of the company's suggestions reached");
        assertTrue(AutoBook.decide(record, 0.96, 0.95), "sure enough by itself");
    }

    @Test
    void aCompanyWithTooShortARecordGetsOnlyWhatIsSureEnoughByItselfAndPrecisionZeroBooksNothing() {
        AutoBook young = recorded(repeat(5, 0.99, 0.8));

        assertFalse(AutoBook.decide(young, 0.8, 0.89), "ten suggestions weigh less than " + AutoBook.MIN_WEIGHT);
        assertTrue(AutoBook.decide(young, 0.9, 0.89));
        assertFalse(AutoBook.decide(null, 0.94, 0.95), "a company never seen");
        assertTrue(AutoBook.decide(null, 0.96, 0.95));
        assertFalse(AutoBook.decide(recorded(repeat(50, 0.999)), 0.999, 0));
    }

    @Test
    void oldSuggestionsFadeSoTheRecordFollowsTheCompany() {
        AutoBook record = recorded(repeat(1000, 0.6, 0.99));
        assertFalse(AutoBook.decide(record, 0.6, 0.9), "a mean of about 0.8 from 0.6 up");
        for (int i = 0; i < 5 * AutoBook.MEMORY; i++) {
            record.record(0.999);
        }
        record.record(0.6);

        // the old 0.6s weigh almost nothing now: one recent 0.6 among many 0.999
        assertTrue(AutoBook.decide(record, 0.6, 0.9));
    }
}
