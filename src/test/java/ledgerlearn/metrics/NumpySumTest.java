package ledgerlearn.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Sums of 1/3, 1/4, ..., 1/(n+2), expected as numpy 2.4's {@code np.add.reduce} gives them, to the bit. */
final class NumpySumTest {

    @ParameterizedTest(name = "n = {0}")
    @CsvSource({
            "0, 0.0",
            "7, 1.328968253968254",
            "8, 1.4289682539682538",
            "9, 1.5198773448773446",
            "100, 3.707082429307257",
            "128, 3.948591338265976",
            "129, 3.956224926052236",
            "300, 4.789297397713862",
            "1000, 5.987467865541362"})
    void sumsAsNumpyDoesNotOneAfterAnother(int n, double numpy) {
        double[] values = new double[n];
        double oneAfterAnother = 0;
        for (int i = 0; i < n; i++) {
            values[i] = 1.0 / (i + 3);
            oneAfterAnother += values[i];
        }

        assertEquals(numpy, NumpySum.of(values, n));
        if (n >= 8) {
            // the point of it: the plain sum differs in the last bits
            org.junit.jupiter.api.Assertions.assertNotEquals(numpy, oneAfterAnother);
        }
    }
}
