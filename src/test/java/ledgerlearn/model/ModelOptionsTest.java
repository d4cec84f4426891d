package ledgerlearn.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.DoubleFunction;
import org.junit.jupiter.api.Test;

class ModelOptionsTest {
    private static final ModelOptions D = ModelOptions.DEFAULT;

    @Test
    void everyWeightMustBeAFiniteNumberOfItsRange() {
        List<DoubleFunction<ModelOptions>> zeroOrMore = List.of(D::withCompanyModel, D::withGlobalPrior,
                D::withRecency, D::withTokenHabits);
        for (DoubleFunction<ModelOptions> with : zeroOrMore) {
            with.apply(0);
            for (double bad : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
                assertThrows(IllegalArgumentException.class, () -> with.apply(bad), String.valueOf(bad));
            }
        }
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThrows(IllegalArgumentException.class, () -> D.withAlpha(bad), String.valueOf(bad));
        }
        assertThrows(IllegalArgumentException.class, () -> D.withHashBits(ModelOptions.MIN_HASH_BITS - 1));
        assertThrows(IllegalArgumentException.class, () -> D.withHashBits(ModelOptions.MAX_HASH_BITS + 1));
        assertThrows(IllegalArgumentException.class, () -> D.withCrosses(true));
    }

    @Test
    void reranksWhenRecencyOrTokenHabitsWeigh() {
        assertTrue(D.reranks());
        assertTrue(D.withRecency(0).reranks());
        assertTrue(D.withTokenHabits(0).reranks());
        assertFalse(D.withRecency(0).withTokenHabits(0).reranks());
        assertFalse(new ModelOptions(1, false, false, 20).reranks());
    }
}
