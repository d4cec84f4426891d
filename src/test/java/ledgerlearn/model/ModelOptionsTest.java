package ledgerlearn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

final class ModelOptionsTest {
    private static final ModelOptions D = ModelOptions.DEFAULT;

    @Test
    void smoothingWeightsMustBePositiveFiniteNumbers() {
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThrows(IllegalArgumentException.class, () -> D.withAlpha(bad), String.valueOf(bad));
            assertThrows(IllegalArgumentException.class, () -> D.withCompanyModel(bad), String.valueOf(bad));
        }
        assertEquals(0.01, D.withAlpha(0.01).alpha());
        assertEquals(new ModelOptions(D.alpha(), 50, D.maxFeatures()), D.withCompanyModel(50));
    }

    @Test
    void theFeatureBoundHasAFloor() {
        assertThrows(IllegalArgumentException.class, () -> D.withMaxFeatures(ModelOptions.MIN_FEATURES - 1));
        assertEquals(ModelOptions.MIN_FEATURES, D.withMaxFeatures(ModelOptions.MIN_FEATURES).maxFeatures());
    }
}
