package ledgerlearn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
    @Test
    void aSuggestionInTheLowestBinThatKeepsThePrecisionIsBookedAndOneBelowItIsNot() {
        // half at 0.9, half at 0.999: from 0.9's bin up a mean of about 0.95
        AutoBook record = recorded(repeat(50, 0.9, 0.999));

        assertTrue(AutoBook.decide(record, 0.9, 0.94), "less sure than asked, but in the bin that keeps the precision");
        assertFalse(AutoBook.decide(record, 0.88, 0.94), "the bin below, which holds no suggestion");
        assertFalse(AutoBook.decide(record, 0.9, 0.96));
        assertTrue(AutoBook.decide(null, 0.95, 0.95), "exactly as sure as asked");
    }

    @Test
    void theLeastSureBinCountsToo() {
        // half at 0.1 (the lowest bin), half at 0.999: a mean of about 0.55 over all
        AutoBook record = recorded(repeat(50, 0.1, 0.999));

        assertTrue(AutoBook.decide(record, 0.1, 0.5));
        assertFalse(AutoBook.decide(record, 0.1, 0.6));
    }

    @Test
    void aRecordHasTheWeightOfTwentySuggestionsOnlyOnceTheirFadedWeightsReachIt() {
        // twenty suggestions weigh 1 + KEEP + ... + KEEP^19, just under twenty; the 21st lifts it over
        AutoBook record = recorded(repeat(10, 0.9, 0.999));
        assertFalse(AutoBook.decide(record, 0.9, 0.94));
        record.record(0.9);
        assertTrue(AutoBook.decide(record, 0.9, 0.94));
    }

    @Test
    void aLongRunOfSureSuggestionsOutweighsOldUnsureOnes() {
        AutoBook record = recorded(repeat(1000, 0.6));
        for (int i = 0; i < 5 * AutoBook.MEMORY; i++) {
            record.record(0.999);
        }
        record.record(0.6);

        // unfaded, the thousand 0.6s would keep the mean from 0.6 up near 0.885
        assertTrue(AutoBook.decide(record, 0.6, 0.99));
    }
    @Test
    void equalRecordsHaveEqualDigestsAndAnyDifferenceShows() {
        assertEquals(recorded(0.9, 0.5).digest(1), recorded(0.9, 0.5).digest(1));
        assertNotEquals(recorded(0.9, 0.5).digest(1), recorded(0.5, 0.9).digest(1), "the older one faded");
        assertNotEquals(recorded(0.9, 0.5).digest(1), recorded(0.9, 0.51).digest(1), "the same bins");
        assertNotEquals(recorded(0.9).digest(1), recorded(0.9).digest(2));
    }
}
