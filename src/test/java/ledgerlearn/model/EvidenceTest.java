package ledgerlearn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import ledgerlearn.sample.Transaction;
import org.junit.jupiter.api.Test;

final class EvidenceTest {
    private static final double ALPHA = 0.3;
    private static final double MU = 100;

    /** The sources the evidence reads, learnt by hand: the naive Bayes as the model learns it, memories as set. */
    private static final class World {
        final FeatureIds ids = new FeatureIds(10_000);
        final NaiveBayes bayes = new NaiveBayes(ALPHA, MU, 10_000);
        final KeyedCounts exact = new KeyedCounts(100);
        final KeyedCounts text = new KeyedCounts(100);
        final KeyedCounts splits = new KeyedCounts(100);
        final LinearScorer linear = new LinearScorer(0.5, 0.01, 1000);
        int[] lastByTwin = new int[1024];

        /** Learns one booking into the naive Bayes and remembers the class of each company token; returns its class. */
        int learn(String company, String text, String amount, String account) {
            Encoded encoded = Features.encode(new Transaction(company, "2016-01-01", text, amount));
            int[] featureIds = new int[encoded.keys().length];
            for (int i = 0; i < featureIds.length; i++) {
                featureIds[i] = ids.intern(encoded.keys()[i]);
            }
            int c = bayes.learn(encoded, featureIds, account);
            if (encoded.hasTwins()) {
                for (int i = 0; i < encoded.tokens(); i++) {
                    lastByTwin[featureIds[encoded.globals() + i]] = c + 1;
                }
            }
            return c;
        }

        int[] idsOf(Encoded encoded) {
            int[] found = new int[encoded.keys().length];
            for (int i = 0; i < found.length; i++) {
                found[i] = ids.find(encoded.keys()[i]);
            }
            return found;
        }

        Evidence.Candidates gather(Transaction query, int... linearFeatures) {
            Encoded encoded = Features.encode(query);
            Evidence.Sources sources = new Evidence.Sources(bayes, exact, text, splits, linear, lastByTwin);
            return Evidence.gather(sources, encoded, idsOf(encoded), linearFeatures, false, new Evidence.Scratch());
        }

        /** The naive Bayes probability of each class the query may get, as {@link NaiveBayes#scores} and a softmax give it. */
        double[] probabilities(Transaction query, int[] all) {
            Encoded encoded = Features.encode(query);
            double[] p = new double[all.length];
            bayes.scores(encoded, idsOf(encoded), bayes.company(query.companyId()), all, all.length, p, false,
                    new Evidence.Scratch());
            Evidence.softmax(p, p.length);
            return p;
        }
    }

    private static double at(Evidence.Candidates candidates, int row, int column) {
        return candidates.rows()[row * Evidence.SIZE + column];
    }

    /** The evidence {@code column} of class {@code c}'s row. */
    private static double of(Evidence.Candidates candidates, int c, int column) {
        return at(candidates, rowOf(candidates, c), column);
    }

    private static int rowOf(Evidence.Candidates candidates, int c) {
        for (int i = 0; i < candidates.size(); i++) {
            if (candidates.classes()[i] == c) {
                return i;
            }
        }
        throw new AssertionError("class " + c + " is not a candidate");
    }

    private static double[] column(Evidence.Candidates candidates, int column, int... classes) {
        double[] values = new double[classes.length];
        for (int i = 0; i < classes.length; i++) {
            values[i] = of(candidates, classes[i], column);
        }
        return values;
    }

    private static double log(double x) {
        return Math.log(x);
    }

    /**
     * Company a books 4000 (class 0) eleven times, 6700 (class 1) twice and 6900 (class 2) once, in the order
     * below; company b books 1000 (class 3).
     */
    private static World habits() {
        World world = new World();
        for (int i = 0; i < 10; i++) {
            world.learn("int:a", "str:rent", "> -1000", "4000");
        }
        world.learn("int:a", "str:coffee str:rent", "> -100", "6700");
        world.learn("int:a", "str:rent", "> -1000", "4000");
        world.learn("int:a", "str:phone", "> -100", "6900");
        world.learn("int:a", "str:coffee", "> -100", "6700");
        world.learn("int:b", "str:rent", "> -1000", "1000");
        return world;
    }

    private static final Transaction HABIT_QUERY =
            new Transaction("int:a", "2016-06-01", "str:coffee str:rent str:rent str:unseen", "> -100");

    @Test
    void aKnownCompanysCandidatesAreItsOwnAccountsWithTheirNaiveBayesProbabilitiesAndRanks() {
        World world = habits();
        Evidence.Candidates candidates = world.gather(HABIT_QUERY, LinearScorer.BIAS);

        assertTrue(candidates.companyKnown());
        assertEquals(3, candidates.size(), "4000, 6700 and 6900; company b's 1000 is not company a's");
        assertEquals(3, candidates.allSize());
        double[] p = world.probabilities(HABIT_QUERY, new int[] {0, 1, 2});
        assertArrayEquals(new double[] {log(p[0]), log(p[1]), log(p[2])},
                column(candidates, Evidence.NB_LOG_PROBABILITY, 0, 1, 2), 1e-12);
        assertArrayEquals(p, Arrays.copyOf(candidates.nb(), 3), 1e-12);
        // the candidates come best first, and the three best are flagged by rank
        int[] byProbability = Evidence.best(p, 3, 3);
        assertArrayEquals(byProbability, Arrays.copyOf(candidates.classes(), 3));
        int[] ranks = {Evidence.NB_FIRST, Evidence.NB_SECOND, Evidence.NB_THIRD};
        for (int rank = 0; rank < 3; rank++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(c == byProbability[rank] ? 1 : 0, of(candidates, c, ranks[rank]), "rank " + rank + " class " + c);
            }
        }
    }

    @Test
    void theCompanysHabitsAreHowLatelyHowRecentlyAndHowOftenItBookedEachAccount() {
        Evidence.Candidates candidates = habits().gather(HABIT_QUERY, LinearScorer.BIAS);

        // 14 bookings: 4000 last at the 12th, 6700 at the 14th, 6900 at the 13th
        assertArrayEquals(new double[] {log(4), log(2), log(3)}, column(candidates, Evidence.LOG_AGE, 0, 1, 2), 1e-12);
        assertArrayEquals(new double[] {0, 1, 0}, column(candidates, Evidence.LAST_BOOKED, 0, 1, 2));
        // the last eight: 4000 five times, 6700 twice, 6900 once; all fourteen: 11, 2, 1
        assertArrayEquals(new double[] {5 / 8.0, 2 / 8.0, 1 / 8.0}, column(candidates, Evidence.RECENT_8, 0, 1, 2), 1e-12);
        assertArrayEquals(new double[] {11 / 14.0, 2 / 14.0, 1 / 14.0},
                column(candidates, Evidence.RECENT_64, 0, 1, 2), 1e-12);
        assertArrayEquals(new double[] {log(11.5) - log(15), log(2.5) - log(15), log(1.5) - log(15)},
                column(candidates, Evidence.LOG_COMPANY_SHARE, 0, 1, 2), 1e-12);
        assertArrayEquals(new double[] {log(12), log(3), log(2)},
                column(candidates, Evidence.LOG_GLOBAL_SAMPLES, 0, 1, 2), 1e-12);
        int newRow = candidates.newRow();
        assertEquals(candidates.size() + 1, newRow);
        assertEquals(1, at(candidates, newRow, Evidence.NEW_BIAS));
        assertEquals(0, at(candidates, newRow, Evidence.NEW_UNKNOWN_COMPANY));
        assertEquals(log(15), at(candidates, newRow, Evidence.NEW_LOG_COMPANY_SAMPLES), 1e-12);
    }

    @Test
    void eachDistinctTokenVotesForTheAccountsTheCompanyBookedItWithAndForTheLastOne() {
        Evidence.Candidates candidates = habits().gather(HABIT_QUERY, LinearScorer.BIAS);

        // coffee: 6700 twice, so 6700 gets 2/2 over 1 account; rent: 4000 eleven times and 6700 once, over 2 accounts.
        // rent counts once though the query repeats it; unseen has no votes but is one of the 3 distinct tokens.
        assertArrayEquals(new double[] {11 / 12.0 / 2, 1 + 1 / 12.0 / 2, 0},
                column(candidates, Evidence.TOKEN_VOTE, 0, 1, 2), 1e-12);
        // rent was last booked to 4000, coffee to 6700
        assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0, 0}, column(candidates, Evidence.TOKEN_LAST, 0, 1, 2), 1e-12);
    }

    @Test
    void aTokenLastBookedToAnAccountOutsideTheCandidatesGivesNoLastVote() {
        World world = elevenAccounts();
        Transaction query = new Transaction("int:r", "2016-06-01", "str:t5", "> -100");
        Encoded encoded = Features.encode(query);
        int twin = world.ids.find(encoded.keys()[encoded.globals()]);
        world.lastByTwin[twin] = 1 + 0;

        Evidence.Candidates candidates = world.gather(query, LinearScorer.BIAS);

        assertTrue(candidates.inRest(0));
        for (int i = 0; i < candidates.size(); i++) {
            assertEquals(0, at(candidates, i, Evidence.TOKEN_LAST), "row " + i);
        }
        assertEquals(1, of(candidates, 5, Evidence.TOKEN_VOTE), 1e-12, "str:t5 went to r5 only");
    }

    @Test
    void theExactAndTextMemoriesGiveEachAccountItsShareAndMarkTheLast() {
        World world = habits();
        Encoded query = Features.encode(HABIT_QUERY);
        world.exact.record(query.exactKey(), 1);
        world.exact.record(query.exactKey(), 1);
        world.exact.record(query.exactKey(), 2);
        world.text.record(query.textKey(), 0);
        world.text.record(query.textKey(), 1);

        Evidence.Candidates candidates = world.gather(HABIT_QUERY, LinearScorer.BIAS);

        assertArrayEquals(new double[] {0, 2 / 3.0, 1 / 3.0}, column(candidates, Evidence.EXACT_SHARE, 0, 1, 2), 1e-12);
        assertArrayEquals(new double[] {0, log(3), log(2)}, column(candidates, Evidence.EXACT_LOG_COUNT, 0, 1, 2), 1e-12);
        assertArrayEquals(new double[] {0, 0, 1}, column(candidates, Evidence.EXACT_LAST, 0, 1, 2));
        assertArrayEquals(new double[] {0.5, 0.5, 0}, column(candidates, Evidence.TEXT_SHARE, 0, 1, 2), 1e-12);
        assertArrayEquals(new double[] {0, 1, 0}, column(candidates, Evidence.TEXT_LAST, 0, 1, 2));
        assertArrayEquals(new double[] {0, 0, 0}, column(candidates, Evidence.REPEAT_LAST, 0, 1, 2), "not a repeated entry");
        assertEquals(1, at(candidates, candidates.newRow(), Evidence.NEW_EXACT_SEEN));
        assertEquals(1, at(candidates, candidates.newRow(), Evidence.NEW_TEXT_SEEN));
        assertEquals(3, candidates.memory().exactBookings());
        assertEquals(2, candidates.memory().exactLast());
        assertEquals(1, candidates.memory().textLast());
    }

    @Test
    void withoutMemoriesTheirColumnsAreZero() {
        Evidence.Candidates candidates = habits().gather(
                new Transaction("int:a", "2016-06-01", "str:never booked", "> -100"), LinearScorer.BIAS);

        for (int column : new int[] {Evidence.EXACT_SHARE, Evidence.EXACT_LOG_COUNT, Evidence.EXACT_LAST, Evidence.TEXT_SHARE,
                Evidence.TEXT_LAST, Evidence.SPLIT_TEXT_SHARE, Evidence.SPLIT_ANY_SHARE, Evidence.REPEAT_LAST}) {
            assertArrayEquals(new double[] {0, 0, 0}, column(candidates, column, 0, 1, 2), "column " + column);
        }
        assertEquals(0, at(candidates, candidates.newRow(), Evidence.NEW_EXACT_SEEN));
        assertEquals(0, at(candidates, candidates.newRow(), Evidence.NEW_TEXT_SEEN));
        assertEquals(-1, candidates.memory().exactLast());
    }

    @Test
    void bookingTheLastBankEntryAgainReadsTheSplitMemoriesOfTheAccountItWasBookedTo() {
        World world = habits();
        Transaction again = new Transaction("int:a", "2016-06-02", "str:phone", "> -100");
        Encoded encoded = Features.encode(again);
        // the entry was last booked to 6700 (class 1, the company's last booking)
        world.bayes.company("int:a").booked(encoded.entryKey(), 1);
        world.splits.record(Features.splitKey(encoded.companyHash(), 1, encoded.textHash()), 2);
        world.splits.record(Features.splitKey(encoded.companyHash(), 1, 0), 0);
        world.splits.record(Features.splitKey(encoded.companyHash(), 1, 0), 2);
        world.splits.record(Features.splitKey(encoded.companyHash(), 1, 0), 2);
        world.splits.record(Features.splitKey(encoded.companyHash(), 0, 0), 0);

        Evidence.Candidates candidates = world.gather(again, LinearScorer.BIAS);

        assertEquals(1, candidates.memory().repeatLast());
        assertArrayEquals(new double[] {0, 1, 0}, column(candidates, Evidence.REPEAT_LAST, 0, 1, 2));
        assertArrayEquals(new double[] {0, 0, 1}, column(candidates, Evidence.SPLIT_TEXT_SHARE, 0, 1, 2), 1e-12);
        assertArrayEquals(new double[] {0, 0, 1}, column(candidates, Evidence.SPLIT_TEXT_LAST, 0, 1, 2));
        assertArrayEquals(new double[] {1 / 3.0, 0, 2 / 3.0}, column(candidates, Evidence.SPLIT_ANY_SHARE, 0, 1, 2), 1e-12);
        assertArrayEquals(new double[] {0, 0, 1}, column(candidates, Evidence.SPLIT_ANY_LAST, 0, 1, 2));

        // without a text only the memory of any text speaks
        Transaction noText = new Transaction("int:a", "2016-06-03", null, "> -100");
        world.bayes.company("int:a").booked(Features.encode(noText).entryKey(), 1);
        Evidence.Candidates withoutText = world.gather(noText, LinearScorer.BIAS);
        assertArrayEquals(new double[] {0, 0, 0}, column(withoutText, Evidence.SPLIT_TEXT_SHARE, 0, 1, 2));
        assertArrayEquals(new double[] {1 / 3.0, 0, 2 / 3.0}, column(withoutText, Evidence.SPLIT_ANY_SHARE, 0, 1, 2), 1e-12);
    }

    @Test
    void theLinearColumnsAreItsLogProbabilitiesOverTheCandidatesAndItsBest() {
        World world = habits();
        int[] features = {LinearScorer.BIAS};
        world.linear.learn(features, new int[] {0, 1, 2}, 3, 2, null);

        Evidence.Candidates candidates = world.gather(HABIT_QUERY, features);

        double[] expected = new double[3];
        world.linear.logProbabilities(features, new int[] {0, 1, 2}, 3, expected);
        assertTrue(expected[2] > expected[0], "one step towards 6900");
        assertArrayEquals(expected, column(candidates, Evidence.LINEAR_LOG_PROBABILITY, 0, 1, 2), 1e-12);
        assertArrayEquals(new double[] {0, 0, 1}, column(candidates, Evidence.LINEAR_FIRST, 0, 1, 2));
    }

    /** Company r books account k (class k) k + 1 times, for k = 0..10. */
    private static World elevenAccounts() {
        World world = new World();
        for (int k = 0; k <= 10; k++) {
            for (int n = 0; n <= k; n++) {
                world.learn("int:r", "str:t" + k, "> -100", "r" + k);
            }
        }
        return world;
    }

    @Test
    void theTwoAccountsTheCompanyBookedLastAreCandidatesWhereverTheNaiveBayesPutsThem() {
        World world = elevenAccounts();
        world.learn("int:r", "str:t1", "> -100", "r1");
        world.learn("int:r", "str:t0", "> -100", "r0");

        Evidence.Candidates candidates = world.gather(new Transaction("int:r", "2016-06-01", "str:q", "> -100"),
                LinearScorer.BIAS);

        // the prior's best eight are r10..r3 (r3 has 4 samples, r2 and r1 3, r0 2); then the latest, newest first
        assertArrayEquals(new int[] {10, 9, 8, 7, 6, 5, 4, 3, 0, 1}, Arrays.copyOf(candidates.classes(), candidates.size()));
        assertTrue(candidates.inRest(2), "r2 was booked before r1 and r0");
        assertEquals(1, of(candidates, 0, Evidence.LAST_BOOKED));
    }

    @Test
    void theRestRowStandsForTheAccountsBeyondTheEightBestAndWhatTheMemoriesName() {
        World world = elevenAccounts();
        Transaction query = new Transaction("int:r", "2016-06-01", "str:q", "> -100");
        Encoded encoded = Features.encode(query);
        // the memories name r0 (the exact one), r1 (the text one) and r10 (already among the best)
        world.exact.record(encoded.exactKey(), 0);
        world.text.record(encoded.textKey(), 1);
        world.bayes.company("int:r").booked(encoded.entryKey(), 10);
        world.splits.record(Features.splitKey(encoded.companyHash(), 10, 0), 1);

        Evidence.Candidates candidates = world.gather(query, LinearScorer.BIAS);

        // the company's prior orders its accounts: the best eight are r10..r3, then r0 and r1 from memory
        assertEquals(10, candidates.size());
        assertEquals(11, candidates.allSize());
        assertArrayEquals(new int[] {10, 9, 8, 7, 6, 5, 4, 3, 0, 1}, Arrays.copyOf(candidates.classes(), 10));
        assertTrue(candidates.inRest(2));
        assertFalse(candidates.inRest(0));
        assertFalse(candidates.inRest(10));
        assertFalse(candidates.inRest(11), "not an account the query may get");
        double[] p = world.probabilities(query, world.bayes.company("int:r").classes());
        assertEquals(p[2], candidates.restMass(), 1e-12);
        assertEquals(1, candidates.restShare(), 1e-12);
        assertEquals(log(p[0]), of(candidates, 0, Evidence.NB_LOG_PROBABILITY), 1e-12);
        assertEquals(log(p[1]), of(candidates, 1, Evidence.NB_LOG_PROBABILITY), 1e-12);
        int restRow = candidates.restRow();
        assertEquals(10, restRow);
        assertEquals(12, candidates.rowCount());
        assertEquals(1, at(candidates, restRow, Evidence.REST_BIAS));
        assertEquals(log(p[2]), at(candidates, restRow, Evidence.REST_LOG_NB_MASS), 1e-12);
        assertEquals(log(2), at(candidates, restRow, Evidence.REST_LOG_COUNT), 1e-12);
        for (int column = 0; column < Evidence.REST_BIAS; column++) {
            assertEquals(0, at(candidates, restRow, column), "the rest's row has only its own evidence");
        }
        assertEquals(0, at(candidates, restRow, Evidence.NEW_BIAS));
    }

    @Test
    void withEveryAccountACandidateTheRestRowHasNoMass() {
        Evidence.Candidates candidates = habits().gather(HABIT_QUERY, LinearScorer.BIAS);

        assertEquals(0, candidates.restMass());
        assertEquals(-30, at(candidates, candidates.restRow(), Evidence.REST_LOG_NB_MASS));
        assertEquals(0, at(candidates, candidates.restRow(), Evidence.REST_LOG_COUNT));
        assertEquals(1, at(candidates, candidates.restRow(), Evidence.REST_BIAS));
    }

    @Test
    void anUnknownCompanyGetsTheMostBookedAccountsAndThoseItsTokensSawButNoHabits() {
        World world = elevenAccounts();
        Transaction query = new Transaction("int:new", "2016-06-01", "str:t0", null);

        Evidence.Candidates candidates = world.gather(query, LinearScorer.BIAS);

        assertFalse(candidates.companyKnown());
        // the eight most booked (r3..r10) and r0, which booked str:t0
        assertEquals(9, candidates.allSize());
        assertArrayEquals(new int[] {0, 3, 4, 5, 6, 7, 8, 9, 10}, Arrays.copyOf(candidates.all(), 9));
        assertEquals(8, candidates.size());
        double[] p = world.probabilities(query, Arrays.copyOf(candidates.all(), 9));
        assertEquals(0, candidates.classes()[0], "the token's account first");
        int lowest = 1;
        assertTrue(candidates.inRest(3), "r3 has the fewest samples of the most booked");
        assertEquals(p[lowest], candidates.restMass(), 1e-12);
        for (int c : new int[] {0, 10}) {
            assertEquals(log(2), of(candidates, c, Evidence.LOG_AGE), 1e-12, "as if booked by the company's next sample");
            assertEquals(log(0.5), of(candidates, c, Evidence.LOG_COMPANY_SHARE), 1e-12);
            assertEquals(0, of(candidates, c, Evidence.RECENT_8));
            assertEquals(0, of(candidates, c, Evidence.RECENT_64));
            assertEquals(0, of(candidates, c, Evidence.TOKEN_VOTE));
            assertEquals(0, of(candidates, c, Evidence.TOKEN_LAST));
            assertEquals(0, of(candidates, c, Evidence.EXACT_SHARE));
        }
        assertEquals(log(12), of(candidates, 10, Evidence.LOG_GLOBAL_SAMPLES), 1e-12, "r10 booked 11 times");
        int newRow = candidates.newRow();
        assertEquals(1, at(candidates, newRow, Evidence.NEW_UNKNOWN_COMPANY));
        assertEquals(0, at(candidates, newRow, Evidence.NEW_LOG_COMPANY_SAMPLES));
        // an empty linear scorer gives every candidate the same log probability: the first is its best
        double[] linearFirst = new double[8];
        for (int i = 0; i < 8; i++) {
            linearFirst[i] = at(candidates, i, Evidence.LINEAR_FIRST);
            assertEquals(-log(8), at(candidates, i, Evidence.LINEAR_LOG_PROBABILITY), 1e-12);
        }
        assertArrayEquals(new double[] {1, 0, 0, 0, 0, 0, 0, 0}, linearFirst);
    }

    @Test
    void aCompanyWithOneAccountHasOnlyAFirstAndOneWithTwoNoThird() {
        World world = new World();
        world.learn("int:solo", "str:x", "> -100", "6000");
        world.learn("int:duo", "str:x", "> -100", "6000");
        world.learn("int:duo", "str:y", "> -100", "6100");

        Evidence.Candidates solo = world.gather(new Transaction("int:solo", null, "str:x", null), LinearScorer.BIAS);
        Evidence.Candidates duo = world.gather(new Transaction("int:duo", null, "str:y", null), LinearScorer.BIAS);

        assertEquals(1, solo.size());
        assertEquals(0, at(solo, 0, Evidence.NB_LOG_PROBABILITY), 1e-12, "certain");
        assertEquals(1, at(solo, 0, Evidence.NB_FIRST));
        assertEquals(0, at(solo, 0, Evidence.NB_SECOND));
        assertEquals(2, duo.size());
        assertEquals(1, of(duo, 1, Evidence.NB_FIRST));
        assertEquals(1, of(duo, 0, Evidence.NB_SECOND));
        assertEquals(0, of(duo, 0, Evidence.NB_THIRD));
    }

    @Test
    void aCompanyWithMoreAccountsThanTheScratchFirstHoldsHasEveryOneScored() {
        World world = new World();
        for (int k = 0; k < 150; k++) {
            world.learn("int:many", "str:t" + k, "> -100", "m" + k);
        }
        Transaction query = new Transaction("int:many", null, "str:t42", null);

        Evidence.Candidates candidates = world.gather(query, LinearScorer.BIAS);

        assertEquals(150, candidates.allSize());
        assertEquals(10, candidates.size(), "the naive Bayes' eight best and the two booked last");
        assertEquals(42, candidates.classes()[0]);
        assertArrayEquals(new int[] {149, 148}, Arrays.copyOfRange(candidates.classes(), 8, 10));
        double[] p = world.probabilities(query, world.bayes.company("int:many").classes());
        double rest = 0;
        for (int c = 0; c < 150; c++) {
            rest += candidates.inRest(c) ? p[c] : 0;
        }
        assertEquals(rest, candidates.restMass(), 1e-12);
        assertEquals(log(141), at(candidates, candidates.restRow(), Evidence.REST_LOG_COUNT), 1e-12);
    }

    @Test
    void countsBeyondTheLogTablesAreLoggedAsTheSmallOnes() {
        World world = new World();
        for (int n = 0; n < 4096; n++) {
            world.learn("int:big", "str:x", "> -100", "6000");
        }
        world.learn("int:big", "str:y", "> -100", "6100");
        Encoded encoded = Features.encode(new Transaction("int:big", "2016-06-01", "str:x", "> -100"));
        for (int n = 0; n < 5000; n++) {
            world.exact.record(encoded.exactKey(), 0);
        }

        Evidence.Candidates candidates = world.gather(new Transaction("int:big", "2016-06-01", "str:x", "> -100"),
                LinearScorer.BIAS);

        assertEquals(log(4096.5) - log(4098), of(candidates, 0, Evidence.LOG_COMPANY_SHARE), 1e-12);
        assertEquals(log(4097), of(candidates, 0, Evidence.LOG_GLOBAL_SAMPLES), 1e-12);
        assertEquals(log(5001), of(candidates, 0, Evidence.EXACT_LOG_COUNT), 1e-12);
        assertEquals(log(4098), at(candidates, candidates.newRow(), Evidence.NEW_LOG_COMPANY_SAMPLES), 1e-12);
        assertEquals(log(3), of(candidates, 0, Evidence.LOG_AGE), 1e-12, "6000 was last booked by the last sample but one");
    }

    @Test
    void softmaxTurnsScoresFarBelowZeroIntoProbabilitiesAndTouchesOnlyTheFirstN() {
        double[] scores = {-1000, -1001, -1000, 7};

        Evidence.softmax(scores, 3);

        double sum = 2 + Math.exp(-1);
        assertArrayEquals(new double[] {1 / sum, Math.exp(-1) / sum, 1 / sum, 7}, scores, 1e-12);
    }

    @Test
    void bestListsTheHighestFirstAndKeepsTiesInOrder() {
        double[] scores = {1, 2, 2, 0.5, 3, 2};

        assertArrayEquals(new int[] {4, 1, 2}, Evidence.best(scores, 6, 3));
        assertArrayEquals(new int[] {1, 2, 0}, Evidence.best(scores, 3, 3));
        assertArrayEquals(new int[] {1, 2}, Evidence.best(scores, 3, 2));
        assertArrayEquals(new int[] {1, 0}, Evidence.best(scores, 2, 5), "fewer than k");
    }
}
