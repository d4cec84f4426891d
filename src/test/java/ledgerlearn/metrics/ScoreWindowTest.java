package ledgerlearn.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

final class ScoreWindowTest {

    @Test
    void takesOnlyTheLastNPairs() {
        ScoreWindow window = ScoresTest.windowOf("a:b a:b a:b a:a b:b");

        Scores lastTwo = window.scores(2, Average.MACRO);
        Scores lastThree = window.scores(3, Average.MACRO);

        assertEquals(new Scores(1.0, 1.0, 1.0, 2, Average.MACRO, 0.5), lastTwo);
        assertEquals(3, lastThree.n());
        assertEquals(2.0 / 3, lastThree.accuracy());
    }

    @Test
    void usesEveryPairWhenNExceedsTheSize() {
        ScoreWindow window = ScoresTest.windowOf("a:b a:a b:b");

        Scores scores = window.scores(Integer.MAX_VALUE, Average.MICRO);

        assertEquals(3, scores.n());
        assertEquals(2.0 / 3, scores.accuracy());
    }

    @ParameterizedTest
    @EnumSource(Average.class)
    void emptyWindowGivesNoSamplesAndNullScores(Average average) {
        ScoreWindow window = new ScoreWindow();

        assertEquals(Scores.empty(average), window.scores(5, average));
        assertEquals(Scores.empty(average), window.scores(5, average, "C1"));
        assertTrue(window.curve(10, average).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void rejectsNBelowOne(int n) {
        ScoreWindow window = ScoresTest.windowOf("a:a");

        IllegalArgumentException thrown =
                assertThrows(IllegalArgumentException.class, () -> window.scores(n, Average.MACRO));
        assertEquals("n must be >= 1, got " + n, thrown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> window.scores(n, Average.MACRO, "C1"));
    }

    @Test
    void rejectsMissingLabelsAndCompany() {
        ScoreWindow window = new ScoreWindow();

        assertThrows(NullPointerException.class, () -> window.add(null, "a"));
        assertThrows(NullPointerException.class, () -> window.add("a", null));
        assertThrows(NullPointerException.class, () -> window.add(null, "a", "a"));
        assertEquals(0, window.size());
    }

    @Test
    void countsEveryPairAdded() {
        ScoreWindow window = new ScoreWindow();
        assertEquals(0, window.size());

        for (int i = 0; i < 5000; i++) {
            window.add("C" + i % 3, "L" + i % 11, "L" + i % 7);
        }

        assertEquals(5000, window.size());
        assertEquals(5000, window.scores(Integer.MAX_VALUE, Average.MACRO).n());
    }

    @Test
    void companyFilterScoresOnlyThatCompanysLastPairs() {
        ScoreWindow window = new ScoreWindow();
        window.add("C1", "a", "b");
        window.add("C2", "a", "a");
        window.add("C1", "a", "a");
        window.add("C2", "b", "a");
        window.add("C1", "b", "b");
        window.add("C2", "b", "c");

        Scores lastTwoOfC1 = window.scores(2, Average.MACRO, "C1");
        Scores everyC2 = window.scores(100, Average.MICRO, "C2");
        Scores lastTwoOfAll = window.scores(2, Average.MICRO, null);

        assertEquals(new Scores(1.0, 1.0, 1.0, 2, Average.MACRO, 0.5), lastTwoOfC1);
        assertEquals(new Scores(1.0 / 3, 1.0 / 3, 1.0 / 3, 3, Average.MICRO, 2.0 / 3), everyC2);
        assertEquals(new Scores(0.5, 0.5, 0.5, 2, Average.MICRO, 1.0), lastTwoOfAll);
    }

    @Test
    void unknownCompanyGivesEmptyScores() {
        ScoreWindow window = new ScoreWindow();
        window.add("C1", "a", "a");

        assertEquals(Scores.empty(Average.WEIGHTED), window.scores(10, Average.WEIGHTED, "C9"));
    }

    @Test
    void pairsAddedWithoutCompanyBelongToTheEmptyCompany() {
        ScoreWindow window = new ScoreWindow();
        window.add("a", "a");
        window.add("C1", "a", "b");

        assertEquals(new Scores(1.0, 1.0, 1.0, 1, Average.MICRO, 1.0), window.scores(10, Average.MICRO, ""));
    }

    @Test
    void companyFilterAgreesWithAWindowOfThatCompanyAlone() {
        List<RandomPairs.Pair> pairs = RandomPairs.generate(11, 3000, 9, 5);
        ScoreWindow window = RandomPairs.windowOf(pairs);
        List<RandomPairs.Pair> onlyC3 = pairsOf(pairs, Set.of("C3"));
        ScoreWindow alone = RandomPairs.windowOf(onlyC3);

        for (Average average : Average.values()) {
            for (int n : new int[] {1, 7, 100, onlyC3.size(), 10_000}) {
                assertClose(alone.scores(n, average), window.scores(n, average, "C3"));
            }
        }
    }

    @Test
    void aSetOfCompaniesIsScoredAsAWindowOfTheirPairsAloneInStreamOrder() {
        List<RandomPairs.Pair> pairs = RandomPairs.generate(13, 3000, 9, 5);
        ScoreWindow window = RandomPairs.windowOf(pairs);
        List<RandomPairs.Pair> onlyTwo = pairsOf(pairs, Set.of("C1", "C4"));
        ScoreWindow alone = RandomPairs.windowOf(onlyTwo);
        Set<String> companies = Set.of("C1", "C4", "never seen");

        assertEquals(onlyTwo.size(), window.sizeOf(companies));
        for (Average average : Average.values()) {
            for (int n : new int[] {1, 7, 100, onlyTwo.size(), 10_000}) {
                assertClose(alone.scores(n, average), window.scoresOf(n, average, companies));
            }
            List<Scores> curve = window.curveOf(100, average, companies);
            List<Scores> expected = alone.curve(100, average);
            assertEquals(expected.size(), curve.size());
            for (int i = 0; i < curve.size(); i++) {
                assertClose(expected.get(i), curve.get(i));
            }
        }
    }

    @Test
    void aSetOfCompaniesNeverSeenScoresNothing() {
        ScoreWindow window = ScoresTest.windowOf("a:b a:a");

        assertEquals(0, window.sizeOf(Set.of("x")));
        assertEquals(Scores.empty(Average.MACRO), window.scoresOf(5, Average.MACRO, Set.of("x", "y")));
        assertTrue(window.curveOf(5, Average.MACRO, Set.of()).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> window.scoresOf(0, Average.MACRO, Set.of("x")));
    }

    @Test
    void aWindowSumsToTheSameBitsWhateverOrderItsPairsCameIn() {
        List<RandomPairs.Pair> pairs = RandomPairs.generate(17, 400, 40, 1);
        List<RandomPairs.Pair> reversed = new ArrayList<>(pairs);
        java.util.Collections.reverse(reversed);
        // the same label ids in both: every label booked once, in the same order, before the window
        ScoreWindow forward = new ScoreWindow();
        ScoreWindow backward = new ScoreWindow();
        for (int label = 0; label <= 40; label++) {
            forward.add("C0", "L" + label, "L" + label);
            backward.add("C0", "L" + label, "L" + label);
        }
        pairs.forEach(pair -> forward.add(pair.company(), pair.booked(), pair.predicted()));
        reversed.forEach(pair -> backward.add(pair.company(), pair.booked(), pair.predicted()));

        for (Average average : Average.values()) {
            assertEquals(forward.scores(pairs.size(), average), backward.scores(pairs.size(), average), average.label());
        }
    }

    @Test
    void scoresEachOfTwentyCompaniesAsAWindowOfItsOwn() {
        List<RandomPairs.Pair> pairs = RandomPairs.generate(13, 4000, 9, 20);
        ScoreWindow window = RandomPairs.windowOf(pairs);

        for (int c = 0; c < 20; c++) {
            String company = "C" + c;
            ScoreWindow alone = RandomPairs.windowOf(pairs.stream().filter(p -> p.company().equals(company)).toList());
            for (Average average : Average.values()) {
                assertClose(alone.scores(50, average), window.scores(50, average, company));
            }
        }
    }

    @Test
    void scoresAWindowThatHoldsEveryLabelKnownWhateverTheirNumber() {
        for (int labels = 1; labels <= 50; labels++) {
            ScoreWindow window = new ScoreWindow();
            for (int label = 0; label < labels; label++) {
                window.add("L" + label, "L" + label);
            }

            assertEquals(new Scores(1.0, 1.0, 1.0, labels, Average.MACRO, 1.0 / labels),
                    window.scores(labels, Average.MACRO), labels + " labels");
        }
    }

    @Test
    void growsArraysByHalfPlusSixteenAndNeverPastTheLargestArrayAJvmAllows() {
        assertEquals(16, ScoreWindow.grownLength(0));
        assertEquals(1024 + 512 + 16, ScoreWindow.grownLength(1024));
        assertEquals(Integer.MAX_VALUE - 8, ScoreWindow.grownLength(2_000_000_000));
    }

    @Test
    void curveScoresConsecutiveWindowsFromTheStart() {
        ScoreWindow window = ScoresTest.windowOf("a:a a:b b:b b:b c:a");

        List<Scores> curve = window.curve(2, Average.MICRO);

        assertEquals(List.of(
                new Scores(0.5, 0.5, 0.5, 2, Average.MICRO, 1.0),
                new Scores(1.0, 1.0, 1.0, 2, Average.MICRO, 1.0),
                new Scores(0.0, 0.0, 0.0, 1, Average.MICRO, 1.0)), curve);
    }

    @Test
    void curveHasNoTrailingEmptyWindowWhenTheSizeDividesEvenly() {
        ScoreWindow window = ScoresTest.windowOf("a:a a:b b:b b:b");

        assertEquals(2, window.curve(2, Average.MACRO).size());
        assertEquals(1, window.curve(4, Average.MACRO).size());
        assertEquals(1, window.curve(Integer.MAX_VALUE, Average.MACRO).size());
        assertEquals(4, window.curve(1, Average.MACRO).size());
    }

    @Test
    void curveWindowsEqualTheScoresOfEachWindowAlone() {
        List<RandomPairs.Pair> pairs = RandomPairs.generate(42, 200, 7, 3);
        ScoreWindow window = RandomPairs.windowOf(pairs);

        for (Average average : Average.values()) {
            List<Scores> curve = window.curve(30, average);
            assertEquals(7, curve.size());
            for (int i = 0; i < curve.size(); i++) {
                List<RandomPairs.Pair> slice = pairs.subList(i * 30, Math.min(pairs.size(), (i + 1) * 30));
                assertClose(RandomPairs.windowOf(slice).scores(30, average), curve.get(i));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -5})
    void curveRejectsWindowSizeBelowOne(int windowSize) {
        ScoreWindow window = ScoresTest.windowOf("a:a");

        IllegalArgumentException thrown =
                assertThrows(IllegalArgumentException.class, () -> window.curve(windowSize, Average.MACRO));
        assertEquals("windowSize must be >= 1, got " + windowSize, thrown.getMessage());
    }

    @Test
    void concurrentAddersAndReadersLoseNoPair() throws Exception {
        int adders = 4;
        int perAdder = 20_000;
        ScoreWindow window = new ScoreWindow();
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger addersLeft = new AtomicInteger(adders);
        ExecutorService pool = Executors.newFixedThreadPool(adders + 2);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int a = 0; a < adders; a++) {
                String company = "C" + a;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perAdder; i++) {
                        String booked = "L" + i % 13;
                        // every other pair right, so each company's accuracy is exactly one half
                        window.add(company, booked, i % 2 == 0 ? booked : "L" + (i + 1) % 13);
                    }
                    addersLeft.decrementAndGet();
                    return null;
                }));
            }
            for (int r = 0; r < 2; r++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    int lastN = 0;
                    do {
                        Scores scores = window.scores(500, Average.WEIGHTED);
                        assertTrue(scores.n() >= lastN && scores.n() <= 500, "n " + scores.n());
                        lastN = scores.n();
                        if (lastN > 0) {
                            assertTrue(scores.accuracy() >= 0 && scores.accuracy() <= 1);
                            assertTrue(scores.precision() >= 0 && scores.precision() <= 1);
                        }
                        window.scores(50, Average.MACRO, "C1");
                    } while (addersLeft.get() > 0);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals((long) adders * perAdder, window.size());
        Scores all = window.scores(Integer.MAX_VALUE, Average.MICRO);
        assertEquals(adders * perAdder, all.n());
        assertEquals(0.5, all.accuracy());
        for (int a = 0; a < adders; a++) {
            Scores company = window.scores(Integer.MAX_VALUE, Average.MICRO, "C" + a);
            assertEquals(perAdder, company.n());
            assertEquals(0.5, company.accuracy());
        }
    }

    /** The pairs of {@code companies}, in stream order. */
    private static List<RandomPairs.Pair> pairsOf(List<RandomPairs.Pair> pairs, Set<String> companies) {
        return pairs.stream().filter(pair -> companies.contains(pair.company())).toList();
    }

    private static void assertClose(Scores expected, Scores actual) {
        assertEquals(expected.n(), actual.n(), "n");
        assertEquals(expected.average(), actual.average(), "average");
        assertEquals(expected.precision(), actual.precision(), 1e-12, "precision");
        assertEquals(expected.recall(), actual.recall(), 1e-12, "recall");
        assertEquals(expected.accuracy(), actual.accuracy(), 1e-12, "accuracy");
        assertEquals(expected.baseline(), actual.baseline(), 1e-12, "baseline");
    }
}
