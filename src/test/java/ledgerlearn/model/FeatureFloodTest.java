package ledgerlearn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Random;
import ledgerlearn.sample.Transaction;
import org.junit.jupiter.api.Test;

/** Text tokens are hashed into a fixed number of buckets, so never-seen tokens cannot grow the model without end. */
final class FeatureFloodTest {
    private static final long SEED = 42L;
    private static final int BITS = 12;
    private static final int SAMPLES = 40_000;
    private static final int TOKENS_PER_SAMPLE = 5;

    @Test
    void floodOfNeverSeenTokensFillsTheBucketsAndThenAddsNoFeature() {
        NaiveBayes model = new NaiveBayes(ModelOptions.DEFAULT.withHashBits(BITS));
        Random random = new Random(SEED);

        flood(model, random);
        int afterFirstFlood = model.distinctFeatures();
        flood(model, random);

        // company, amount and month are hashed into the same buckets as the tokens
        assertEquals(1 << BITS, afterFirstFlood, "the first flood filled every bucket, and no more");
        assertEquals(afterFirstFlood, model.distinctFeatures(), "the second flood added no feature");
        assertFalse(model.predict(new Transaction("int:c1", "2016-02-29", "str:never-seen", "> -1000"), 3).isEmpty());
        System.out.printf("reliability: %d never-seen tokens into a model of 2^%d buckets: %d features after the"
                + " first half, %d after the second%n", 2L * SAMPLES * TOKENS_PER_SAMPLE, BITS, afterFirstFlood,
                model.distinctFeatures());
    }

    private static void flood(NaiveBayes model, Random random) {
        for (int i = 0; i < SAMPLES; i++) {
            StringBuilder text = new StringBuilder();
            for (int t = 0; t < TOKENS_PER_SAMPLE; t++) {
                text.append(t == 0 ? "" : " ").append("str:").append(Long.toHexString(random.nextLong()));
            }
            model.learn(new Transaction("int:c" + (i % 10), "2016-02-29", text.toString(), "> -1000"), "acc" + (i % 7));
        }
    }
}
