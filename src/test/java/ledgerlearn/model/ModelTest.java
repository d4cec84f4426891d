package ledgerlearn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import ledgerlearn.sample.Transaction;
import ledgerlearn.snapshot.StateInput;
import org.junit.jupiter.api.Test;

final class ModelTest {
    private static final double PRECISION = 0.95;

    private record Booked(Transaction transaction, String account) {}

    /**
     * A stream of the real one's shape: a few companies of different sizes, each its own vendors and accounts,
     * some noise, and split bookings (one sample in eight books the previous bank entry again elsewhere).
     */
    static List<Booked> stream(long seed, int n) {
        Random random = new Random(seed);
        List<Booked> stream = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int company = Math.min(5, (int) Math.abs(random.nextGaussian() * 2));
            if (i > 0 && random.nextInt(8) == 0) {
                Booked previous = stream.get(i - 1);
                stream.add(new Booked(previous.transaction(), "acc" + random.nextInt(12)));
                continue;
            }
            int vendor = random.nextInt(25);
            String account = random.nextInt(10) == 0 ? "acc" + random.nextInt(12) : "acc" + ((vendor * 7 + company) % 9);
            String text = "str:v" + vendor + (random.nextBoolean() ? " int:" + random.nextInt(4) : "");
            String amount = new String[] {"> -100", "> -1000", "< 1000", "big negative"}[vendor % 4];
            String date = String.format("2016-%02d-%02d", 1 + i / 300 % 12, 1 + i % 28);
            stream.add(new Booked(new Transaction("int:c" + company, date, text, amount), account));
        }
        return stream;
    }

    private static final List<Transaction> QUERIES = List.of(
            new Transaction("int:c0", "2016-05-01", "str:v3 int:1", "big negative"),
            new Transaction("int:c1", null, "str:v7", null),
            new Transaction("int:c2", "2016-05-01", "str:v99 str:never", "> -100"),
            new Transaction("int:new", "2016-05-01", "str:v3", "big negative"),
            new Transaction(null, null, "str:v12", null),
            new Transaction(null, null, null, null));

    private static Model learnt(List<Booked> stream) {
        Model model = new Model(ModelOptions.DEFAULT);
        for (Booked b : stream) {
            model.predictThenLearn(b.transaction(), b.account(), 1, PRECISION);
        }
        return model;
    }

    @Test
    void knowsWhichAccountsEachCompanyBooked() {
        Model model = learnt(List.of(
                new Booked(new Transaction("int:a", "2016-05-01", "str:x", "> -100"), "1000"),
                new Booked(new Transaction("int:a", "2016-05-02", "str:y", "> -100"), "2000"),
                new Booked(new Transaction("int:b", "2016-05-03", "str:x", "> -100"), "3000")));

        assertEquals(java.util.Set.of("1000", "2000"), model.accountsBookedBy("int:a"));
        assertEquals(java.util.Set.of(), model.accountsBookedBy("int:never"));
        assertTrue(model.booked("int:a", "2000"));
        assertFalse(model.booked("int:a", "3000"), "another company's account");
        assertFalse(model.booked("int:a", "9999"), "an account nobody booked");
        assertFalse(model.booked("int:never", "1000"));
    }

    @Test
    void learningTheSameStreamTwiceGivesEqualModelsAndAnswers() {
        List<Booked> stream = stream(1, 3000);
        Model first = learnt(stream);
        Model second = learnt(stream);

        assertEquals(first.checksum(), second.checksum());
        for (Transaction q : QUERIES) {
            assertEquals(first.suggest(q, 5), second.suggest(q, 5));
        }
        second.predictThenLearn(QUERIES.get(0), "acc1", 1, PRECISION);
        assertNotEquals(first.checksum(), second.checksum(), "one more sample changes the checksum");
    }

    @Test
    void predictingChangesNothing() {
        Model model = learnt(stream(2, 2000));
        long before = model.checksum();
        for (Transaction q : QUERIES) {
            model.predict(q, 3);
            model.suggest(q, 20);
        }
        assertEquals(before, model.checksum());
    }

    @Test
    void suggestAnswersWhatThePrequentialStepSuggestedAndPredictItsAccounts() {
        List<Booked> stream = stream(3, 2000);
        Model asked = learnt(stream);
        Model stepped = learnt(stream);
        for (Transaction q : QUERIES) {
            List<Suggestion> suggested = asked.suggest(q, 3);
            List<String> predicted = asked.predict(q, 3);
            Model.Step step = stepped.predictThenLearn(q, "acc1", 3, PRECISION);
            asked.predictThenLearn(q, "acc1", 1, PRECISION);

            assertEquals(suggested, step.suggestions());
            assertEquals(suggested.stream().map(Suggestion::account).toList(), predicted);
        }
        assertEquals(asked.checksum(), stepped.checksum(), "how many suggestions are asked for changes no learning");
    }

    @Test
    void theAccountsBeyondTheCandidatesShareTheRestsProbabilityEqually() {
        // one company that booked 40 accounts, far more than the ranker's candidates (at most 8 + 7)
        List<Booked> stream = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            stream.add(new Booked(new Transaction("int:c", "2016-05-01", "str:v" + (i % 40) + " int:" + (i % 3), "> -100"),
                    "acc" + (i % 40)));
        }
        Model model = learnt(stream);

        List<Suggestion> all = model.suggest(new Transaction("int:c", "2016-05-02", "str:v7", "> -100"), 1000);

        assertEquals(40, all.size());
        java.util.Map<Double, Long> byProbability = all.stream()
                .collect(java.util.stream.Collectors.groupingBy(Suggestion::probability, java.util.stream.Collectors.counting()));
        long shared = java.util.Collections.max(byProbability.values());
        assertTrue(shared >= 40 - 15, "the rest's accounts show one equal share: " + byProbability);
    }

    @Test
    void eachProbabilityIsItsAccountsOwnWhateverTheNumberOfSuggestions() {
        Model model = learnt(stream(4, 3000));
        for (Transaction q : QUERIES) {
            List<Suggestion> all = model.suggest(q, 1000);
            double sum = 0;
            for (int i = 0; i < all.size(); i++) {
                sum += all.get(i).probability();
                if (i > 0) {
                    assertTrue(all.get(i).probability() <= all.get(i - 1).probability(), q + ": ordered by probability");
                }
            }
            assertTrue(sum <= 1 + 1e-9, q + ": sum " + sum);
            for (int k = 1; k <= Math.min(12, all.size()); k++) {
                assertEquals(all.subList(0, k), model.suggest(q, k), q + " k=" + k);
            }
            assertEquals(all.stream().map(Suggestion::account).distinct().count(), all.size(), "no account twice");
        }
    }

    @Test
    void probabilitiesFollowTheStreamsOwnFrequencies() {
        // a company books the same text to 6000 60% of the time, 6100 30% and 6200 10%, at random
        Random random = new Random(7);
        Model model = new Model(ModelOptions.DEFAULT);
        Transaction coin = new Transaction("int:x", "2016-01-01", "str:coin", "> -100");
        for (int i = 0; i < 6000; i++) {
            double u = random.nextDouble();
            model.predictThenLearn(coin, u < 0.6 ? "6000" : u < 0.9 ? "6100" : "6200", 1, PRECISION);
        }
        List<Suggestion> suggestions = model.suggest(coin, 3);

        assertEquals(List.of("6000", "6100", "6200"), suggestions.stream().map(Suggestion::account).toList());
        assertEquals(0.6, suggestions.get(0).probability(), 0.08);
        assertEquals(0.3, suggestions.get(1).probability(), 0.08);
        assertEquals(0.1, suggestions.get(2).probability(), 0.06);
    }

    @Test
    void anUnknownCompanyAndTextAreLessConfidentThanAWellKnownRepeat() {
        List<Booked> stream = new ArrayList<>(stream(5, 3000));
        // as in the real stream, companies keep arriving, and what they book first is often new
        Random random = new Random(5);
        for (int company = 0; company < 60; company++) {
            for (int i = 0; i < 3; i++) {
                stream.add(new Booked(new Transaction("int:n" + company, "2016-03-01", "str:v" + random.nextInt(25),
                        "> -100"), "acc" + random.nextInt(40)));
            }
        }
        Transaction rent = new Transaction("int:c1", "2016-02-01", "str:rent", "> -10000");
        for (int i = 0; i < 30; i++) {
            stream.add(new Booked(rent, "4000"));
        }
        Model model = learnt(stream);

        double repeat = model.suggest(rent, 1).get(0).probability();
        double unknownText = model.suggest(new Transaction("int:c1", "2016-02-01", "str:never str:seen", "< 10"), 1)
                .get(0).probability();
        double unknownCompany = model.suggest(new Transaction("int:new", "2016-02-01", "str:rent", "> -10000"), 1)
                .get(0).probability();

        assertTrue(repeat > 0.9, "repeat " + repeat);
        assertTrue(unknownText < repeat - 0.2, "unknown text " + unknownText);
        // a token only ever booked to one account speaks for an unknown company too, but less surely
        assertTrue(unknownCompany < repeat, "unknown company " + unknownCompany);
        assertFalse(model.suggest(new Transaction("int:new", null, "str:rent", null), 1).get(0).companyKnown());
        assertTrue(model.suggest(rent, 1).get(0).companyKnown());
    }

    @Test
    void aRepeatedTextAndAmountIsSuggestedFromMemoryWithItsRecord() {
        Model model = new Model(ModelOptions.DEFAULT);
        Transaction phone = new Transaction("int:a", "2016-02-01", "str:phone", "> -1000");
        for (String account : new String[] {"6100", "6100", "6900", "6100"}) {
            model.predictThenLearn(phone, account, 1, PRECISION);
            model.predictThenLearn(new Transaction("int:a", "2016-02-02", "str:other" + account, "< 10"), "1000", 1, PRECISION);
        }
        List<Suggestion> suggestions = model.suggest(new Transaction("int:a", "2016-03-01", "str:phone", "> -1000"), 3);

        Suggestion first = suggestions.get(0);
        assertEquals("6100", first.account());
        assertEquals(Suggestion.Source.MEMORY, first.source());
        assertEquals(4, first.memoryBookings());
        assertEquals(3, first.memoryToThisAccount());
        Suggestion other = suggestions.stream().filter(s -> s.account().equals("6900")).findFirst().orElseThrow();
        assertEquals(1, other.memoryToThisAccount());
        Suggestion model1000 = suggestions.stream().filter(s -> s.account().equals("1000")).findFirst().orElseThrow();
        assertEquals(Suggestion.Source.MODEL, model1000.source());
        assertEquals(0, model1000.memoryBookings());
    }

    @Test
    void aCompanyBookingItsLastEntryAgainGetsTheAccountThatFollowedItBefore() {
        Model model = new Model(ModelOptions.DEFAULT);
        for (int month = 1; month <= 6; month++) {
            Transaction bill = new Transaction("int:a", String.format("2016-%02d-05", month), "str:bill", "> -1000");
            model.predictThenLearn(bill, "2800", 1, PRECISION);
            model.predictThenLearn(bill, "6900", 1, PRECISION);
            model.predictThenLearn(new Transaction("int:a", String.format("2016-%02d-06", month), "str:x", "< 10"),
                    "1000", 1, PRECISION);
        }
        Transaction bill = new Transaction("int:a", "2016-07-05", "str:bill", "> -1000");
        model.predictThenLearn(bill, "2800", 1, PRECISION);

        Suggestion first = model.suggest(bill, 1).get(0);
        assertEquals("6900", first.account());
        assertEquals(Suggestion.Source.SPLIT, first.source());
    }

    @Test
    void aKnownCompanyIsSuggestedOnlyAccountsItBooked() {
        Model model = learnt(stream(8, 1000));
        model.predictThenLearn(new Transaction("int:solo", null, "str:v3", null), "9999", 1, PRECISION);

        for (Suggestion s : model.suggest(new Transaction("int:solo", null, "str:v3 int:1", "big negative"), 50)) {
            assertEquals("9999", s.account());
        }
    }

    @Test
    void autoBooksOnlyWhatTheWindowSaysKeepsThePrecision() {
        Model model = new Model(ModelOptions.DEFAULT);
        Transaction rent = new Transaction("int:a", "2016-02-01", "str:rent", "> -10000");
        boolean booked = false;
        for (int i = 0; i < 200; i++) {
            Model.Step step = model.predictThenLearn(rent, "4000", 1, PRECISION);
            booked = step.autoBook();
            assertFalse(model.predictThenLearn(rent, "4000", 1, 0).autoBook(), "0 turns auto-booking off");
        }
        assertTrue(booked, "always right: booked unseen");
        double p = model.suggest(rent, 1).get(0).probability();
        assertTrue(model.autoBook(p, PRECISION));
        assertFalse(model.autoBook(0.2, PRECISION));
    }

    @Test
    void predictsNothingBeforeLearningAndRejectsKBelowOne() {
        Model model = new Model(ModelOptions.DEFAULT);
        assertEquals(List.of(), model.predict(QUERIES.get(0), 3));
        assertEquals(List.of(), model.suggest(QUERIES.get(0), 3));
        Model.Step first = model.predictThenLearn(QUERIES.get(0), "6700", 3, PRECISION);
        assertEquals(List.of(), first.suggestions());
        assertFalse(first.autoBook());
        assertEquals(List.of("6700"), model.predict(QUERIES.get(3), 3));
        assertThrows(IllegalArgumentException.class, () -> model.suggest(QUERIES.get(0), 0));
        assertThrows(IllegalArgumentException.class, () -> model.predictThenLearn(QUERIES.get(0), "", 1, PRECISION));
    }

    @Test
    void predictsConcurrentlyWithTheSameAnswersAsAlone() throws Exception {
        Model model = learnt(stream(9, 3000));
        List<List<Suggestion>> alone = new ArrayList<>();
        for (Transaction q : QUERIES) {
            alone.add(model.suggest(q, 4));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 300; i++) {
                        for (int q = 0; q < QUERIES.size(); q++) {
                            if (!model.suggest(QUERIES.get(q), 4).equals(alone.get(q))) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFloodOfNeverSeenTokensStopsAtTheFeatureBound() {
        Model model = new Model(ModelOptions.DEFAULT.withMaxFeatures(5000));
        Random random = new Random(42);
        for (int i = 0; i < 4000; i++) {
            String text = "str:" + Long.toHexString(random.nextLong()) + " str:" + Long.toHexString(random.nextLong());
            model.predictThenLearn(new Transaction("int:c" + (i % 10), "2016-02-29", text, "> -1000"), "acc" + (i % 7), 1, PRECISION);
        }
        assertEquals(5000, model.featureCount());
        assertEquals(4000, model.sampleCount());
        assertEquals(7, model.classCount());
        assertEquals(ModelOptions.DEFAULT.withMaxFeatures(5000), model.options());
        assertFalse(model.predict(new Transaction("int:c1", "2016-02-29", "str:never-seen", "> -1000"), 3).isEmpty());
        System.out.printf("reliability: 16,000 never-seen tokens into a model bounded at 5,000 features: %d features%n",
                model.featureCount());
    }

    private static Model readBack(Model model) {
        return States.roundTrip(model::write, Model::read);
    }

    @Test
    void aModelReadBackFromWhatItWroteAnswersAsTheOriginal() {
        Model original = learnt(stream(10, 1500));
        Model read = readBack(original);

        assertEquals(original.options(), read.options());
        assertEquals(original.sampleCount(), read.sampleCount());
        assertEquals(original.classCount(), read.classCount());
        assertEquals(original.featureCount(), read.featureCount());
        assertEquals(original.checksum(), read.checksum());
        for (Transaction q : QUERIES) {
            assertEquals(original.suggest(q, 20), read.suggest(q, 20), q.toString());
        }
        for (double p : new double[] {0.5, 0.8, 0.9, 0.97}) {
            assertEquals(original.autoBook(p, 0.9), read.autoBook(p, 0.9), "p " + p);
        }
    }

    @Test
    void aModelReadBackLearnsOnExactlyAsTheOriginal() {
        List<Booked> stream = stream(11, 2000);
        Model original = learnt(stream.subList(0, 1000));
        Model read = readBack(original);

        for (Booked b : stream.subList(1000, 2000)) {
            Model.Step expected = original.predictThenLearn(b.transaction(), b.account(), 3, PRECISION);
            assertEquals(expected, read.predictThenLearn(b.transaction(), b.account(), 3, PRECISION));
        }
        assertEquals(original.checksum(), read.checksum());
        assertEquals(learnt(stream).checksum(), read.checksum(), "as if learnt from scratch");
    }

    @Test
    void aModelWithOptionsItCouldNotHaveIsRefusedAsCorrupt() {
        byte[] zeroAlpha = States.bytes(out -> out.writeDouble(0).writeDouble(100).writeInt(1000));

        StateInput.CorruptStateException e = assertThrows(StateInput.CorruptStateException.class,
                () -> Model.read(new StateInput(zeroAlpha)));
        assertTrue(e.getMessage().startsWith("model options: alpha"), e.getMessage());
    }
    @Test
    void aSplitIsSuggestedFromTheAccountThatFollowedTheLastOneWhateverTheText() {
        Model model = new Model(ModelOptions.DEFAULT);
        // the first account learnt, followed each month by a split booking of the same bank entry to 6900
        for (int month = 1; month <= 6; month++) {
            Transaction bill = new Transaction("int:a", String.format("2016-%02d-05", month), "str:vendor" + month, "> -1000");
            model.predictThenLearn(bill, "2800", 1, PRECISION);
            model.predictThenLearn(bill, "6900", 1, PRECISION);
            model.predictThenLearn(new Transaction("int:a", String.format("2016-%02d-06", month), "str:x", "< 10"),
                    "1000", 1, PRECISION);
        }
        Transaction bill = new Transaction("int:a", "2016-07-05", "str:vendor99", "> -1000");
        model.predictThenLearn(bill, "2800", 1, PRECISION);

        Map<String, Suggestion> again = byAccount(model.suggest(bill, 3));
        assertEquals(Suggestion.Source.SPLIT, again.get("6900").source(), "a text never split before");
        assertEquals(Suggestion.Source.MEMORY, again.get("2800").source(), "booked before, never after 2800");
        assertEquals(1, again.get("2800").memoryBookings());
        assertEquals(Suggestion.Source.MODEL, again.get("1000").source());
        Map<String, Suggestion> nextDay = byAccount(model.suggest(
                new Transaction("int:a", "2016-07-06", "str:vendor99", "> -1000"), 3));
        assertEquals(Suggestion.Source.MODEL, nextDay.get("6900").source(), "not the last bank entry again");
        assertEquals(Suggestion.Source.MEMORY, nextDay.get("2800").source());
    }

    private static Map<String, Suggestion> byAccount(List<Suggestion> suggestions) {
        Map<String, Suggestion> byAccount = new HashMap<>();
        for (Suggestion s : suggestions) {
            byAccount.put(s.account(), s);
        }
        return byAccount;
    }

    @Test
    void sourcesAreNamedInLowerCase() {
        assertEquals("memory", Suggestion.Source.MEMORY.label());
        assertEquals("split", Suggestion.Source.SPLIT.label());
        assertEquals("model", Suggestion.Source.MODEL.label());
    }

    @Test
    void theAutoBookDecisionFollowsTheRecordOfAllCompaniesLatestFirstSuggestions() {
        Model model = new Model(ModelOptions.DEFAULT);
        double precision = 0.9;
        AutoBook record = new AutoBook();
        int bookedOnlyByTheRecord = 0;
        for (Booked b : stream(12, 3000)) {
            Model.Step step = model.predictThenLearn(b.transaction(), b.account(), 1, precision);
            if (step.suggestions().isEmpty()) {
                continue;
            }
            double p = step.suggestions().get(0).probability();
            assertEquals(record.decide(p, precision), step.autoBook());
            if (step.autoBook() && p < precision) {
                bookedOnlyByTheRecord++;
            }
            record.record(p);
        }
        assertTrue(bookedOnlyByTheRecord > 0, "some first suggestions less sure than asked were booked on the record");
        int decidedByTheRecord = 0;
        for (double p = 0.05; p < 1; p += 0.05) {
            for (double asked : new double[] {0.5, 0.8, 0.9, 0.95}) {
                boolean expected = record.decide(p, asked);
                assertEquals(expected, model.autoBook(p, asked), p + " " + asked);
                decidedByTheRecord += expected && p < asked ? 1 : 0;
            }
        }
        assertTrue(decidedByTheRecord > 0);
    }

    @Test
    void featureKeysAreTheFeaturesThenTheMemoriesKeysAndAnIndependentHashKeysTheSameFeaturesOtherwise() {
        Transaction t = new Transaction("int:a", "2016-02-29", "str:x str:y", "> -1000");
        Encoded e = Features.encode(t);
        long[] keys = Model.featureKeys(t, false);
        long[] independent = Model.featureKeys(t, true);

        long[] expected = Arrays.copyOf(e.keys(), 10);
        System.arraycopy(new long[] {e.companyKey(), e.exactKey(), e.textKey(), e.entryKey()}, 0, expected, 6, 4);
        assertArrayEquals(expected, keys);
        assertEquals(keys.length, independent.length);
        for (int i = 0; i < keys.length; i++) {
            assertNotEquals(keys[i], independent[i], "key " + i);
        }
        long[] otherCompany = Model.featureKeys(new Transaction("int:b", null, "str:x", null), true);
        assertEquals(independent[0], otherCompany[0], "the same global token, the same independent key");
        assertNotEquals(independent[3], otherCompany[1], "another company's twin");
        // absent values have no feature and no memory key
        assertArrayEquals(new long[] {Features.tokenKey("str:x")}, Model.featureKeys(new Transaction(null, null, "str:x", null), false));
        Encoded companyOnly = Features.encode(new Transaction("int:a", null, null, null));
        assertArrayEquals(new long[] {companyOnly.companyKey(), companyOnly.entryKey()},
                Model.featureKeys(new Transaction("int:a", null, null, null), false));
    }
}
