package ledgerlearn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import ledgerlearn.sample.Transaction;
import ledgerlearn.snapshot.StateInput;
import org.junit.jupiter.api.Test;

final class NaiveBayesTest {

    /** A naive Bayes with the ids its features get, as the model gives them. */
    private static final class Counts {
        final FeatureIds ids = new FeatureIds(1000);
        final NaiveBayes bayes;

        Counts(double alpha, double mu) {
            bayes = new NaiveBayes(alpha, mu, 1000);
        }

        Counts learn(String company, String text, String amount, String account) {
            Encoded encoded = Features.encode(new Transaction(company, "2016-02-29", text, amount));
            int[] featureIds = new int[encoded.keys().length];
            for (int i = 0; i < featureIds.length; i++) {
                featureIds[i] = ids.intern(encoded.keys()[i]);
            }
            bayes.learn(encoded, featureIds, account);
            return this;
        }

        /** The scores of {@code candidates} (all classes when null: the query's own candidates). */
        double[] scores(Transaction query, int[] candidates) {
            Encoded encoded = Features.encode(query);
            int[] featureIds = new int[encoded.keys().length];
            for (int i = 0; i < featureIds.length; i++) {
                featureIds[i] = ids.find(encoded.keys()[i]);
            }
            CompanyCounts company = bayes.company(query.companyId());
            int[] offered = candidates != null ? candidates
                    : company != null ? company.classes() : bayes.candidates(encoded, featureIds, null);
            double[] scores = new double[offered.length];
            bayes.scores(encoded, featureIds, company, offered, offered.length, scores, false, new Evidence.Scratch());
            return scores;
        }
    }

    /** The scikit-learn example (see unknownCompanyIsScoredAsScikitLearnsMultinomialNB). */
    private static Counts example(double alpha) {
        return new Counts(alpha, 100)
                .learn("int:a", "str:rent str:rent int:42", "> -1000", "4000")
                .learn("int:a", "str:coffee shop", "> -100", "6700")
                .learn("int:b", "str:rent", "> -10000", "4000")
                .learn("int:a", "str:coffee", "> -100", "6700")
                .learn("int:b", "str:salary str:june", "big positive", "1000")
                .learn("int:a", "", "> -100", "6700")
                .learn("int:b", "str:coffee str:rent", "> -1000", "4000")
                .learn("int:a", "str:salary", "big positive", "1000");
    }

    @Test
    void countsSamplesAndTheGlobalVocabularyAsCheckedByHand() {
        Counts counts = example(0.3);

        assertEquals(8, counts.bayes.sampleCount());
        assertEquals(3, counts.bayes.classCount());
        assertEquals(List.of("4000", "6700", "1000"), List.of(counts.bayes.name(0), counts.bayes.name(1), counts.bayes.name(2)));
        assertEquals(-1, counts.bayes.classOf("9999"));
        // rent, 42, coffee, shop, salary, june and four amounts; the company twins are not the global model's
        assertEquals(List.of(3, 3, 2), List.of(counts.bayes.samples(0), counts.bayes.samples(1), counts.bayes.samples(2)));
        int rent = counts.ids.find(Features.tokenKey("str:rent"));
        assertEquals(4, counts.bayes.features().count(rent, 0));
        assertEquals(0, counts.bayes.features().count(rent, 1));
        assertNull(counts.bayes.company("int:zzz"));
        assertEquals(5, counts.bayes.company("int:a").total());
    }

    @Test
    void unknownCompanyIsScoredAsScikitLearnsMultinomialNB() {
        // MultinomialNB(alpha=0.3).fit(X, y) on the count matrix of the tokens and amounts (scikit-learn 1.9.1):
        // _joint_log_likelihood per query, columns 4000, 6700, 1000
        Counts counts = example(0.3);
        List<Transaction> queries = List.of(
                new Transaction("int:zzz", "2016-03-12", "str:coffee str:unknown", "> -100"),
                new Transaction(null, null, "str:rent str:rent", null),
                new Transaction("int:zzz", null, "str:salary", null),
                new Transaction(null, "2017-12-01", "nothing known", "< 10"),
                new Transaction("int:zzz", "2016-04-01", "str:coffee str:coffee str:rent", "> -1000"));
        double[][] expected = {
            {-6.892251092446172, -3.3484468162766268, -7.953123053131435},
            {-3.033412507188693, -7.783224016336038, -7.953123053131435},
            {-4.669708707125663, -4.382026634673882, -2.6328267798646223},
            {-0.980829253011726, -0.980829253011726, -1.3862943611198904},
            {-8.104203177594124, -10.511854925138268, -14.51995174514298}};
        for (int q = 0; q < queries.size(); q++) {
            assertArrayEquals(expected[q], counts.scores(queries.get(q), new int[] {0, 1, 2}), 1e-9, "query " + q);
            // the candidates of an unknown company: every class its features saw, and the most booked ones
            assertArrayEquals(expected[q], counts.scores(queries.get(q), null), 1e-9, "query " + q);
        }
    }

    @Test
    void knownCompanyIsScoredByTheCompanyModelAsItsFormulaComputedDirectly() {
        double alpha = 0.3;
        double mu = 10;
        Counts counts = new Counts(alpha, mu)
                .learn("int:a", "str:rent", "> -1000", "4000")
                .learn("int:a", "str:coffee", "> -100", "6700")
                .learn("int:b", "str:rent", "> -1000", "6700")
                .learn("int:a", "str:rent str:coffee", "> -1000", "4000");
        // company a: n = 3, n_4000 = 2 (twin occurrences m = 5: rent, amount, rent, coffee, amount), n_6700 = 1 (m = 2)
        // global: N = 4, N_4000 = 2 (features 5), N_6700 = 2 (features 4); V = rent, coffee, two amounts = 4
        double[] scores = counts.scores(new Transaction("int:a", null, "str:rent", "> -1000"), null);

        double v = 4;
        double g4000Rent = (2 + alpha) / (5 + alpha * v);
        double g4000Amount = (2 + alpha) / (5 + alpha * v);
        double g6700Rent = (1 + alpha) / (4 + alpha * v);
        double g6700Amount = (1 + alpha) / (4 + alpha * v);
        double prior4000 = (2 + 2.0 / 4) / (3 + 1);
        double prior6700 = (1 + 2.0 / 4) / (3 + 1);
        double s4000 = Math.log(prior4000) + Math.log((2 + mu * g4000Rent) / (5 + mu))
                + Math.log((2 + mu * g4000Amount) / (5 + mu));
        double s6700 = Math.log(prior6700) + Math.log((0 + mu * g6700Rent) / (2 + mu))
                + Math.log((0 + mu * g6700Amount) / (2 + mu));
        // the company's own accounts, ascending by class: 4000, 6700
        assertArrayEquals(new double[] {s4000, s6700}, scores, 1e-12);
    }

    @Test
    void aKnownCompanyIsOfferedItsOwnAccountsOnly() {
        Counts counts = example(0.3);
        Encoded encoded = Features.encode(new Transaction("int:b", null, "str:coffee", null));
        int[] ids = {counts.ids.find(encoded.keys()[0]), counts.ids.find(encoded.keys()[1])};

        // company b booked 4000 and 1000; 6700 is the coffee account of company a only
        CompanyCounts b = counts.bayes.company("int:b");
        assertArrayEquals(new int[] {0, 2}, java.util.Arrays.copyOf(counts.bayes.candidates(encoded, ids, b), b.size()));
    }

    @Test
    void anUnknownCompanyIsOfferedTheAccountsItsFeaturesSawAndTheMostBooked() {
        Counts counts = new Counts(0.3, 100);
        for (int i = 0; i < NaiveBayes.PRIOR_CANDIDATES + 3; i++) {
            for (int n = 0; n <= i; n++) {
                counts.learn("int:a", "str:t" + i, "> -100", "acc" + i);
            }
        }
        counts.learn("int:a", "str:rare", "> -100", "rare");
        Encoded encoded = Features.encode(new Transaction("int:new", null, "str:rare", null));
        int[] ids = {counts.ids.find(encoded.keys()[0])};

        int[] offered = counts.bayes.candidates(encoded, ids, null);

        // the eight most booked (acc3..acc10: classes 3..10) and the one that saw "str:rare" (class 11)
        assertArrayEquals(new int[] {3, 4, 5, 6, 7, 8, 9, 10, 11}, offered);
    }

    @Test
    void aTokenSeenWithMoreAccountsThanTheQueryMayGetIsCorrectedAsIfScanned() {
        // "str:common" is booked with 30 accounts of company b; company a has two, so its corrections are
        // looked up per candidate instead of scanning the token's row: both must give the formula's scores
        Counts counts = new Counts(0.5, 100);
        for (int i = 0; i < 30; i++) {
            counts.learn("int:b", "str:common", "> -100", "acc" + i);
        }
        counts.learn("int:a", "str:common", "> -100", "acc3");
        counts.learn("int:a", "str:other", "> -100", "acc7");

        double[] viaLookup = counts.scores(new Transaction(null, null, "str:common", null), new int[] {3, 7});
        double[] viaScan = counts.scores(new Transaction(null, null, "str:common", null), allClasses(30));

        assertEquals(viaScan[3], viaLookup[0], 1e-12);
        assertEquals(viaScan[7], viaLookup[1], 1e-12);
        // acc3: N = 32, N_c = 2 samples with 4 global features, 2 of them "str:common"; V = common, other, amount
        double expected = Math.log(2.0 / 32) + Math.log((2 + 0.5) / (4 + 0.5 * 3));
        assertEquals(expected, viaLookup[0], 1e-12);
    }

    private static int[] allClasses(int n) {
        int[] classes = new int[n];
        for (int i = 0; i < n; i++) {
            classes[i] = i;
        }
        return classes;
    }

    @Test
    void theFirstFeatureEverLearntStillOffersItsAccountToAnUnknownCompany() {
        Counts counts = new Counts(0.3, 100);
        counts.learn("int:a", "str:first", null, "rare");
        for (int i = 0; i < NaiveBayes.PRIOR_CANDIDATES; i++) {
            for (int n = 0; n < 3; n++) {
                counts.learn("int:a", "str:t" + i, null, "acc" + i);
            }
        }
        Encoded encoded = Features.encode(new Transaction("int:new", null, "str:first", null));
        int[] ids = {counts.ids.find(encoded.keys()[0]), -1};

        assertEquals(0, ids[0], "the first feature's id");
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8}, counts.bayes.candidates(encoded, ids, null));
    }

    @Test
    void theMostBookedAccountsAreKeptAfterEverySampleTiesGoingToTheEarlierAccount() {
        Counts counts = new Counts(0.3, 100);
        Random random = new Random(11);
        Encoded nothing = Features.encode(new Transaction(null, null, null, null));
        for (int i = 0; i < 600; i++) {
            // skewed towards the first accounts, so that places change often and ties happen
            int account = Math.min(random.nextInt(14), random.nextInt(14));
            counts.learn("int:a", null, null, "acc" + account);

            List<Integer> classes = new ArrayList<>();
            for (int c = 0; c < counts.bayes.classCount(); c++) {
                classes.add(c);
            }
            classes.sort(Comparator.comparing((Integer c) -> -counts.bayes.samples(c)).thenComparing(c -> c));
            int[] expected = classes.subList(0, Math.min(NaiveBayes.PRIOR_CANDIDATES, classes.size())).stream()
                    .mapToInt(Integer::intValue).sorted().toArray();
            assertArrayEquals(expected, counts.bayes.candidates(nothing, new int[0], null), "after sample " + i);
        }
    }

    @Test
    void aTieForTheLastPlaceKeepsTheEarlierAccountEvenTheFirst() {
        Counts counts = new Counts(0.3, 100);
        counts.learn("int:a", null, null, "first");
        for (int c = 1; c < NaiveBayes.PRIOR_CANDIDATES; c++) {
            for (int n = 0; n < 5; n++) {
                counts.learn("int:a", null, null, "acc" + c);
            }
        }
        counts.learn("int:a", null, null, "late");
        Encoded nothing = Features.encode(new Transaction(null, null, null, null));

        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, counts.bayes.candidates(nothing, new int[0], null));
        counts.learn("int:a", null, null, "late");
        assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6, 7, 8}, counts.bayes.candidates(nothing, new int[0], null),
                "two samples beat one");
    }

    @Test
    void countsBeyondTheGainTableAreScoredAsTheFormula() {
        double alpha = 0.3;
        Counts counts = new Counts(alpha, 100);
        for (int n = 0; n < 4100; n++) {
            counts.learn("int:a", "str:x", null, "a");
        }
        counts.learn("int:a", "str:y", null, "b");

        double[] scores = counts.scores(new Transaction(null, null, "str:x", null), new int[] {0, 1});

        // V = 2 (x, y); a: 4100 samples of one feature each; b: one
        assertEquals(Math.log(4100.0 / 4101) + Math.log((4100 + alpha) / (4100 + alpha * 2)), scores[0], 1e-12);
        assertEquals(Math.log(1.0 / 4101) + Math.log(alpha / (1 + alpha * 2)), scores[1], 1e-12);
    }

    @Test
    void aQueryWithManyTokensIsScoredAsTheFormula() {
        double alpha = 0.5;
        Counts counts = new Counts(alpha, 100);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            text.append(" str:w").append(i);
        }
        counts.learn("int:a", text.toString(), null, "a");
        counts.learn("int:a", "str:other", null, "b");

        double[] scores = counts.scores(new Transaction("int:new", null, text.toString(), null), new int[] {0, 1});

        // V = 21; a saw each of the 20 tokens once in 20 features, b none of them in 1
        assertEquals(Math.log(0.5) + 20 * Math.log((1 + alpha) / (20 + alpha * 21)), scores[0], 1e-12);
        assertEquals(Math.log(0.5) + 20 * Math.log(alpha / (1 + alpha * 21)), scores[1], 1e-12);
    }

    private static NaiveBayes readBack(NaiveBayes bayes, double alpha, double mu) {
        return States.roundTrip(bayes::write, in -> {
            NaiveBayes read = new NaiveBayes(alpha, mu, 1000);
            read.read(in);
            return read;
        });
    }

    @Test
    void countsReadBackScoreAndLearnOnAsTheOriginal() {
        Counts original = example(0.3);
        // two companies whose names share a hash code, learnt out of their order
        original.learn("int:BB", "str:rent", "> -1000", "4000").learn("int:Aa", "str:coffee", "> -100", "6700");
        Counts read = new Counts(0.3, 100);
        for (long key : original.ids.keysInIdOrder()) {
            read.ids.intern(key);
        }
        read.bayes.read(new StateInput(States.bytes(original.bayes::write)));

        assertEquals(original.bayes.digest(5), read.bayes.digest(5));
        assertEquals(original.bayes.sampleCount(), read.bayes.sampleCount());
        assertEquals(original.bayes.classCount(), read.bayes.classCount());
        assertEquals("1000", read.bayes.name(2));
        assertEquals(2, read.bayes.classOf("1000"));
        List<Transaction> queries = List.of(
                new Transaction("int:zzz", "2016-03-12", "str:coffee str:unknown", "> -100"),
                new Transaction("int:a", null, "str:rent str:rent", null),
                new Transaction("int:b", null, "str:salary", "big positive"),
                new Transaction(null, null, null, null));
        for (Transaction q : queries) {
            assertArrayEquals(original.scores(q, null), read.scores(q, null), 0, q.toString());
        }
        for (Counts counts : List.of(original, read)) {
            counts.learn("int:a", "str:new str:rent", "> -100", "5000").learn("int:c", "str:coffee", "> -100", "6700");
        }
        assertEquals(original.bayes.digest(5), read.bayes.digest(5));
        for (Transaction q : queries) {
            assertArrayEquals(original.scores(q, null), read.scores(q, null), 0, q.toString());
        }
        NaiveBayes empty = readBack(new NaiveBayes(0.3, 100, 1000), 0.3, 100);
        assertEquals(0, empty.classCount());
        assertEquals(new NaiveBayes(0.3, 100, 1000).digest(5), empty.digest(5));
    }

    @Test
    void countsAreReadOnlyIntoAnEmptyNaiveBayesAndOnlyWhenConsistent() {
        byte[] bytes = States.bytes(example(0.3).bayes::write);
        assertThrows(StateInput.CorruptStateException.class, () -> example(0.3).bayes.read(new StateInput(bytes)));

        byte[] negative = States.bytes(out -> out.writeInt(-1).writeLong(0).writeInt(0));
        assertThrows(StateInput.CorruptStateException.class,
                () -> new NaiveBayes(0.3, 100, 1000).read(new StateInput(negative)));
        int[] top = new int[NaiveBayes.PRIOR_CANDIDATES];
        for (int[] lengths : new int[][] {{2, 1, top.length}, {1, 2, top.length}, {1, 1, top.length - 1}}) {
            byte[] inconsistent = States.bytes(out -> out.writeInt(1).writeLong(1).writeInt(0).writeString("6000")
                    .writeInts(new int[2], lengths[0]).writeLongs(new long[2], lengths[1]).writeInts(top, lengths[2]));
            assertThrows(StateInput.CorruptStateException.class,
                    () -> new NaiveBayes(0.3, 100, 1000).read(new StateInput(inconsistent)), Arrays.toString(lengths));
        }
    }

    @Test
    void countsThatDifferInAnAccountsNameOrACompanyHaveDifferentDigests() {
        Counts first = new Counts(0.3, 100).learn("int:a", "str:x", null, "6000");
        Counts renamed = new Counts(0.3, 100).learn("int:a", "str:x", null, "6100");
        Counts otherCompany = new Counts(0.3, 100).learn("int:b", "str:x", null, "6000");

        assertNotEquals(first.bayes.digest(0), renamed.bayes.digest(0));
        assertNotEquals(first.bayes.digest(0), otherCompany.bayes.digest(0));
        assertEquals(first.bayes.digest(0), new Counts(0.3, 100).learn("int:a", "str:x", null, "6000").bayes.digest(0));
    }
}
