package ledgerlearn.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Expected values are scikit-learn 1.2.1's precision_score / recall_score(zero_division=0) / accuracy_score. */
final class ScoresTest {
    // Per-label values are summed in label order as numpy sums them, so the figures are scikit-learn's to the bit.
    private static final double ULPS = 0;
    private static final double MACRO_PRECISION_OF_RANDOM_5 = 0.4982922306451719;
    private static final double MACRO_RECALL_OF_RANDOM_5 = 0.4772925875867053;

    @Test
    void emptyAnswerHasNoSamplesAndNullScores() {
        Scores empty = Scores.empty(Average.WEIGHTED);

        assertEquals(new Scores(null, null, null, 0, Average.WEIGHTED, null), empty);
    }

    static Stream<Arguments> truthTables() {
        // mixed, per label (tp, predicted, true -> precision, recall):
        //   a (2, 2, 3 -> 1, 2/3)  b (1, 2, 1 -> 1/2, 1)  c only booked (0, 0, 1 -> 0, 0)
        //   d only predicted (0, 1, 0 -> 0, 0); 3 of 5 right.
        String mixed = "a:a a:a a:b b:b c:d";
        String allRight = "a:a b:b a:a c:c a:a";
        return Stream.of(
                Arguments.of("mixed", mixed, Average.MACRO, 0.375, 0.41666666666666663, 0.6),
                Arguments.of("mixed", mixed, Average.MICRO, 0.6, 0.6, 0.6),
                Arguments.of("mixed", mixed, Average.WEIGHTED, 0.7, 0.6, 0.6),
                Arguments.of("all right", allRight, Average.MACRO, 1.0, 1.0, 1.0),
                Arguments.of("all right", allRight, Average.MICRO, 1.0, 1.0, 1.0),
                Arguments.of("all right", allRight, Average.WEIGHTED, 1.0, 1.0, 1.0),
                Arguments.of("single wrong pair", "x:y", Average.MACRO, 0.0, 0.0, 0.0),
                Arguments.of("single wrong pair", "x:y", Average.MICRO, 0.0, 0.0, 0.0),
                Arguments.of("single wrong pair", "x:y", Average.WEIGHTED, 0.0, 0.0, 0.0),
                Arguments.of("single right pair", "6700:6700", Average.MACRO, 1.0, 1.0, 1.0),
                Arguments.of("single right pair", "6700:6700", Average.MICRO, 1.0, 1.0, 1.0),
                Arguments.of("single right pair", "6700:6700", Average.WEIGHTED, 1.0, 1.0, 1.0));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("truthTables")
    void matchesScikitLearnOnHandCheckedTruthTables(String name, String pairs, Average average, double precision,
            double recall, double accuracy) {
        ScoreWindow window = windowOf(pairs);
        int size = pairs.split(" ").length;

        Scores scores = window.scores(size, average);

        assertEquals(precision, scores.precision(), ULPS, "precision");
        assertEquals(recall, scores.recall(), ULPS, "recall");
        assertEquals(accuracy, scores.accuracy(), ULPS, "accuracy");
        assertEquals(size, scores.n());
        assertEquals(average, scores.average());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("truthTables")
    void givesTheSameScoresWhenTheWindowHoldsFewOfManyKnownLabels(String name, String pairs, Average average,
            double precision, double recall, double accuracy) {
        ScoreWindow window = new ScoreWindow();
        for (int i = 0; i < 100; i++) {
            window.add("other" + i, "other" + (i + 1));
        }
        addAll(window, pairs);

        Scores scores = window.scores(pairs.split(" ").length, average);

        assertEquals(precision, scores.precision(), ULPS, "precision");
        assertEquals(recall, scores.recall(), ULPS, "recall");
        assertEquals(accuracy, scores.accuracy(), ULPS, "accuracy");
    }

    static Stream<Arguments> seededRandomWindows() {
        // RandomPairs.generate(42, 200, 7, 3), scored with scikit-learn; baseline = top booked count / n.
        return Stream.of(
                Arguments.of(500, null, Average.MACRO, 200, 0.4997148052769495, 0.4820603934207023, 0.65, 0.265),
                Arguments.of(500, null, Average.MICRO, 200, 0.65, 0.65, 0.65, 0.265),
                Arguments.of(500, null, Average.WEIGHTED, 200, 0.744679520195175, 0.65, 0.65, 0.265),
                Arguments.of(50, null, Average.MACRO, 50, 0.4625, 0.4313852813852814, 0.56, 0.28),
                Arguments.of(50, null, Average.MICRO, 50, 0.56, 0.56, 0.56, 0.28),
                Arguments.of(50, null, Average.WEIGHTED, 50, 0.67, 0.56, 0.56, 0.28),
                Arguments.of(40, "C1", Average.MACRO, 40, 0.41120129870129873, 0.3333333333333333, 0.6, 0.375),
                Arguments.of(40, "C1", Average.MICRO, 40, 0.6, 0.6, 0.6, 0.375),
                Arguments.of(40, "C1", Average.WEIGHTED, 40, 0.7277597402597402, 0.6, 0.6, 0.375),
                Arguments.of(1000, "C2", Average.MACRO, 64, 0.47356723137973145, 0.5242673992673993, 0.578125,
                        0.34375),
                Arguments.of(1000, "C2", Average.MICRO, 64, 0.578125, 0.578125, 0.578125, 0.34375),
                Arguments.of(1000, "C2", Average.WEIGHTED, 64, 0.6817312461843712, 0.578125, 0.578125, 0.34375));
    }

    @ParameterizedTest(name = "last {0} of {1} {2}")
    @MethodSource("seededRandomWindows")
    void matchesScikitLearnOnSeededRandomPairs(int last, String company, Average average, int n, double precision,
            double recall, double accuracy, double baseline) {
        ScoreWindow window = RandomPairs.windowOf(RandomPairs.generate(42, 200, 7, 3));

        Scores scores = window.scores(last, average, company);

        assertEquals(n, scores.n());
        assertEquals(precision, scores.precision(), ULPS, "precision");
        assertEquals(recall, scores.recall(), ULPS, "recall");
        assertEquals(accuracy, scores.accuracy(), ULPS, "accuracy");
        assertEquals(baseline, scores.baseline(), ULPS, "baseline");
    }

    @Test
    void macroScoresOfManyLabelsFirstSeenOutOfOrderAreScikitLearnsToTheBit() {
        // java.util.Random(5): 400 pairs of labels "10".."60", half predicted right, the rest at random;
        // expected: scikit-learn 1.9.1 precision_score / recall_score(average="macro", zero_division=0) of the same pairs
        java.util.Random random = new java.util.Random(5);
        ScoreWindow window = new ScoreWindow();
        StringBuilder pairs = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            String booked = Integer.toString(10 + random.nextInt(51));
            String predicted = random.nextDouble() < 0.5 ? booked : Integer.toString(10 + random.nextInt(51));
            window.add(booked, predicted);
            pairs.append(booked).append(':').append(predicted).append(' ');
        }

        Scores scores = window.scores(400, Average.MACRO);

        assertEquals(MACRO_PRECISION_OF_RANDOM_5, scores.precision(), pairs::toString);
        assertEquals(MACRO_RECALL_OF_RANDOM_5, scores.recall());
    }

    @Test
    void microScoresAndWeightedRecallEqualAccuracyInEveryWindow() {
        ScoreWindow window = RandomPairs.windowOf(RandomPairs.generate(7, 300, 12, 1));

        for (int n = 1; n <= 300; n++) {
            Scores micro = window.scores(n, Average.MICRO);
            Scores weighted = window.scores(n, Average.WEIGHTED);
            assertEquals(micro.accuracy(), micro.precision(), "micro precision, n " + n);
            assertEquals(micro.accuracy(), micro.recall(), "micro recall, n " + n);
            assertEquals(micro.accuracy(), weighted.recall(), ULPS, "weighted recall, n " + n);
        }
    }

    @Test
    void baselineIsTheShareOfTheMostFrequentBookedAccount() {
        // booked: a three times, b once, c once; predicted a, b, e never count toward it.
        ScoreWindow window = windowOf("a:b b:b a:e c:a a:b");

        Scores scores = window.scores(5, Average.MACRO);

        assertEquals(0.6, scores.baseline());
        assertEquals(0.2, scores.accuracy());
    }

    @Test
    void baselineOfEmptyWindowIsNull() {
        assertNull(new ScoreWindow().scores(10, Average.MICRO).baseline());
    }

    /** A window of {@code "booked:predicted"} pairs separated by spaces. */
    static ScoreWindow windowOf(String pairs) {
        ScoreWindow window = new ScoreWindow();
        addAll(window, pairs);
        return window;
    }

    private static void addAll(ScoreWindow window, String pairs) {
        for (String pair : pairs.split(" ")) {
            String[] parts = pair.split(":");
            window.add(parts[0], parts[1]);
        }
    }
}
