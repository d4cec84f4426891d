package ledgerlearn.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import ledgerlearn.sample.Transaction;
import ledgerlearn.snapshot.StateInput;
import ledgerlearn.snapshot.StateOutput;

/**
 * The account suggester, learnt one booked transaction at a time: a {@link NaiveBayes} proposes candidate
 * accounts and their first scores, {@link Evidence} gathers what else speaks for each (the memories, the
 * company's habits, a {@link LinearScorer}), and a {@link Ranker} turns that into each account's own
 * probability; {@link AutoBook} learns how far those probabilities can be trusted. Every part is learnt
 * from the stream alone, in order, so learning in any chunks gives the same model as learning from scratch.
 * Writers must be serialised by the caller and must exclude readers; any number of concurrent
 * {@code predict} and {@code suggest} calls are safe while no writer runs.
 */
public final class Model {
    /** The precision of auto-booked samples the auto-book decision keeps unless told otherwise. */
    public static final double DEFAULT_AUTO_BOOK_PRECISION = 0.95;
    /** The ranker's AdaGrad step, chosen on the first half of the real stream (docs/MODEL.md). */
    static final double RANKER_STEP = 0.6;
    /** The linear scorer's AdaGrad step, chosen likewise. */
    static final double LINEAR_STEP = 0.5;
    /** A linear weight is created once a gradient reaches this; smaller ones change no ranking measurably. */
    static final double LINEAR_MIN_GRADIENT = 0.05;

    private final ModelOptions options;
    private FeatureIds featureIds;
    private final NaiveBayes bayes;
    private KeyedCounts exact;
    private KeyedCounts text;
    private KeyedCounts splits;
    private final LinearScorer linear;
    private final Ranker ranker = new Ranker(RANKER_STEP);
    /** How sure the latest first suggestions were. */
    private final AutoBook autoBook = new AutoBook();
    /** By company×token feature id, 1 + the class the company last booked the token with (0: none). */
    private int[] lastByTwin = new int[1024];
    /** The writer's arrays for gathering evidence; readers bring their own. */
    private final Evidence.Scratch scratch = new Evidence.Scratch();

    public Model(ModelOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        int capacity = options.maxFeatures();
        this.featureIds = new FeatureIds(capacity);
        this.bayes = new NaiveBayes(options.alpha(), options.companyModel(), capacity);
        this.exact = new KeyedCounts(capacity);
        this.text = new KeyedCounts(capacity);
        this.splits = new KeyedCounts(capacity);
        this.linear = new LinearScorer(LINEAR_STEP, LINEAR_MIN_GRADIENT, 2L * capacity);
    }

    public ModelOptions options() {
        return options;
    }

    /**
     * What the model suggested for a sample before learning it.
     *
     * @param suggestions the best accounts, best first (empty before anything was learnt)
     * @param autoBook whether the first may be booked unseen
     */
    public record Step(List<Suggestion> suggestions, boolean autoBook) {
    }

    /**
     * The prequential step: the {@code k} best accounts for {@code transaction} by what was learnt so far, and
     * whether the first may be booked unseen at {@code autoBookPrecision}; then learns that it was booked to
     * {@code account}.
     */
    public Step predictThenLearn(Transaction transaction, String account, int k, double autoBookPrecision) {
        if (account == null || account.isEmpty()) {
            throw new IllegalArgumentException("account must be non-empty");
        }
        Encoded encoded = Features.encode(transaction);
        if (bayes.sampleCount() == 0) {
            learn(encoded, account, null, null);
            return new Step(List.of(), false);
        }
        Query query = query(encoded);
        Evidence.Candidates candidates = Evidence.gather(sources(), encoded, query.ids, query.linearFeatures, true,
                scratch);
        double[] probabilities = ranker.probabilities(candidates.rows(), candidates.rowCount());
        List<Suggestion> suggestions = suggestions(candidates, probabilities, k);
        Suggestion first = suggestions.get(0);
        boolean auto = autoBook.decide(first.probability(), autoBookPrecision);
        autoBook.record(first.probability());
        learn(encoded, account, candidates, probabilities);
        return new Step(suggestions, auto);
    }

    /** The {@code k} most likely accounts, best first; empty before anything was learnt. */
    public List<String> predict(Transaction transaction, int k) {
        List<String> accounts = new ArrayList<>(k);
        for (Suggestion s : suggest(transaction, k)) {
            accounts.add(s.account());
        }
        return accounts;
    }

    /** The {@code k} most likely accounts with their probabilities and sources, best first; empty before anything was learnt. */
    public List<Suggestion> suggest(Transaction transaction, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        if (bayes.sampleCount() == 0) {
            return List.of();
        }
        Encoded encoded = Features.encode(transaction);
        Query query = query(encoded);
        Evidence.Candidates candidates = Evidence.gather(sources(), encoded, query.ids, query.linearFeatures, false,
                new Evidence.Scratch());
        return suggestions(candidates, ranker.probabilities(candidates.rows(), candidates.rowCount()), k);
    }

    /** Whether a first suggestion shown with {@code probability} may be booked unseen at {@code precision}, now. */
    public boolean autoBook(double probability, double precision) {
        return autoBook.decide(probability, precision);
    }

    /**
     * The keys a transaction's features and memories are learnt under ({@code independent} false), or the
     * same features under an independent hash (true). Two features that share a key in the first set but
     * not in the second collided: a table keyed by exact features would have kept them apart. An audit.
     */
    public static long[] featureKeys(Transaction transaction, boolean independent) {
        Encoded e = independent ? Features.encode(transaction, 0x9ae16a3b2f90404fL) : Features.encode(transaction);
        long[] keys = Arrays.copyOf(e.keys(), e.keys().length + 4);
        int n = e.keys().length;
        for (long key : new long[] {e.companyKey(), e.exactKey(), e.textKey(), e.entryKey()}) {
            if (key != 0) {
                keys[n++] = key;
            }
        }
        return Arrays.copyOf(keys, n);
    }

    /** Whether a sample of {@code company} booked to {@code account} was learnt. */
    public boolean booked(String company, String account) {
        CompanyCounts counts = bayes.company(company);
        int c = bayes.classOf(account);
        return counts != null && c >= 0 && counts.indexOf(c) >= 0;
    }

    /** The accounts {@code company} has booked (learnt a sample of); empty for a company never learnt. */
    public Set<String> accountsBookedBy(String company) {
        CompanyCounts counts = bayes.company(company);
        if (counts == null) {
            return Set.of();
        }
        Set<String> accounts = new HashSet<>();
        for (int i = 0; i < counts.size(); i++) {
            accounts.add(bayes.name(counts.classAt(i)));
        }
        return accounts;
    }

    /** The number of distinct accounts learnt. */
    public int classCount() {
        return bayes.classCount();
    }

    /** The number of distinct features with an id (at most {@link ModelOptions#maxFeatures()}). */
    int featureCount() {
        return featureIds.size();
    }

    /** The number of samples learnt. */
    public long sampleCount() {
        return bayes.sampleCount();
    }

    /** A digest of everything learnt, in a canonical order: equal models have equal checksums. */
    public long checksum() {
        long h = Digest.mix(0, options.hashCode());
        h = featureIds.digest(h);
        h = bayes.digest(h);
        h = exact.digest(Digest.mix(h, 1));
        h = text.digest(Digest.mix(h, 2));
        h = splits.digest(Digest.mix(h, 3));
        h = linear.digest(h);
        h = ranker.digest(h);
        h = autoBook.digest(h);
        for (int i = 0; i < featureIds.size() && i < lastByTwin.length; i++) {
            h = Digest.mix(h, lastByTwin[i]);
        }
        return h;
    }

    /** Writes everything learnt, so that {@link #read} gives back a model equal to this one. */
    public void write(StateOutput out) {
        out.writeDouble(options.alpha()).writeDouble(options.companyModel()).writeInt(options.maxFeatures());
        featureIds.write(out);
        bayes.write(out);
        exact.write(out);
        text.write(out);
        splits.write(out);
        linear.write(out);
        ranker.write(out);
        autoBook.write(out);
        out.writeInts(lastByTwin, Math.min(lastByTwin.length, featureIds.size()));
    }

    /**
     * The model {@link #write} wrote.
     *
     * @throws StateInput.CorruptStateException when the bytes do not hold one
     */
    public static Model read(StateInput in) {
        ModelOptions options;
        try {
            options = new ModelOptions(in.readDouble(), in.readDouble(), in.readInt());
        } catch (IllegalArgumentException e) {
            throw new StateInput.CorruptStateException("model options: " + e.getMessage());
        }
        Model model = new Model(options);
        model.featureIds = FeatureIds.read(in);
        model.bayes.read(in);
        model.exact = KeyedCounts.read(in, options.maxFeatures());
        model.text = KeyedCounts.read(in, options.maxFeatures());
        model.splits = KeyedCounts.read(in, options.maxFeatures());
        model.linear.read(in, model.bayes.classCount());
        model.ranker.read(in);
        model.autoBook.read(in);
        model.lastByTwin = in.readInts(1024);
        return model;
    }

    /** A query's feature ids (-1: never learnt) and the features its linear scores read. */
    private record Query(int[] ids, int[] linearFeatures) {
    }

    private Query query(Encoded encoded) {
        long[] keys = encoded.keys();
        int[] ids = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            ids[i] = featureIds.find(keys[i]);
        }
        return new Query(ids, linearFeatures(ids, encoded.companyKey() == 0 ? -1 : featureIds.find(encoded.companyKey())));
    }

    private static int[] linearFeatures(int[] ids, int company) {
        int[] features = new int[ids.length + 2];
        int n = 0;
        for (int id : ids) {
            if (id >= 0) {
                features[n++] = id;
            }
        }
        if (company >= 0) {
            features[n++] = company;
        }
        features[n++] = LinearScorer.BIAS;
        return Arrays.copyOf(features, n);
    }

    private Evidence.Sources sources() {
        return new Evidence.Sources(bayes, exact, text, splits, linear, lastByTwin);
    }

    private void learn(Encoded encoded, String account, Evidence.Candidates candidates, double[] probabilities) {
        int known = bayes.classOf(account);
        if (candidates != null) {
            ranker.learn(candidates.rows(), candidates.rowCount(), probabilities, truthRow(candidates, known));
        }
        long[] keys = encoded.keys();
        int[] ids = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            ids[i] = featureIds.intern(keys[i]);
        }
        int company = encoded.companyKey() == 0 ? -1 : featureIds.intern(encoded.companyKey());
        CompanyCounts counts = bayes.company(encoded.company());
        boolean repeat = counts != null && counts.lastEntry() == encoded.entryKey();
        int previous = repeat ? counts.lastClass() : -1;
        int c = bayes.learn(encoded, ids, account);
        if (candidates != null) {
            int n = candidates.size();
            int[] classes = candidates.classes();
            int truth = indexOf(classes, n, c);
            double[] logP = candidates.linearLogProbabilities();
            if (truth < 0) {
                classes = Arrays.copyOf(classes, n + 1);
                classes[n] = c;
                truth = n++;
                logP = null;
            }
            // features new to this sample have no weight yet, so the scores the candidates had still hold
            linear.learn(linearFeatures(ids, company), classes, n, truth, logP);
        }
        if (encoded.hasTwins()) {
            for (int i = 0; i < encoded.tokens(); i++) {
                int twin = ids[encoded.globals() + i];
                if (twin >= 0) {
                    if (twin >= lastByTwin.length) {
                        lastByTwin = Arrays.copyOf(lastByTwin, Math.max(twin + 1, lastByTwin.length * 2));
                    }
                    lastByTwin[twin] = c + 1;
                }
            }
        }
        exact.record(encoded.exactKey(), c);
        text.record(encoded.textKey(), c);
        if (encoded.company() != null) {
            if (repeat) {
                if (encoded.text() != null) {
                    splits.record(Features.splitKey(encoded.companyHash(), previous, encoded.textHash()), c);
                }
                splits.record(Features.splitKey(encoded.companyHash(), previous, 0), c);
            }
            bayes.company(encoded.company()).booked(encoded.entryKey(), c);
        }
    }

    /** The row of the booked class: its candidate row, the rest row, or the new row. */
    private static int truthRow(Evidence.Candidates candidates, int c) {
        int at = c < 0 ? -1 : indexOf(candidates.classes(), candidates.size(), c);
        if (at >= 0) {
            return at;
        }
        return c >= 0 && candidates.inRest(c) ? candidates.restRow() : candidates.newRow();
    }

    /**
     * The {@code k} best of the candidates and the rest, by probability, best first (ties: candidates first, then
     * in order): a rest account's probability is an equal share of the rest's, the rest's accounts in the order
     * of their naive Bayes' probabilities.
     */
    private List<Suggestion> suggestions(Evidence.Candidates candidates, double[] probabilities, int k) {
        int n = candidates.size();
        int[] order = Evidence.best(probabilities, n, Math.min(k, n));
        int[] rest = bestRest(candidates, k);
        double restProbability = probabilities[candidates.restRow()];
        List<Suggestion> suggestions = new ArrayList<>(Math.min(k, order.length + rest.length));
        int i = 0;
        int j = 0;
        while (suggestions.size() < k && (i < order.length || j < rest.length)) {
            double restP = j < rest.length ? restProbability * candidates.restShare() : -1;
            if (i < order.length && probabilities[order[i]] >= restP) {
                suggestions.add(suggestion(candidates, candidates.classes()[order[i]], probabilities[order[i]]));
                i++;
            } else {
                suggestions.add(suggestion(candidates, candidates.all()[rest[j]], restP));
                j++;
            }
        }
        return suggestions;
    }

    /** The positions in {@code all} of the {@code k} most probable accounts that are not candidates, most first. */
    private static int[] bestRest(Evidence.Candidates candidates, int k) {
        int restCount = candidates.allSize() - candidates.size();
        int[] best = new int[Math.min(k, restCount)];
        if (best.length == 0) {
            return best;
        }
        double[] nb = candidates.nb();
        int size = 0;
        for (int p = 0; p < candidates.allSize(); p++) {
            if (candidates.candidate()[p] || (size == best.length && !(nb[p] > nb[best[size - 1]]))) {
                continue;
            }
            int at = size;
            while (at > 0 && nb[p] > nb[best[at - 1]]) {
                at--;
            }
            System.arraycopy(best, at, best, at + 1, Math.min(size, best.length - 1) - at);
            best[at] = p;
            size = Math.min(size + 1, best.length);
        }
        return best;
    }

    private Suggestion suggestion(Evidence.Candidates candidates, int c, double probability) {
        Evidence.Memory memory = candidates.memory();
        Suggestion.Source source = Suggestion.Source.MODEL;
        int bookings = 0;
        int toThis = 0;
        if (memory.repeatLast() >= 0 && (splits.count(memory.splitTextId(), c) > 0 || splits.count(memory.splitAnyId(), c) > 0)) {
            source = Suggestion.Source.SPLIT;
        } else if (exact.count(memory.exactId(), c) > 0) {
            source = Suggestion.Source.MEMORY;
            bookings = memory.exactBookings();
            toThis = exact.count(memory.exactId(), c);
        }
        return new Suggestion(bayes.name(c), probability, source, bookings, toThis, candidates.companyKnown());
    }

    private static int indexOf(int[] values, int n, int value) {
        for (int i = 0; i < n; i++) {
            if (values[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
