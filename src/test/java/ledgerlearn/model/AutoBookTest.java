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
    void booksFromTheLowestProbabilityAtWhichTheLatestSuggestionsAreSureEnoughTogether() {
        // as many at 0.99 as at 0.8: from 0.99 up a mean of 0.99; from 0.8 up about 0.895
        AutoBook record = recorded(repeat(30, 0.99, 0.8));

        assertTrue(record.decide(0.99, 0.95));
        assertTrue(record.decide(0.9999, 0.95), "surer than any recorded");
        assertFalse(record.decide(0.8, 0.95));
        assertTrue(record.decide(0.8, 0.89));
        assertFalse(record.decide(0.5, 0.89), "a bin none of the latest suggestions reached");
        assertTrue(record.decide(0.96, 0.95), "sure enough by itself");
    }

    @Test
    void aTooShortRecordBooksOnlyWhatIsSureEnoughByItselfAndPrecisionZeroBooksNothing() {
        AutoBook young = recorded(repeat(5, 0.99, 0.8));

        assertFalse(young.decide(0.8, 0.89), "ten suggestions weigh less than " + AutoBook.MIN_WEIGHT);
        assertTrue(young.decide(0.9, 0.89));
        assertFalse(new AutoBook().decide(0.94, 0.95), "an empty record");
        assertTrue(new AutoBook().decide(0.96, 0.95));
        assertFalse(recorded(repeat(50, 0.999)).decide(0.999, 0));
    }

    @Test
    void oldSuggestionsFadeSoTheRecordFollowsTheModel() {
        AutoBook record = recorded(repeat(1000, 0.6, 0.99));
        assertFalse(record.decide(0.6, 0.9), "a mean of about 0.8 from 0.6 up");
        for (int i = 0; i < 5 * AutoBook.MEMORY; i++) {
            record.record(0.999);
        }
        record.record(0.6);

        // the old 0.6s weigh almost nothing now: one recent 0.6 among many 0.999
        assertTrue(record.decide(0.6, 0.9));
    }
    @Test
    void aSuggestionInTheLowestBinThatKeepsThePrecisionIsBookedAndOneBelowItIsNot() {
        // half at 0.9, half at 0.999: from 0.9's bin up a mean of about 0.95
        AutoBook record = recorded(repeat(50, 0.9, 0.999));

        assertTrue(record.decide(0.9, 0.94), "less sure than asked, but in the bin that keeps the precision");
        assertFalse(record.decide(0.88, 0.94), "the bin below, which holds no suggestion");
        assertFalse(record.decide(0.9, 0.96));
        assertTrue(new AutoBook().decide(0.95, 0.95), "exactly as sure as asked");
    }

    @Test
    void aSuggestionMoreLikelyWrongThanRightIsNeverBookedOnTheRecordOfSurerOnes() {
        // one in ten at 0.45, the rest at 0.9999: from 0.45's bin up a mean of about 0.945
        AutoBook record = recorded(repeat(10, 0.45, 0.9999, 0.9999, 0.9999, 0.9999, 0.9999, 0.9999, 0.9999, 0.9999, 0.9999));

        assertFalse(record.decide(0.45, 0.9), "below " + AutoBook.FLOOR + ", whatever the record");
        assertTrue(record.decide(0.55, 0.9), "above the floor, the record decides");
        assertTrue(record.decide(0.45, 0.4), "as sure as asked by itself");
    }

    @Test
    void aRecordHasTheWeightOfTwentySuggestionsOnlyOnceTheirFadedWeightsReachIt() {
        // twenty suggestions weigh 1 + KEEP + ... + KEEP^19, just under twenty; the 21st lifts it over
        AutoBook record = recorded(repeat(10, 0.9, 0.999));
        assertFalse(record.decide(0.9, 0.94));
        record.record(0.9);
        assertTrue(record.decide(0.9, 0.94));
    }

    @Test
    void aLongRunOfSureSuggestionsOutweighsOldUnsureOnes() {
        AutoBook record = recorded(repeat(1000, 0.6));
        for (int i = 0; i < 5 * AutoBook.MEMORY; i++) {
            record.record(0.999);
        }
        record.record(0.6);

        // unfaded, the thousand 0.6s would keep the mean from 0.6 up near 0.885
        assertTrue(record.decide(0.6, 0.99));
    }
    @Test
    void equalRecordsHaveEqualDigestsAndAnyDifferenceShows() {
        assertEquals(recorded(0.9, 0.5).digest(1), recorded(0.9, 0.5).digest(1));
        assertNotEquals(recorded(0.9, 0.5).digest(1), recorded(0.5, 0.9).digest(1), "the older one faded");
        assertNotEquals(recorded(0.9, 0.5).digest(1), recorded(0.9, 0.51).digest(1), "the same bins");
        assertNotEquals(recorded(0.9).digest(1), recorded(0.9).digest(2));
    }
}
