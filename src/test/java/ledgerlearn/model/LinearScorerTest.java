package ledgerlearn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
