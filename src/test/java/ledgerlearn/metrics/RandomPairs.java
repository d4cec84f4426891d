package ledgerlearn.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A seeded stream of scored pairs with skewed classes and one label that is only ever predicted. */
final class RandomPairs {
    private RandomPairs() {
    }

    record Pair(String company, String booked, String predicted) {
    }

    /** {@code count} pairs over {@code labels} booked labels, right about 60% of the time. */
    static List<Pair> generate(long seed, int count, int labels, int companies) {
        Random random = new Random(seed);
        List<Pair> pairs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String company = "C" + random.nextInt(companies);
            String booked = "L" + Math.min(random.nextInt(labels), random.nextInt(labels));
            String predicted = random.nextInt(10) < 6 ? booked : "L" + random.nextInt(labels + 1);
            pairs.add(new Pair(company, booked, predicted));
        }
        return pairs;
    }

    static ScoreWindow windowOf(List<Pair> pairs) {
        ScoreWindow window = new ScoreWindow();
        for (Pair pair : pairs) {
            window.add(pair.company(), pair.booked(), pair.predicted());
        }
        return window;
    }
}
