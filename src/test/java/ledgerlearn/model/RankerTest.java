package ledgerlearn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

final class RankerTest {

    /** Two candidates the naive Bayes gives 3/4 and 1/4, then the rest's row and the new one's. */
    private static double[] rows() {
        double[] rows = new double[4 * Evidence.SIZE];
        rows[Evidence.NB_LOG_PROBABILITY] = Math.log(0.75);
        rows[Evidence.SIZE + Evidence.NB_LOG_PROBABILITY] = Math.log(0.25);
        rows[2 * Evidence.SIZE + Evidence.REST_BIAS] = 1;
        rows[3 * Evidence.SIZE + Evidence.NEW_BIAS] = 1;
        return rows;
    }

    @Test
    void startsFromTheNaiveBayesProbabilitiesAndLittleForTheOthers() {
        double[] p = new Ranker(0.3).probabilities(rows(), 4);

        double sum = 0.75 + 0.25 + 2 * Math.exp(-3);
        assertArrayEquals(new double[] {0.75 / sum, 0.25 / sum, Math.exp(-3) / sum, Math.exp(-3) / sum}, p, 1e-12);
    }

    @Test
    void firstStepMovesEveryWeightWithAGradientByTheStepAgainstItsSign() {
        Ranker ranker = new Ranker(0.3);
        double[] rows = rows();
        double[] p = ranker.probabilities(rows, 4);

        ranker.learn(rows, 4, p, 1);

        double[] w = ranker.weights();
        double nbGradient = p[0] * Math.log(0.75) + (p[1] - 1) * Math.log(0.25);
        assertEquals(1 - 0.3 * Math.signum(nbGradient), w[Evidence.NB_LOG_PROBABILITY], 1e-12);
        // the rest and the new rows were not the truth: their biases go down by one step
        assertEquals(-3.3, w[Evidence.REST_BIAS], 1e-12);
        assertEquals(-3.3, w[Evidence.NEW_BIAS], 1e-12);
        assertEquals(0, w[Evidence.EXACT_SHARE], "no evidence, no gradient");
        double[] after = ranker.probabilities(rows, 4);
        assertEquals(true, after[1] > p[1], "the truth gained");
    }

    @Test
    void equalRankersHaveEqualDigests() {
        Ranker a = new Ranker(0.3);
        Ranker b = new Ranker(0.3);
        assertEquals(a.digest(0), b.digest(0));
        a.learn(rows(), 4, a.probabilities(rows(), 4), 0);
        assertNotEquals(a.digest(0), b.digest(0));
    }
}
