package ledgerlearn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import ledgerlearn.sample.Transaction;
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
}
