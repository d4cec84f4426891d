package ledgerlearn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ledgerlearn.sample.Transaction;
import org.junit.jupiter.api.Test;

final class FeaturesTest {
    /** The plain model's features: company, tokens, amount, month. */
    private static final ModelOptions OPTIONS = new ModelOptions(1.0, true, false, 20);
    private static final Transaction TRANSACTION =
            new Transaction("int:a055470", "2016-02-29", "str:6cd08e4 int:49fed34", "> -1000");

    private static int bucket(String feature) {
        return Features.bucket(feature, OPTIONS.hashBits());
    }

    @Test
    void hashesCompanyTokensAmountAndMonthWithTheirNamespaces() {
        int[] expected = {
            bucket("c\u0001int:a055470"),
            bucket("t\u0001str:6cd08e4"),
            bucket("t\u0001int:49fed34"),
            bucket("a\u0001> -1000"),
            bucket("m\u000102"),
        };
        assertArrayEquals(expected, Features.of(TRANSACTION, OPTIONS));
    }

    @Test
    void addsCompanyTokenCrossesOnlyWhenEnabled() {
        int[] ids = Features.of(TRANSACTION, OPTIONS.withCrosses(true));
        assertEquals(7, ids.length);
        assertEquals(bucket("x\u0001int:a055470\u0001str:6cd08e4"), ids[5]);
        assertEquals(bucket("x\u0001int:a055470\u0001int:49fed34"), ids[6]);
    }

    @Test
    void leavesOutTheMonthWhenDisabled() {
        int[] ids = Features.of(TRANSACTION, OPTIONS.withMonth(false));
        assertEquals(4, ids.length);
        assertEquals(bucket("a\u0001> -1000"), ids[3]);
    }

    @Test
    void treatsNullValuesAsAbsentFeatures() {
        Transaction onlyText = new Transaction(null, null, "str:6cd08e4", null);
        assertArrayEquals(new int[] {bucket("t\u0001str:6cd08e4")},
                Features.of(onlyText, OPTIONS.withCrosses(true)));
        assertEquals(0, Features.of(new Transaction(null, null, null, null), OPTIONS).length);
    }

    @Test
    void countsARepeatedTokenTwice() {
        int[] ids = Features.of(new Transaction(null, null, "str:rent str:rent", null), OPTIONS);
        assertArrayEquals(new int[] {bucket("t\u0001str:rent"), bucket("t\u0001str:rent")}, ids);
    }

    @Test
    void splitsTextOnAnyRunOfWhitespace() {
        int[] ids = Features.of(new Transaction(null, null, "  a\tb \n\n c ", null), OPTIONS);
        assertArrayEquals(new int[] {bucket("t\u0001a"), bucket("t\u0001b"), bucket("t\u0001c")}, ids);
        assertEquals(0, Features.of(new Transaction(null, null, " \t ", null), OPTIONS).length);
    }

    @Test
    void keepsTheSameBucketsAcrossRunsAndMachines() {
        // Literals pin the hash: a change would silently change every persisted model's meaning.
        assertEquals(89091, Features.bucket("t\u0001str:6cd08e4", 20));
        assertEquals(132283845, Features.bucket("c\u0001int:a055470", 28));
    }

    @Test
    void keepsBucketsWithinHashBitsAndSpreadsThemEvenly() {
        int bits = 8;
        int[] perBucket = new int[1 << bits];
        int features = 1 << 16;
        for (int i = 0; i < features; i++) {
            int b = Features.bucket("t\u0001str:" + Integer.toHexString(i), bits);
            assertTrue(b >= 0 && b < perBucket.length, "bucket " + b);
            perBucket[b]++;
        }
        int expected = features / perBucket.length;
        for (int count : perBucket) {
            assertTrue(count > expected * 3 / 4 && count < expected * 5 / 4, "bucket count " + count);
        }
    }

    @Test
    void companyModelListsGlobalFeaturesThenEachOnesCompanyTwin() {
        ModelOptions options = OPTIONS.withCompanyModel(100);
        int[] expected = {
            bucket("t\u0001str:6cd08e4"),
            bucket("t\u0001int:49fed34"),
            bucket("a\u0001> -1000"),
            bucket("m\u000102"),
            bucket("x\u0001int:a055470\u0001str:6cd08e4"),
            bucket("x\u0001int:a055470\u0001int:49fed34"),
            bucket("y\u0001int:a055470\u0001> -1000"),
            bucket("z\u0001int:a055470\u000102"),
        };
        assertArrayEquals(expected, Features.of(TRANSACTION, options));
        assertEquals(4, Features.globalCount(TRANSACTION, options, expected.length));
    }

    @Test
    void companyModelHasNoTwinsWithoutACompany() {
        ModelOptions options = OPTIONS.withCompanyModel(100).withMonth(false);
        Transaction noCompany = new Transaction(null, "2016-02-29", "str:6cd08e4", "> -1000");
        int[] ids = Features.of(noCompany, options);
        assertArrayEquals(new int[] {bucket("t\u0001str:6cd08e4"), bucket("a\u0001> -1000")}, ids);
        assertEquals(2, Features.globalCount(noCompany, options, ids.length));
        assertEquals(5, Features.globalCount(TRANSACTION, OPTIONS, 5), "without a company model every feature is global");
    }

    @Test
    void exactKeySeparatesFieldBoundariesAndNeedsAllThree() {
        long key = Features.exactKey(new Transaction("int:a", "2016-01-01", "b c", "d"));
        assertEquals(key, Features.exactKey(new Transaction("int:a", "2020-12-31", "b c", "d")));
        assertNotEquals(key, Features.exactKey(new Transaction("int:a b", "2016-01-01", "c", "d")));
        assertNotEquals(key, Features.exactKey(new Transaction("int:a", "2016-01-01", "b", "c d")));
        assertNotEquals(0, key);
        assertEquals(0, Features.exactKey(new Transaction("int:a", "2016-01-01", null, "d")));
    }
}
