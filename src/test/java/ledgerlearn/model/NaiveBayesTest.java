package ledgerlearn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import ledgerlearn.sample.Transaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

final class NaiveBayesTest {

    private record Booked(Transaction transaction, String account) {}

    private static Booked booked(String company, String date, String text, String amount, String account) {
        return new Booked(new Transaction(company, date, text, amount), account);
    }

    /** The scikit-learn example, also run through {@code MultinomialNB} (see matchesScikitLearnMultinomialNB). */
    private static final List<Booked> EXAMPLE = List.of(
            booked("int:a", "2016-02-29", "str:rent str:rent int:42", "> -1000", "4000"),
            booked("int:a", "2016-03-01", "str:coffee shop", "> -100", "6700"),
            booked("int:b", "2016-03-15", "str:rent", "> -10000", "4000"),
            booked("int:a", "2016-03-31", "str:coffee", "> -100", "6700"),
            booked("int:b", "2016-04-02", "str:salary str:june", "big positive", "1000"),
            booked("int:a", "2016-04-30", "", "> -100", "6700"),
            booked("int:b", "2016-05-02", "str:coffee str:rent", "> -1000", "4000"),
            booked("int:a", "2016-05-03", "str:salary", "big positive", "1000"));

    private static final List<Transaction> EXAMPLE_QUERIES = List.of(
            new Transaction("int:a", "2016-03-12", "str:coffee str:unknown", "> -100"),
            new Transaction("int:b", null, "str:rent str:rent", null),
            new Transaction(null, null, "str:salary", null),
            new Transaction("int:zzz", "2017-12-01", "nothing known", "< 10"),
            new Transaction("int:a", "2016-04-01", "str:coffee str:coffee str:rent", "> -1000"));

    /** One multinomial naive Bayes over company, tokens, amount and month, as scikit-learn's MultinomialNB(alpha=1). */
    private static final ModelOptions PLAIN = new ModelOptions(1.0, true, false, 20);

    private static NaiveBayes trained(ModelOptions options, List<Booked> samples) {
        NaiveBayes model = new NaiveBayes(options);
        for (Booked b : samples) {
            model.learn(b.transaction(), b.account());
        }
        return model;
    }

    static Stream<ModelOptions> optionSets() {
        ModelOptions d = PLAIN;
        ModelOptions company = ModelOptions.DEFAULT;
        return Stream.of(
                d,
                d.withAlpha(0.01).withMonth(false).withCrosses(true),
                d.withCompanyGate(true),
                d.withExactMemory(true),
                d.withAlpha(0.03).withCrosses(true).withCompanyGate(true).withExactMemory(true),
                d.withHashBits(6).withCrosses(true),
                company,
                company.withCompanyGate(false).withExactMemory(false).withMonth(true),
                company.withCompanyModel(3).withAlpha(1),
                company.withSplitMemory(false).withGlobalPrior(0),
                d.withSplitMemory(true).withGlobalPrior(2),
                d.withCompanyGate(true).withSplitMemory(true),
                company.withRecency(0).withTokenHabits(0),
                company.withRecency(0),
                d.withRecency(1.5),
                d.withAlpha(0.01).withMonth(false).withCrosses(true).withRecency(0.5).withTokenHabits(8),
                // 64 buckets and at most 32 extra (bucket, account) pairs: collisions and the pair cap
                company.withHashBits(6));
    }

    @Test
    void countsSamplesAndFeaturesAsCheckedByHand() {
        NaiveBayes model = trained(PLAIN, EXAMPLE.subList(0, 3));

        assertEquals(3, model.sampleCount());
        assertEquals(2, model.classCount());
        assertEquals(2, model.samplesOf("4000"));
        assertEquals(1, model.samplesOf("6700"));
        // 4000: company, rent, rent, int:42, amount, month + company, rent, amount, month
        assertEquals(10, model.featureTotalOf("4000"));
        assertEquals(5, model.featureTotalOf("6700"));
        assertEquals(3, model.featureCountOf("t\u0001str:rent", "4000"));
        assertEquals(0, model.featureCountOf("t\u0001str:rent", "6700"));
        assertEquals(1, model.featureCountOf("m\u000103", "4000"));
        assertEquals(1, model.featureCountOf("m\u000103", "6700"));
        assertEquals(1, model.featureCountOf("c\u0001int:a", "6700"));
        // company a, b; rent, int:42, coffee, shop; three amounts; months 02, 03
        assertEquals(11, model.distinctFeatures());

        // (N_cf + 1) / (N_c + 1 * 11) for company b and rent, times the prior
        double[] scores = model.jointLogLikelihoods(new Transaction("int:b", null, "str:rent", null));
        assertEquals(Math.log(2.0 / 3) + Math.log(2.0 / 21) + Math.log(4.0 / 21), scores[0], 1e-12);
        assertEquals(Math.log(1.0 / 3) + Math.log(1.0 / 16) + Math.log(1.0 / 16), scores[1], 1e-12);
    }

    @Test
    void matchesScikitLearnMultinomialNB() {
        // MultinomialNB(alpha).fit(X, y) on the count matrix of the learnt features (scikit-learn 1.2.1);
        // per query: predict, _joint_log_likelihood and predict_proba, columns in order 4000, 6700, 1000.
        checkAgainstScikitLearn(PLAIN.withAlpha(0.5), 16,
                new String[] {"6700", "4000", "1000", "4000", "4000"},
                new double[][] {
                    {-12.999557972963778, -8.625650946488644, -14.393124170916426},
                    {-6.462866375372472, -12.047467615353536, -10.866763646300265},
                    {-4.809470649500821, -4.669708707125663, -3.3032169733019514},
                    {-0.9808292530117262, -0.9808292530117262, -1.3862943611198904},
                    {-16.850178276171647, -16.85070771510372, -20.34723293148064}},
                new double[][] {
                    {0.012406755481845529, 0.9845140288134363, 0.003079215704717545},
                    {0.9842666629325907, 0.003696164348117535, 0.012037172719291798},
                    {0.15015457088179007, 0.1726777565140585, 0.6771676726041514},
                    {0.375, 0.375, 0.25000000000000006},
                    {0.49266977398676165, 0.4924090044646173, 0.014921221548620732}});
        checkAgainstScikitLearn(PLAIN.withMonth(false).withCrosses(true), 21,
                new String[] {"6700", "4000", "1000", "4000", "6700"},
                new double[][] {
                    {-14.248781476410421, -9.997046199301646, -14.429095998500529},
                    {-12.783924792787428, -18.46336706034413, -17.863083202985674},
                    {-4.6443908991413725, -4.477336814478207, -3.721669276936927},
                    {-0.9808292530117262, -0.9808292530117262, -1.3862943611198904},
                    {-24.403218390598745, -23.172146228951238, -28.165044816441114}},
                new double[][] {
                    {0.013876905060222836, 0.9745357745578093, 0.011587320381968226},
                    {0.9904514452219046, 0.003382850092811874, 0.006165704685282949},
                    {0.21285892634207243, 0.2515605493133582, 0.5355805243445693},
                    {0.375, 0.375, 0.25000000000000006},
                    {0.22481302408198262, 0.7699620395113375, 0.005224936406681062}});
    }

    private static void checkAgainstScikitLearn(ModelOptions options, int vocabulary, String[] predicted,
                                                double[][] jointLogLikelihoods, double[][] probabilities) {
        NaiveBayes model = trained(options, EXAMPLE);
        assertEquals(vocabulary, model.distinctFeatures(), "no hash collisions in the example");
        String[] accounts = {"4000", "6700", "1000"};
        for (int q = 0; q < EXAMPLE_QUERIES.size(); q++) {
            Transaction query = EXAMPLE_QUERIES.get(q);
            assertEquals(List.of(predicted[q]), model.predict(query, 1), "query " + q);
            assertArrayEquals(jointLogLikelihoods[q], model.jointLogLikelihoods(query), 1e-9, "query " + q);
            List<Prediction> detailed = model.predictDetailed(query, 3);
            for (Prediction p : detailed) {
                int c = List.of(accounts).indexOf(p.account());
                assertEquals(probabilities[q][c], p.probability(), 1e-12, "query " + q + " " + p.account());
                assertEquals(Math.log(probabilities[q][c]), Math.log(p.probability()), 1e-9);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optionSets")
    void learningInBatchesEqualsTrainingFromScratch(ModelOptions options) {
        List<Booked> stream = randomStream(20240601L, 3000);
        List<Transaction> queries = new ArrayList<>(randomQueries(7L, 300));
        // the entry learnt last, booked again: a split, for the split memory
        queries.add(stream.get(stream.size() - 1).transaction());
        Random random = new Random(11L);

        NaiveBayes incremental = new NaiveBayes(options);
        int i = 0;
        while (i < stream.size()) {
            // predictions between batches must leave no trace in the model
            for (int q = random.nextInt(3); q > 0; q--) {
                Transaction query = queries.get(random.nextInt(queries.size()));
                incremental.predict(query, 1 + random.nextInt(4));
                incremental.predictDetailed(query, 1 + random.nextInt(4));
            }
            int end = Math.min(stream.size(), i + 1 + random.nextInt(40));
            for (; i < end; i++) {
                Booked b = stream.get(i);
                incremental.predict(b.transaction(), 1);
                incremental.learn(b.transaction(), b.account());
            }
        }
        NaiveBayes scratch = trained(options, stream);

        assertEquals(scratch.checksum(), incremental.checksum());
        assertEquals(scratch.sampleCount(), incremental.sampleCount());
        assertEquals(scratch.classCount(), incremental.classCount());
        for (Transaction query : queries) {
            assertEquals(scratch.predictDetailed(query, 5), incremental.predictDetailed(query, 5));
            assertEquals(scratch.predict(query, 3), incremental.predict(query, 3));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optionSets")
    void predictThenLearnAnswersAndLearnsAsPredictFollowedByLearn(ModelOptions options) {
        NaiveBayes apart = new NaiveBayes(options);
        NaiveBayes together = new NaiveBayes(options);
        for (Booked b : randomStream(13L, 1500)) {
            List<String> expected = apart.predict(b.transaction(), 3);
            apart.learn(b.transaction(), b.account());

            assertEquals(expected, together.predictThenLearn(b.transaction(), b.account(), 3));
        }
        assertEquals(apart.checksum(), together.checksum());
    }

    @Test
    void checksumChangesWithOneMoreSample() {
        List<Booked> stream = randomStream(3L, 200);
        NaiveBayes model = trained(PLAIN, stream);
        long before = model.checksum();
        model.learn(stream.get(0).transaction(), stream.get(0).account());
        assertNotEquals(before, model.checksum());
    }

    @Test
    void predictsTopKBestFirst() {
        NaiveBayes model = trained(PLAIN.withAlpha(0.5), EXAMPLE);
        Transaction query = EXAMPLE_QUERIES.get(1);

        List<Prediction> all = model.predictDetailed(query, 3);
        assertEquals(List.of("4000", "1000", "6700"), all.stream().map(Prediction::account).toList());
        assertTrue(all.get(0).probability() > all.get(1).probability());
        assertTrue(all.get(1).probability() > all.get(2).probability());
        assertEquals(List.of("4000"), model.predict(query, 1));
        assertEquals(List.of("4000", "1000"), model.predict(query, 2));
        assertEquals(List.of("4000", "1000", "6700"), model.predict(query, 50));
    }

    @Test
    void breaksTiesByFirstLearntAccount() {
        Transaction same = new Transaction("int:a", "2016-01-01", "str:x", "> -100");
        NaiveBayes sixFirst = new NaiveBayes(PLAIN);
        sixFirst.learn(same, "6700");
        sixFirst.learn(same, "4000");
        NaiveBayes fourFirst = new NaiveBayes(PLAIN);
        fourFirst.learn(same, "4000");
        fourFirst.learn(same, "6700");

        assertEquals(List.of("6700", "4000"), sixFirst.predict(same, 2));
        assertEquals(List.of("4000", "6700"), fourFirst.predict(same, 2));
        List<Prediction> tied = sixFirst.predictDetailed(same, 2);
        assertEquals(0.5, tied.get(0).probability(), 1e-15);
        assertEquals(0.5, tied.get(1).probability(), 1e-15);
    }

    @Test
    void ignoresFeaturesNeverSeen() {
        NaiveBayes model = trained(PLAIN, EXAMPLE);
        int features = model.distinctFeatures();
        Transaction known = new Transaction("int:a", null, "str:coffee", null);
        Transaction withUnseen = new Transaction("int:a", "2016-12-24", "str:coffee str:never str:seen", "< 10");

        assertArrayEquals(model.jointLogLikelihoods(known), model.jointLogLikelihoods(withUnseen), 0.0);
        assertEquals(model.predictDetailed(known, 3), model.predictDetailed(withUnseen, 3));
        assertEquals(features, model.distinctFeatures());
    }

    @Test
    void predictsFromPriorsWhenNoFeatureWasSeen() {
        NaiveBayes model = trained(PLAIN, EXAMPLE);
        List<Prediction> predictions = model.predictDetailed(new Transaction(null, null, null, null), 3);
        assertEquals(List.of(new Prediction("4000", 3.0 / 8), new Prediction("6700", 3.0 / 8),
                new Prediction("1000", 2.0 / 8)), predictions);
    }

    static Stream<ModelOptions> floodOptions() {
        return Stream.of(PLAIN.withHashBits(8).withCrosses(true).withExactMemory(true), ModelOptions.DEFAULT.withHashBits(8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("floodOptions")
    void hashedFeaturesKeepMemoryBoundedForAFloodOfNewTokensAndAccounts(ModelOptions options) {
        NaiveBayes model = new NaiveBayes(options);
        StringBuilder text = new StringBuilder();
        int token = 0;
        for (int sample = 0; sample < 100_000; sample++) {
            text.setLength(0);
            for (int t = 0; t < 10; t++) {
                text.append("str:").append(Integer.toHexString(token++)).append(' ');
            }
            model.learn(new Transaction("int:" + (sample % 50), "2016-01-01", text.toString(), "< 10"),
                    Integer.toString(sample % 20));
        }
        assertEquals(1_000_000, token);
        assertTrue(model.distinctFeatures() <= 1 << 8, "distinct features " + model.distinctFeatures());
        // every bucket has seen most of the 20 accounts, but only 128 pairs beyond each bucket's first are kept
        assertEquals((1 << 8) + (1 << 7), model.storedPairs());
        assertEquals(1, model.predict(new Transaction("int:1", null, "str:0", null), 1).size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optionSets")
    void probabilitiesSumToOne(ModelOptions options) {
        NaiveBayes model = trained(options, randomStream(5L, 2000));
        for (Transaction query : randomQueries(6L, 100)) {
            List<Prediction> all = model.predictDetailed(query, model.classCount());
            double sum = 0;
            for (Prediction p : all) {
                assertTrue(p.probability() >= 0 && p.probability() <= 1, p.toString());
                sum += p.probability();
            }
            assertEquals(1.0, sum, 1e-9, query.toString());
            assertEquals(all.stream().map(Prediction::account).toList(), model.predict(query, model.classCount()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optionSets")
    void probabilitiesNeverIncreaseDownTheSuggestions(ModelOptions options) {
        List<Booked> stream = randomStream(12L, 2000);
        NaiveBayes model = new NaiveBayes(options);
        for (Booked b : stream) {
            // the stream's own rows, each just before it is learnt, meet the memories most often
            for (Transaction query : List.of(b.transaction(), new Transaction(b.transaction().companyId(), null,
                    b.transaction().text(), b.transaction().amount()))) {
                List<Prediction> top = model.predictDetailed(query, 5);
                for (int i = 1; i < top.size(); i++) {
                    assertTrue(top.get(i - 1).probability() >= top.get(i).probability(), top.toString());
                }
            }
            model.learn(b.transaction(), b.account());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optionSets")
    void rerankingKeepsTheFirstSuggestionAndTheModelsProbabilitiesInOrder(ModelOptions options) {
        List<Booked> stream = randomStream(14L, 1500);
        NaiveBayes reranked = new NaiveBayes(options);
        NaiveBayes plain = new NaiveBayes(options.withRecency(0).withTokenHabits(0));
        for (Booked b : stream) {
            if (reranked.sampleCount() > 0) {
                List<Prediction> all = reranked.predictDetailed(b.transaction(), reranked.classCount());
                List<Prediction> expected = plain.predictDetailed(b.transaction(), plain.classCount());

                assertEquals(expected.get(0), all.get(0));
                assertEquals(accounts(expected).stream().sorted().toList(), accounts(all).stream().sorted().toList());
                assertEquals(expected.stream().map(Prediction::probability).toList(),
                        all.stream().map(Prediction::probability).toList());
                assertEquals(reranked.predict(b.transaction(), 3), accounts(reranked.predictDetailed(b.transaction(), 3)));
            }
            reranked.learn(b.transaction(), b.account());
            plain.learn(b.transaction(), b.account());
        }
    }

    private static List<String> accounts(List<Prediction> predictions) {
        return predictions.stream().map(Prediction::account).toList();
    }

    @Test
    void recencyRanksTheAccountTheCompanyBookedLatelyBeforeOneItBookedMoreLongAgo() {
        List<Booked> samples = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            samples.add(booked("int:a", "2016-01-01", "str:fee", "> -100", "6700"));
        }
        for (int i = 0; i < 3; i++) {
            samples.add(booked("int:a", "2016-01-02", "str:old", "> -1000", "4000"));
        }
        for (int i = 0; i < 2; i++) {
            samples.add(booked("int:a", "2016-01-03", "str:new", "> -1000", "5000"));
        }
        Transaction query = new Transaction("int:a", null, "str:fee", null);
        ModelOptions options = ModelOptions.DEFAULT.withTokenHabits(0);

        assertEquals(List.of("6700", "4000", "5000"), trained(options.withRecency(0), samples).predict(query, 3));
        assertEquals(List.of("6700", "5000", "4000"), trained(options.withRecency(3), samples).predict(query, 3));
    }

    @Test
    void tokenHabitsRankTheAccountATokenWentToLastBeforeOneItWentToAsOften() {
        List<Booked> samples = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            samples.add(booked("int:a", "2016-01-01", "str:rent", "> -1000", "6700"));
        }
        for (String account : List.of("4000", "4000", "5000", "5000")) {
            samples.add(booked("int:a", "2016-01-02", "str:card", "> -100", account));
        }
        Transaction query = new Transaction("int:a", null, "str:rent str:card", null);
        ModelOptions options = ModelOptions.DEFAULT.withRecency(0);

        assertEquals(List.of("6700", "4000", "5000"), trained(options.withTokenHabits(0), samples).predict(query, 3));
        assertEquals(List.of("6700", "5000", "4000"), trained(options.withTokenHabits(1), samples).predict(query, 3));
    }

    /**
     * The ranking after the first suggestion, computed by hand from the stream: score - R log(1 + the
     * company's samples since it last booked the account) + T (sum over the query's distinct tokens of
     * (the token's share of bookings to the account + 1/2 if it went there last) / its accounts).
     */
    @Test
    void suggestionsAfterTheFirstAreRankedByScoreLessRecencyPlusTokenVotes() {
        double r = 1.5;
        double t = 4;
        ModelOptions options = ModelOptions.DEFAULT.withExactMemory(false).withSplitMemory(false).withHashBits(21)
                .withRecency(r).withTokenHabits(t);
        List<Booked> stream = randomStream(30L, 600);
        NaiveBayes model = trained(options, stream);
        List<String> accounts = stream.stream().map(Booked::account).distinct().toList();
        Map<String, Integer> companySamples = new HashMap<>();
        Map<String, Map<String, Integer>> lastBooked = new HashMap<>();
        Map<String, Map<String, Integer>> tokenBookings = new HashMap<>();
        Map<String, String> lastWithToken = new HashMap<>();
        for (Booked b : stream) {
            String company = b.transaction().companyId();
            int n = companySamples.merge(company, 1, Integer::sum) - 1;
            lastBooked.computeIfAbsent(company, k -> new HashMap<>()).put(b.account(), n);
            for (String token : tokens(b.transaction())) {
                tokenBookings.computeIfAbsent(company + " " + token, k -> new HashMap<>()).merge(b.account(), 1, Integer::sum);
                lastWithToken.put(company + " " + token, b.account());
            }
        }
        int checked = 0;
        for (Transaction query : randomQueries(31L, 200)) {
            String company = query.companyId();
            if (!companySamples.containsKey(company)) {
                continue;
            }
            double[] scores = model.jointLogLikelihoods(query);
            Map<String, Double> ranking = new HashMap<>();
            for (Map.Entry<String, Integer> booked : lastBooked.get(company).entrySet()) {
                String account = booked.getKey();
                double vote = 0;
                for (String token : new HashSet<>(tokens(query))) {
                    Map<String, Integer> bookings = tokenBookings.get(company + " " + token);
                    if (bookings != null) {
                        int all = bookings.values().stream().mapToInt(Integer::intValue).sum();
                        double last = account.equals(lastWithToken.get(company + " " + token)) ? 0.5 : 0;
                        vote += (bookings.getOrDefault(account, 0) / (double) all + last) / bookings.size();
                    }
                }
                int age = companySamples.get(company) - booked.getValue();
                ranking.put(account, scores[accounts.indexOf(account)] - r * Math.log1p(age) + t * vote);
            }
            Comparator<String> byScore = Comparator.comparingDouble((String a) -> -scores[accounts.indexOf(a)])
                    .thenComparingInt(accounts::indexOf);
            String first = ranking.keySet().stream().min(byScore).orElseThrow();
            List<String> expected = new ArrayList<>(List.of(first));
            ranking.keySet().stream().filter(a -> !a.equals(first))
                    .sorted(Comparator.comparingDouble((String a) -> -ranking.get(a)).thenComparingInt(accounts::indexOf))
                    .forEach(expected::add);

            assertEquals(expected, model.predict(query, expected.size()), query.toString());
            checked++;
        }
        assertTrue(checked > 100, "queries of known companies: " + checked);
    }

    private static List<String> tokens(Transaction t) {
        return t.text() == null || t.text().isBlank() ? List.of() : List.of(t.text().trim().split("\\s+"));
    }

    @Test
    void aRememberedAccountGetsHalfTheProbabilityMassBesidesItsShare() {
        List<Booked> samples = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            samples.add(booked("int:a", "2016-01-01", "str:fee int:" + i, "> -100", "6700"));
        }
        samples.add(booked("int:a", "2016-01-02", "str:fee int:77", "> -100", "7220"));
        Transaction query = new Transaction("int:a", null, "str:fee int:77", "> -100");
        List<Prediction> without = trained(ModelOptions.DEFAULT.withExactMemory(false), samples).predictDetailed(query, 2);
        List<Prediction> with = trained(ModelOptions.DEFAULT, samples).predictDetailed(query, 2);

        assertEquals("7220", with.get(0).account(), "remembered for (company, text, amount)");
        double model7220 = without.stream().filter(p -> p.account().equals("7220")).findFirst().orElseThrow().probability();
        assertEquals(0.5 + 0.5 * model7220, with.get(0).probability(), 1e-12);
        assertEquals(1.0, with.get(0).probability() + with.get(1).probability(), 1e-12);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optionSets")
    void equalInputsGiveEqualAnswers(ModelOptions options) {
        List<Booked> stream = randomStream(8L, 1500);
        NaiveBayes first = trained(options, stream);
        NaiveBayes second = trained(options, stream);
        assertEquals(first.checksum(), second.checksum());
        for (Transaction query : randomQueries(9L, 100)) {
            List<Prediction> answer = first.predictDetailed(query, 4);
            assertEquals(answer, first.predictDetailed(query, 4));
            assertEquals(answer, second.predictDetailed(query, 4));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("concurrentOptions")
    void predictsConcurrentlyWithTheSameAnswersAsAlone(ModelOptions options) throws Exception {
        List<Booked> stream = randomStream(12L, 2000);
        List<Transaction> queries = randomQueries(13L, 200);
        NaiveBayes alone = trained(options, stream);
        List<List<Prediction>> expected = new ArrayList<>();
        for (Transaction query : queries) {
            expected.add(alone.predictDetailed(query, 3));
        }
        // a fresh model whose denominators are stale until the first predict, which the threads race for
        NaiveBayes shared = trained(options, stream);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<List<Prediction>>>> answers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                answers.add(pool.submit(() -> {
                    List<List<Prediction>> got = new ArrayList<>();
                    for (Transaction query : queries) {
                        got.add(shared.predictDetailed(query, 3));
                    }
                    return got;
                }));
            }
            for (Future<List<List<Prediction>>> answer : answers) {
                assertEquals(expected, answer.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(alone.checksum(), shared.checksum());
    }

    static Stream<ModelOptions> concurrentOptions() {
        return Stream.of(PLAIN, ModelOptions.DEFAULT);
    }

    @Test
    void predictsNothingBeforeLearningAndRejectsKBelowOne() {
        NaiveBayes model = new NaiveBayes(PLAIN);
        Transaction query = EXAMPLE_QUERIES.get(0);
        assertEquals(List.of(), model.predict(query, 1));
        assertEquals(List.of(), model.predictDetailed(query, 1));
        assertEquals(0, model.classCount());
        assertEquals(0, model.sampleCount());
        model.learn(query, "6700");
        assertThrows(IllegalArgumentException.class, () -> model.predict(query, 0));
        assertThrows(IllegalArgumentException.class, () -> model.learn(query, ""));
    }

    @Test
    void companyGateOffersOnlyAccountsTheCompanyHasBooked() {
        NaiveBayes gated = trained(PLAIN.withCompanyGate(true), EXAMPLE);
        NaiveBayes open = trained(PLAIN, EXAMPLE);
        // company b booked 4000 and 1000 only; without the gate 6700 wins on coffee
        Transaction query = new Transaction("int:b", "2016-03-01", "str:coffee shop", "> -100");
        assertEquals("6700", open.predict(query, 1).get(0));
        assertEquals(List.of("4000", "1000"), gated.predict(query, 3));
        List<Prediction> detailed = gated.predictDetailed(query, 3);
        assertEquals(1.0, detailed.get(0).probability() + detailed.get(1).probability(), 1e-12);
        // an unknown or absent company is not gated
        assertEquals(3, gated.predict(new Transaction("int:new", null, "str:coffee", null), 3).size());
        assertEquals(open.predict(new Transaction(null, null, "str:coffee", null), 3),
                gated.predict(new Transaction(null, null, "str:coffee", null), 3));
    }

    @Test
    void exactMemoryPutsTheAccountMostBookedForTheSameCompanyTextAndAmountFirst() {
        NaiveBayes model = new NaiveBayes(PLAIN.withExactMemory(true));
        NaiveBayes plain = new NaiveBayes(PLAIN);
        List<Booked> samples = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            samples.add(booked("int:a", "2016-01-01", "str:fee", "< 1000", "6700"));
        }
        samples.add(booked("int:a", "2016-01-01", "str:fee", "> -100", "7220"));
        samples.add(booked("int:a", "2016-01-02", "str:fee", "> -100", "7220"));
        samples.add(booked("int:a", "2016-01-03", "str:fee", "> -100", "6700"));
        for (Booked b : samples) {
            model.learn(b.transaction(), b.account());
            plain.learn(b.transaction(), b.account());
        }
        Transaction query = new Transaction("int:a", "2016-02-01", "str:fee", "> -100");
        assertEquals(List.of("6700", "7220"), plain.predict(query, 2));
        // 7220 twice, 6700 once: the majority wins over the most recent booking and over the model
        assertEquals(List.of("7220", "6700"), model.predict(query, 2));
        assertEquals(List.of("7220"), model.predict(query, 1));
        assertEquals("7220", model.predictDetailed(query, 2).get(0).account());
        // another amount is another key; an absent amount is no key at all
        assertEquals("6700", model.predict(new Transaction("int:a", null, "str:fee", "< 1000"), 1).get(0));
        assertEquals("6700", model.predict(new Transaction("int:a", null, "str:fee", null), 1).get(0));

        model.learn(query, "6700");
        model.learn(query, "6700");
        assertEquals("6700", model.predict(query, 1).get(0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optionSets")
    void topOneIsTheFirstOfTopThree(ModelOptions options) {
        NaiveBayes model = new NaiveBayes(options);
        for (Booked b : randomStream(21L, 2000)) {
            if (model.sampleCount() > 0) {
                assertEquals(model.predict(b.transaction(), 1).get(0), model.predict(b.transaction(), 3).get(0));
            }
            model.learn(b.transaction(), b.account());
        }
    }

    @Test
    void companyModelScoresAsItsFormulaComputedDirectly() {
        double alpha = 0.5;
        double mu = 2;
        ModelOptions options = new ModelOptions(alpha, false, false, 20).withCompanyModel(mu);
        NaiveBayes model = trained(options, EXAMPLE);

        // The counts, straight from EXAMPLE: global features (tokens, amount) and their company twins.
        Map<String, Integer> samples = new HashMap<>();
        Map<String, Integer> globalTotals = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        Map<String, Integer> companySamples = new HashMap<>();
        Map<String, Integer> companyClassSamples = new HashMap<>();
        Map<String, Integer> companyTotals = new HashMap<>();
        Set<String> vocabulary = new HashSet<>();
        for (Booked b : EXAMPLE) {
            String c = b.account();
            String company = b.transaction().companyId();
            samples.merge(c, 1, Integer::sum);
            companySamples.merge(company, 1, Integer::sum);
            companyClassSamples.merge(company + "/" + c, 1, Integer::sum);
            for (String f : globalFeatures(b.transaction())) {
                counts.merge(f + "/" + c, 1, Integer::sum);
                counts.merge(company + "|" + f + "/" + c, 1, Integer::sum);
                globalTotals.merge(c, 1, Integer::sum);
                companyTotals.merge(company + "/" + c, 1, Integer::sum);
                vocabulary.add(f);
                vocabulary.add(company + "|" + f);
            }
        }
        assertEquals(vocabulary.size(), model.distinctFeatures(), "no hash collisions in the example");
        int n = EXAMPLE.size();
        int v = vocabulary.size();
        List<String> classes = List.of("4000", "6700", "1000");
        for (Transaction query : EXAMPLE_QUERIES) {
            String company = query.companyId();
            boolean known = company != null && companySamples.containsKey(company);
            double[] expected = new double[classes.size()];
            for (int k = 0; k < classes.size(); k++) {
                String c = classes.get(k);
                double prior = samples.get(c) / (double) n;
                double score = known
                        ? Math.log((companyClassSamples.getOrDefault(company + "/" + c, 0) + prior)
                                / (companySamples.get(company) + 1))
                        : Math.log(prior);
                for (String f : globalFeatures(query)) {
                    if (!vocabulary.contains(f)) {
                        continue;
                    }
                    double global = (counts.getOrDefault(f + "/" + c, 0) + alpha) / (globalTotals.get(c) + alpha * v);
                    score += known
                            ? Math.log((counts.getOrDefault(company + "|" + f + "/" + c, 0) + mu * global)
                                    / (companyTotals.getOrDefault(company + "/" + c, 0) + mu))
                            : Math.log(global);
                }
                expected[k] = score;
            }
            assertArrayEquals(expected, model.jointLogLikelihoods(query), 1e-9, query.toString());
        }
    }

    private static List<String> globalFeatures(Transaction t) {
        List<String> features = new ArrayList<>(tokens(t));
        if (t.amount() != null) {
            features.add("amount " + t.amount());
        }
        return features;
    }

    @Test
    void companyModelFollowsACompanysOwnHabitOverTheOthers() {
        List<Booked> samples = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            samples.add(booked("int:b" + i % 3, "2016-01-01", "str:fee int:" + i, "> -100", "7220"));
        }
        for (int i = 0; i < 5; i++) {
            samples.add(booked("int:a", "2016-01-01", "str:fee int:" + i, "> -100", "6700"));
            samples.add(booked("int:a", "2016-01-01", "str:rent", "> -1000", "7220"));
        }
        Transaction query = new Transaction("int:a", null, "str:fee int:77", "> -100");
        assertEquals("7220", trained(PLAIN, samples).predict(query, 1).get(0));
        assertEquals("6700", trained(PLAIN.withCompanyModel(10), samples).predict(query, 1).get(0));
        // a company never seen gets the global habit
        Transaction stranger = new Transaction("int:new", null, "str:fee int:77", "> -100");
        assertEquals("7220", trained(PLAIN.withCompanyModel(10), samples).predict(stranger, 1).get(0));
    }

    @Test
    void companyModelTreatsAnUnknownCompanyAsNoCompany() {
        NaiveBayes model = trained(ModelOptions.DEFAULT.withCompanyGate(false), randomStream(4L, 500));
        for (Transaction query : randomQueries(5L, 50)) {
            Transaction unknown = new Transaction("int:never", query.date(), query.text(), query.amount());
            Transaction none = new Transaction(null, query.date(), query.text(), query.amount());
            assertArrayEquals(model.jointLogLikelihoods(none), model.jointLogLikelihoods(unknown), 0.0);
            assertEquals(model.predictDetailed(none, 3), model.predictDetailed(unknown, 3));
        }
    }

    @Test
    void splitMemoryPutsFirstTheAccountThatFollowedInTheCompanysSplits() {
        List<Booked> samples = new ArrayList<>();
        for (int day = 1; day <= 5; day++) {
            // each month-end bank entry is booked twice: to the bank account, then to the expense
            String date = "2016-0" + day + "-28";
            samples.add(booked("int:a", date, "str:transfer", "> -1000", "9900"));
            samples.add(booked("int:a", date, "str:transfer", "> -1000", "3115"));
        }
        Transaction entry = new Transaction("int:a", "2016-06-28", "str:transfer", "> -1000");
        samples.add(new Booked(entry, "9900"));
        ModelOptions options = ModelOptions.DEFAULT.withSplitMemory(true);

        NaiveBayes model = trained(options, samples);
        assertEquals(List.of("3115", "9900"), model.predict(entry, 2), "the same entry again: its second half");
        Transaction other = new Transaction("int:a", "2016-07-28", "str:transfer", "> -1000");
        assertEquals("9900", model.predict(other, 1).get(0), "a new entry: its first half");
        assertEquals("9900", trained(options.withSplitMemory(false), samples).predict(entry, 1).get(0));
        // another company's splits are its own
        Transaction stranger = new Transaction("int:b", "2016-06-28", "str:transfer", "> -1000");
        assertEquals("9900", trained(options.withCompanyGate(false), samples).predict(stranger, 1).get(0));
    }

    @Test
    void splitMemoryFallsBackToWhatFollowedThePreviousAccountWithAnyText() {
        List<Booked> samples = new ArrayList<>();
        for (int day = 1; day <= 4; day++) {
            String date = "2016-01-0" + day;
            samples.add(booked("int:a", date, "str:w" + day, "> -100", "9900"));
            samples.add(booked("int:a", date, "str:w" + day, "> -100", "7220"));
        }
        Transaction entry = new Transaction("int:a", "2016-02-01", "str:new", "> -100");
        samples.add(new Booked(entry, "9900"));

        assertEquals("7220", trained(ModelOptions.DEFAULT, samples).predict(entry, 1).get(0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optionSets")
    void globalPriorAddsItsWeightTimesTheLogOfAnAccountsSamples(ModelOptions options) {
        List<Booked> stream = randomStream(8L, 800);
        List<String> accounts = stream.stream().map(Booked::account).distinct().toList();
        double weight = 0.7;
        NaiveBayes without = trained(options.withGlobalPrior(0), stream);
        NaiveBayes with = trained(options.withGlobalPrior(weight), stream);
        for (Transaction query : randomQueries(9L, 40)) {
            double[] expected = without.jointLogLikelihoods(query);
            for (int c = 0; c < expected.length; c++) {
                expected[c] += weight * Math.log(without.samplesOf(accounts.get(c)));
            }
            assertArrayEquals(expected, with.jointLogLikelihoods(query), 1e-9, query.toString());
        }
    }

    private static final String[] AMOUNTS = {"< 1000", "> -1000", "> -100", "< 10000", "big negative"};

    /** Samples from six companies of skewed size, whose accounts mostly follow a telling token. */
    private static List<Booked> randomStream(long seed, int n) {
        Random random = new Random(seed);
        List<Booked> samples = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int company = Math.min(5, (int) Math.abs(random.nextGaussian() * 2));
            int account = company * 3 + random.nextInt(12);
            StringBuilder text = new StringBuilder();
            if (random.nextInt(10) < 7) {
                text.append("str:acct").append(account);
            }
            for (int t = random.nextInt(4); t > 0; t--) {
                text.append(' ').append("str:w").append(random.nextInt(i < n / 2 ? 150 : 400));
            }
            if (i > 0 && random.nextInt(8) == 0) {
                // a split: the previous entry booked again, mostly to its usual partner account
                Booked previous = samples.get(i - 1);
                int partner = (Integer.parseInt(previous.account()) + 10 * (1 + random.nextInt(2))) % 10_000;
                samples.add(new Booked(previous.transaction(), Integer.toString(partner)));
                continue;
            }
            String date = String.format("2016-%02d-%02d", 1 + random.nextInt(12), 1 + random.nextInt(28));
            samples.add(booked("int:c" + company, date, text.toString().trim(),
                    AMOUNTS[(account + random.nextInt(2)) % AMOUNTS.length], Integer.toString(1000 + 10 * account)));
        }
        return samples;
    }

    /** Queries like the stream's, plus some with absent values, unknown companies and unseen tokens. */
    private static List<Transaction> randomQueries(long seed, int n) {
        List<Transaction> queries = new ArrayList<>();
        for (Booked b : randomStream(seed, n)) {
            Transaction t = b.transaction();
            queries.add(switch (queries.size() % 5) {
                case 0 -> t;
                case 1 -> new Transaction(null, t.date(), t.text(), null);
                case 2 -> new Transaction("int:unknown", null, t.text() + " str:never", t.amount());
                case 3 -> new Transaction(t.companyId(), t.date(), "", t.amount());
                default -> new Transaction(t.companyId(), null, t.text() + " " + t.text(), null);
            });
        }
        return queries;
    }
}
