package ledgerlearn.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class AutoBookTest {

    @Test
    void booksFromTheLowestProbabilityAtWhichTheWindowWasRightOftenEnough() {
        AutoBook book = new AutoBook();
        for (int i = 0; i < 10; i++) {
            book.record(0.99, true);
            book.record(0.6, i % 2 == 0);
        }

        // from 0.99 up: 10 of 10 right; from 0.6 up: 15 of 20
        assertTrue(book.decide(0.99, 0.9));
        assertTrue(book.decide(0.999, 0.9), "a higher probability than any seen");
        assertFalse(book.decide(0.6, 0.9));
        assertFalse(book.decide(0.9, 0.9), "between: below the lowest bin that kept the precision");
        assertTrue(book.decide(0.6, 0.75));
        assertFalse(book.decide(0.5, 0.75), "a bin no outcome has reached");
    }

    @Test
    void neverBooksBeforeAnyOutcomeNorAtPrecisionZero() {
        AutoBook book = new AutoBook();
        assertFalse(book.decide(0.999999, 0.95));
        book.record(0.99, true);
        assertTrue(book.decide(0.99, 0.95));
        assertFalse(book.decide(0.99, 0));
    }

    @Test
    void forgetsOutcomesThatLeftTheWindow() {
        AutoBook book = new AutoBook();
        for (int i = 0; i < AutoBook.WINDOW; i++) {
            book.record(0.99, false);
        }
        assertFalse(book.decide(0.99, 0.95));
        for (int i = 0; i < AutoBook.WINDOW; i++) {
            book.record(0.99, true);
        }
        assertTrue(book.decide(0.99, 0.95));
    }
}
