package ledgerlearn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import ledgerlearn.sample.Transaction;
import org.junit.jupiter.api.Test;

final class FeaturesTest {
    private static final Transaction TRANSACTION =
            new Transaction("int:a055470", "2016-02-29", "str:6cd08e4 int:49fed34", "> -1000");

    @Test
    void encodesEachTokenThenTheAmountFollowedByTheirCompanyTwins() {
        Encoded encoded = Features.encode(TRANSACTION);

        assertEquals(3, encoded.globals());
        assertEquals(2, encoded.tokens());
        assertEquals(6, encoded.keys().length);
        assertTrue(encoded.hasTwins());
        assertEquals(Features.tokenKey("str:6cd08e4"), encoded.keys()[0]);
        assertEquals(Features.tokenKey("int:49fed34"), encoded.keys()[1]);
        Set<Long> distinct = new HashSet<>();
        for (long key : encoded.keys()) {
            distinct.add(key);
        }
        assertEquals(6, distinct.size(), "globals and twins are distinct features");
    }

    @Test
    void aTokensGlobalKeyIsTheSameInEveryCompanyAndItsTwinIsNot() {
        Encoded a = Features.encode(TRANSACTION);
        Encoded b = Features.encode(new Transaction("int:other", "2016-02-29", "str:6cd08e4 int:49fed34", "> -1000"));

        assertEquals(a.keys()[0], b.keys()[0]);
        assertEquals(a.keys()[2], b.keys()[2], "the amount");
        assertNotEquals(a.keys()[3], b.keys()[3]);
        assertNotEquals(a.companyKey(), b.companyKey());
        assertNotEquals(a.exactKey(), b.exactKey());
    }

    @Test
    void anAbsentCompanyHasNoTwinsAndNoMemoryKeys() {
        Encoded encoded = Features.encode(new Transaction(null, null, "str:a str:a", null));

        assertEquals(2, encoded.keys().length);
        assertEquals(encoded.keys()[0], encoded.keys()[1], "a repeated token repeats its key");
        assertEquals(0, encoded.companyKey());
        assertEquals(0, encoded.exactKey());
        assertEquals(0, encoded.textKey());
        assertEquals(0, encoded.entryKey());
    }

    @Test
    void theMemoriesKeysSeeWhatTheyAreAbout() {
        Encoded base = Features.encode(TRANSACTION);
        Encoded otherDate = Features.encode(new Transaction("int:a055470", "2016-03-01", "str:6cd08e4 int:49fed34", "> -1000"));
        Encoded otherAmount = Features.encode(new Transaction("int:a055470", "2016-02-29", "str:6cd08e4 int:49fed34", "> -100"));

        assertEquals(base.exactKey(), otherDate.exactKey(), "text and amount, not the date");
        assertNotEquals(base.entryKey(), otherDate.entryKey(), "the bank entry has its date");
        assertNotEquals(base.exactKey(), otherAmount.exactKey());
        assertEquals(base.textKey(), otherAmount.textKey(), "the text alone");
        assertNotEquals(base.textKey(), base.exactKey());
    }

    @Test
    void anAbsentValueDiffersFromAnEmptyOne() {
        Encoded absent = Features.encode(new Transaction("int:a", null, "", "> -1000"));
        Encoded empty = Features.encode(new Transaction("int:a", "", "", "> -1000"));

        assertNotEquals(absent.entryKey(), empty.entryKey());
        assertEquals(0, Features.encode(new Transaction("int:a", null, "", null)).exactKey());
        assertNotEquals(0, Features.encode(new Transaction("int:a", null, "", "> -1")).exactKey(), "an empty text is a text");
    }

    @Test
    void splitKeysTellTextsAndPreviousAccountsApart() {
        Encoded e = Features.encode(TRANSACTION);
        long withText = Features.splitKey(e.companyHash(), 3, e.textHash());
        long anyText = Features.splitKey(e.companyHash(), 3, 0);

        assertNotEquals(withText, anyText);
        assertNotEquals(anyText, Features.splitKey(e.companyHash(), 4, 0));
        assertNotEquals(withText, Features.splitKey(Features.encode(new Transaction("int:b", null, TRANSACTION.text(), null)).companyHash(), 3, e.textHash()));
    }

    @Test
    void countsWhitespaceSeparatedTokens() {
        assertEquals(0, Features.countTokens(""));
        assertEquals(0, Features.countTokens("  \t "));
        assertEquals(3, Features.countTokens(" a  b\tc "));
    }
    @Test
    void whitespaceAroundAndBetweenTokensChangesNoKey() {
        Encoded spaced = Features.encode(new Transaction("int:a", null, " \tstr:6cd08e4   int:49fed34 \n", "> -1000"));
        Encoded plain = Features.encode(new Transaction("int:a", null, "str:6cd08e4 int:49fed34", "> -1000"));

        assertEquals(2, spaced.tokens());
        assertArrayEquals(plain.keys(), spaced.keys());
        assertArrayEquals(Features.encode(new Transaction(null, null, "str:a", null)).keys(),
                Features.encode(new Transaction(null, null, "str:a ", null)).keys(), "no amount after the text");
    }

    @Test
    void aSplitKeyWithTextTellsTextsApart() {
        Encoded e = Features.encode(TRANSACTION);
        long other = Features.encode(new Transaction("int:a055470", null, "str:other", null)).textHash();

        assertNotEquals(Features.splitKey(e.companyHash(), 3, e.textHash()), Features.splitKey(e.companyHash(), 3, other));
    }

    @Test
    void keysAreThoseWrittenSnapshotsHold() {
        // a snapshot stores what was learnt by feature key: keys that changed would leave every snapshot
        // written before answering from the wrong counts, so a feature's key is fixed once and for all
        Encoded e = Features.encode(TRANSACTION);

        assertArrayEquals(new long[] {-263093408755029980L, -690132627779754309L, -7583234669009476274L,
            -2957365714500276032L, -2776961436686636383L, -6101988852003109962L}, e.keys());
        assertArrayEquals(new long[] {2037734342790735268L, 5367370720220299488L, 6435017113132504341L,
            4001055943593720518L}, new long[] {e.companyKey(), e.exactKey(), e.textKey(), e.entryKey()});
        assertEquals(1058412887191845513L, Features.splitKey(e.companyHash(), 3, e.textHash()));
        assertEquals(-5423531596624810845L, Features.splitKey(e.companyHash(), 3, 0));
    }
}
