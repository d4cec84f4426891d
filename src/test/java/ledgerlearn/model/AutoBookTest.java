package ledgerlearn.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class AutoBookTest {

    @Test
    void booksFromTheLowestProbabilityAtWhichTheWindowsSuggestionsAreSureEnoughTogether() {
        AutoBook book = new AutoBook();
        for (int i = 0; i < 10; i++) {
            book.record(0.99);
            book.record(0.6);
        }

        // from 0.99 up: a mean of 0.99; from 0.6 up: (10 x 0.99 + 10 x 0.6) / 20 = 0.795
        assertTrue(book.decide(0.99, 0.9));
        assertTrue(book.decide(0.999, 0.9), "a higher probability than any seen");
        assertFalse(book.decide(0.6, 0.9));
        assertFalse(book.decide(0.85, 0.9), "between: below the lowest bin that kept the precision");
        assertTrue(book.decide(0.9, 0.9), "as sure as the precision: booking it alone keeps it");
        assertTrue(book.decide(0.6, 0.79));
        assertFalse(book.decide(0.5, 0.79), "a bin no suggestion has reached");
    }

    @Test
    void booksOnlyWhatIsSureEnoughByItselfBeforeAnySuggestionAndNothingAtPrecisionZero() {
        AutoBook book = new AutoBook();
        assertFalse(book.decide(0.94, 0.95));
        assertTrue(book.decide(0.96, 0.95));
        book.record(0.6);
        book.record(0.99);
        book.record(0.99);
        assertTrue(book.decide(0.9, 0.85), "from the bin of 0.99 up: 0.99; from 0.6 up: 0.86");
        assertFalse(book.decide(0.99, 0));
    }

    @Test
    void forgetsSuggestionsThatLeftTheWindow() {
        AutoBook book = new AutoBook();
        for (int i = 0; i < AutoBook.WINDOW; i++) {
            book.record(0.97);
        }
        assertTrue(book.decide(0.97, 0.95));
        for (int i = 0; i < AutoBook.WINDOW; i++) {
            book.record(0.9);
        }
        assertFalse(book.decide(0.9, 0.95));
        assertFalse(book.decide(0.94, 0.95), "no bin of the window is sure enough, nor is it");
    }
}
