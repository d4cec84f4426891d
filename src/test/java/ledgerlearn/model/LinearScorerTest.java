package ledgerlearn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import ledgerlearn.snapshot.StateInput;
import org.junit.jupiter.api.Test;

final class LinearScorerTest {
    private static final int[] FEATURES = {5, LinearScorer.BIAS};
    private static final int[] CLASSES = {0, 1};

    @Test
    void startsUniformAndTakesOneAdaGradStepByHand() {
        LinearScorer scorer = new LinearScorer(0.5, 0.01, 100);
        double[] logP = new double[2];
        scorer.logProbabilities(FEATURES, CLASSES, 2, logP);
        assertArrayEquals(new double[] {Math.log(0.5), Math.log(0.5)}, logP, 1e-12);

        scorer.learn(FEATURES, CLASSES, 2, 0, null);

        // gradients -1/2 and +1/2; AdaGrad's first step is eta times the sign: each weight moves by 1/2,
        // so class 0 scores 1 and class 1 scores -1 over the two features
        scorer.logProbabilities(FEATURES, CLASSES, 2, logP);
        assertEquals(Math.log(1 / (1 + Math.exp(-2))), logP[0], 1e-6);
        assertEquals(Math.log(1 / (1 + Math.exp(2))), logP[1], 1e-6);
        assertEquals(4, scorer.size());
    }

    @Test
    void createsNoWeightForAGradientBelowItsMinimum() {
        LinearScorer scorer = new LinearScorer(0.5, 0.6, 100);
        scorer.learn(FEATURES, CLASSES, 2, 0, null);
        assertEquals(0, scorer.size());
    }

    @Test
    void keepsNoMoreWeightsThanItsCapacityAndStillLearnsThoseItHas() {
        LinearScorer scorer = new LinearScorer(0.5, 0.01, 2);
        scorer.learn(FEATURES, CLASSES, 2, 0, null);
        assertEquals(2, scorer.size());
        double[] logP = new double[2];
        scorer.logProbabilities(FEATURES, CLASSES, 2, logP);
        assertEquals(true, logP[0] > logP[1]);
    }

    @Test
    void equalScorersHaveEqualDigests() {
        LinearScorer a = new LinearScorer(0.5, 0.01, 100);
        LinearScorer b = new LinearScorer(0.5, 0.01, 100);
        a.learn(FEATURES, CLASSES, 2, 1, null);
        b.learn(FEATURES, CLASSES, 2, 1, null);
        assertEquals(a.digest(3), b.digest(3));
    }

    @Test
    void aGradientOfExactlyTheMinimumCreatesAWeight() {
        LinearScorer scorer = new LinearScorer(0.5, 0.5, 100);
        scorer.learn(FEATURES, CLASSES, 2, 0, null);
        assertEquals(4, scorer.size(), "gradients of -1/2 and +1/2 reach a minimum of 1/2");
    }

    @Test
    void theSecondStepDividesByTheRootOfBothSquaredGradients() {
        LinearScorer scorer = new LinearScorer(0.5, 0.01, 100);
        scorer.learn(FEATURES, CLASSES, 2, 0, null);
        scorer.learn(FEATURES, CLASSES, 2, 1, null);

        // after the first step each feature weighs +1/2 for class 0 and -1/2 for class 1: P(0) = 1 / (1 + e^-2)
        double p0 = 1 / (1 + Math.exp(-2));
        double squared = 0.25 + p0 * p0;
        double w0 = 0.5 - 0.5 * p0 / Math.sqrt(squared);
        double w1 = -w0;
        double[] logP = new double[2];
        scorer.logProbabilities(FEATURES, CLASSES, 2, logP);
        double z = Math.log(Math.exp(2 * w0) + Math.exp(2 * w1));
        assertEquals(2 * w0 - z, logP[0], 1e-6);
        assertEquals(2 * w1 - z, logP[1], 1e-6);
        assertEquals(4, scorer.size());
    }

    @Test
    void aGivenLogProbabilityIsTheOneTheStepFollows() {
        LinearScorer scorer = new LinearScorer(0.5, 0.01, 100);
        // told that class 0, the truth, already has all the probability: no gradient, so no weight
        scorer.learn(FEATURES, CLASSES, 2, 0, new double[] {0, Double.NEGATIVE_INFINITY});
        assertEquals(0, scorer.size());
    }

    /**
     * Each step touches two pairs never touched before, so that every weight is one first AdaGrad step: +eta for
     * the truth, -eta for the other. The classes of a feature come in a shuffled order, so rows grow, move and
     * get rows inserted into them, while other features' rows are allocated in between.
     */
    @Test
    void everyWeightSurvivesRowsGrowingMovingAndThePoolCompacting() {
        int[] features = {0, 1, 7, 2_500, 100_000};
        int steps = 300;
        List<Integer> order = new ArrayList<>();
        for (int s = 0; s < steps; s++) {
            order.add(s);
        }
        LinearScorer scorer = new LinearScorer(0.5, 0.001, 1_000_000);
        Random random = new Random(1);
        List<List<Integer>> orders = new ArrayList<>();
        for (int f = 0; f < features.length; f++) {
            List<Integer> shuffled = new ArrayList<>(order);
            Collections.shuffle(shuffled, random);
            orders.add(shuffled);
        }
        for (int s = 0; s < steps; s++) {
            for (int f = 0; f < features.length; f++) {
                int pair = orders.get(f).get(s);
                scorer.learn(new int[] {features[f]}, new int[] {2 * pair, 2 * pair + 1}, 2, 0, null);
            }
        }

        assertEquals(2L * steps * features.length, scorer.size());
        double[] logP = new double[3];
        for (int f : features) {
            for (int pair = 0; pair < steps; pair++) {
                // 2 * steps: a class the feature never saw weighs 0
                scorer.logProbabilities(new int[] {f}, new int[] {2 * pair, 2 * pair + 1, 2 * steps}, 3, logP);
                double z = Math.log(Math.exp(0.5) + Math.exp(-0.5) + 1);
                assertEquals(0.5 - z, logP[0], 1e-6, "feature " + f + " pair " + pair);
                assertEquals(-0.5 - z, logP[1], 1e-6, "feature " + f + " pair " + pair);
                assertEquals(-z, logP[2], 1e-6, "feature " + f + " pair " + pair);
            }
        }
    }

    @Test
    void aFeatureSeenWithHundredsOfAccountsKeepsEachOnesWeight() {
        LinearScorer scorer = new LinearScorer(0.5, 0.0001, 1_000_000);
        int accounts = 2000;
        for (int c = accounts - 1; c >= 0; c -= 2) {
            scorer.learn(new int[] {3}, new int[] {c, c - 1}, 2, 1, null);
        }
        double[] logP = new double[2];
        for (int c = 1; c < accounts; c += 2) {
            scorer.logProbabilities(new int[] {3}, new int[] {c, c - 1}, 2, logP);
            assertEquals(Math.log(1 / (1 + Math.exp(1))), logP[0], 1e-6, "class " + c);
        }
        assertEquals(accounts, scorer.size());
    }

    private static LinearScorer learnt() {
        LinearScorer scorer = new LinearScorer(0.5, 0.01, 1000);
        Random random = new Random(2);
        for (int i = 0; i < 200; i++) {
            int[] classes = {random.nextInt(20), 20 + random.nextInt(20), 40 + random.nextInt(5)};
            int[] features = {random.nextInt(30), 1500 + random.nextInt(3), LinearScorer.BIAS};
            scorer.learn(features, classes, 3, random.nextInt(3), null);
        }
        return scorer;
    }

    private static LinearScorer readBack(LinearScorer scorer) {
        return States.roundTrip(scorer::write, in -> {
            LinearScorer read = new LinearScorer(0.5, 0.01, 1000);
            read.read(in, 1000);
            return read;
        });
    }

    @Test
    void aScorerReadBackScoresAndLearnsOnAsTheOriginal() {
        LinearScorer original = learnt();
        LinearScorer read = readBack(original);

        assertEquals(original.size(), read.size());
        assertEquals(original.digest(0), read.digest(0));
        int[] features = {3, 1501, LinearScorer.BIAS};
        int[] classes = {5, 25, 42, 43};
        double[] expected = new double[4];
        double[] actual = new double[4];
        original.logProbabilities(features, classes, 4, expected);
        read.logProbabilities(features, classes, 4, actual);
        assertArrayEquals(expected, actual, 0);
        for (LinearScorer scorer : List.of(original, read)) {
            scorer.learn(new int[] {3, 2000, LinearScorer.BIAS}, new int[] {5, 25, 99}, 3, 2, null);
        }
        assertEquals(original.digest(0), read.digest(0));
        assertEquals(original.size(), read.size());
        LinearScorer empty = readBack(new LinearScorer(0.5, 0.01, 1000));
        assertEquals(0, empty.size());
        assertEquals(new LinearScorer(0.5, 0.01, 1000).digest(0), empty.digest(0));
    }

    @Test
    void theBiasRowScoresAndLearnsAsAnyOtherFeatureDoes() {
        // accounts in a shuffled order, so that the bias row gets pairs inserted between others, not only appended
        LinearScorer withBias = new LinearScorer(0.5, 0.01, 10_000);
        LinearScorer withFeature = new LinearScorer(0.5, 0.01, 10_000);
        Random random = new Random(5);
        for (int i = 0; i < 2_000; i++) {
            int[] classes = {random.nextInt(300), random.nextInt(300), random.nextInt(300)};
            if (classes[0] == classes[1] || classes[1] == classes[2] || classes[0] == classes[2]) {
                continue;
            }
            int truth = random.nextInt(3);
            withBias.learn(new int[] {1, LinearScorer.BIAS}, classes, 3, truth, null);
            withFeature.learn(new int[] {1, 7}, classes, 3, truth, null);
        }
        LinearScorer read = readBack(withBias);
        int[] all = new int[300];
        for (int c = 0; c < all.length; c++) {
            all[c] = c;
        }
        double[] expected = new double[all.length];
        withFeature.logProbabilities(new int[] {1, 7}, all, all.length, expected);
        for (LinearScorer scorer : List.of(withBias, read)) {
            double[] actual = new double[all.length];
            scorer.logProbabilities(new int[] {1, LinearScorer.BIAS}, all, all.length, actual);
            assertArrayEquals(expected, actual, 0);
        }
    }

    @Test
    void aBiasRowOfAccountsOutOfOrderOrBeyondTheModelsIsRefused() {
        LinearScorer scorer = new LinearScorer(0.5, 0.01, 100);
        scorer.learn(new int[] {LinearScorer.BIAS}, new int[] {3, 9}, 2, 0, null);
        byte[] bytes = States.bytes(scorer::write);
        new LinearScorer(0.5, 0.01, 100).read(new StateInput(bytes), 10);
        assertThrows(StateInput.CorruptStateException.class,
                () -> new LinearScorer(0.5, 0.01, 100).read(new StateInput(bytes), 9), "account 9 of 9 accounts");
        int[] rows = new int[1024];
        int[] pool = {2, 2, LinearScorer.BIAS, 9, 0, 0, 3, 0, 0};
        byte[] descending = States.bytes(out -> out.writeLong(2).writeInt(1).writeInts(rows, rows.length)
                .writeInts(pool, pool.length));
        assertThrows(StateInput.CorruptStateException.class,
                () -> new LinearScorer(0.5, 0.01, 100).read(new StateInput(descending), 10));
    }

    @Test
    void aStateWhoseRowsLieOutsideItsPoolIsRefused() {
        int[] rows = new int[1024];
        int[] pool = {2, 0, 5, 0, 0, 0, 0, 0, 0};
        for (int[] bad : new int[][] {{-1, 0, 0}, {0, -1, 0}, {0, 10, 0}, {0, 0, -1}, {0, 0, 10}}) {
            rows[5] = bad[2];
            byte[] bytes = States.bytes(out -> out.writeLong(bad[0]).writeInt(bad[1]).writeInts(rows, rows.length)
                    .writeInts(pool, pool.length));
            assertThrows(StateInput.CorruptStateException.class,
                    () -> new LinearScorer(0.5, 0.01, 100).read(new StateInput(bytes), 100), java.util.Arrays.toString(bad));
        }
    }

    @Test
    void scorersThatDifferInAnyWeightHaveDifferentDigests() {
        LinearScorer towardsFirst = new LinearScorer(0.5, 0.01, 100);
        LinearScorer towardsSecond = new LinearScorer(0.5, 0.01, 100);
        towardsFirst.learn(new int[] {5}, CLASSES, 2, 0, null);
        towardsSecond.learn(new int[] {5}, CLASSES, 2, 1, null);
        assertNotEquals(towardsFirst.digest(0), towardsSecond.digest(0));

        LinearScorer bias = new LinearScorer(0.5, 0.01, 100);
        bias.learn(new int[] {LinearScorer.BIAS}, CLASSES, 2, 0, null);
        assertNotEquals(towardsFirst.digest(0), bias.digest(0), "the bias is a feature of its own");
        LinearScorer more = learnt();
        long before = more.digest(0);
        more.learn(new int[] {29}, new int[] {5, 6}, 2, 0, null);
        assertNotEquals(before, more.digest(0));
    }
}
