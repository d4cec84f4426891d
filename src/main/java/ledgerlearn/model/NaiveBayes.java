package ledgerlearn.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import ledgerlearn.sample.Transaction;

/**
 * A multinomial naive Bayes over hashed features that learns one sample at a time; with a company
 * model, each company's prior and feature distributions are its own counts smoothed towards the
 * global ones. Writers must be serialised by the caller and must exclude readers; any number of
 * concurrent {@code predict} calls are safe while no {@code learn} runs.
 */
public final class NaiveBayes {
    private static final int GAIN_TABLE_SIZE = 4096;
    /** The company model's beta: the global prior weighs as much as one of the company's samples. */
    private static final double COMPANY_PRIOR_WEIGHT = 1.0;
    /**
     * The probability mass a memory gives the account it puts first: p = w [c = remembered] + (1 - w) p,
     * so that the probabilities stay normalised and in the order of the suggestions (w >= 1/2 puts the
     * remembered account at or above every other).
     */
    private static final double MEMORY_WEIGHT = 0.5;
    /** A token's extra vote for the account the company last booked it with, besides its votes by count (summing to one). */
    private static final double LAST_BOOKED_VOTE = 0.5;
    private static final ThreadLocal<double[]> SCRATCH = ThreadLocal.withInitial(() -> new double[64]);
    private static final ThreadLocal<double[]> RERANK_SCRATCH = ThreadLocal.withInitial(() -> new double[64]);

    private final ModelOptions options;
    private final double alpha;
    private final double logAlpha;
    /** log(n + alpha) - log(alpha) for small n, so the sparse corrections cost no Math.log. */
    private final double[] gainTable;

    private final Map<String, Integer> classIds = new HashMap<>();
    private String[] classNames = new String[16];
    private int[] classSamples = new int[16];
    private long[] classFeatureTotals = new long[16];
    private double[] logClassSamples = new double[16];
    private double[] logDenominators = new double[16];
    private int classCount;
    private long sampleCount;

    private final FeatureTable features;

    /**
     * The V for which {@code logDenominators} holds log(N_c + alpha V) for every class. A new
     * feature changes V and so every class's denominator: recomputing C logs in learn would cost
     * C logs per new feature even during a replay that never predicts, so learn only marks them
     * stale and the next predict refreshes them once. Readers run concurrently (no writer), so the
     * refresh is idempotent, done under a lock, and published by the volatile write of this field.
     */
    private volatile int denominatorsValidFor;
    private final Object refreshLock = new Object();

    /** Per company, for the company gate, the company model and the split memory; {@code null} when none is on. */
    private final Map<String, CompanyCounts> companies;
    private final ExactMemory memory;
    /** (company, previous class, text) and (company, previous class) of split bookings to the class that followed. */
    private final ExactMemory splits;
    /** 1 + the global prior's extra weight: log N_c enters every score this many times. */
    private final double priorWeight;
    /** N_c + alpha V by class, kept with {@code logDenominators}, for the company model's corrections. */
    private double[] denominators = new double[16];
    /** By company×token bucket, 1 + the class last booked with it (0: none yet); {@code null} without token habits. */
    private final int[] lastClassByToken;

    public NaiveBayes(ModelOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.alpha = options.alpha();
        this.logAlpha = Math.log(alpha);
        this.gainTable = new double[GAIN_TABLE_SIZE];
        for (int n = 0; n < GAIN_TABLE_SIZE; n++) {
            gainTable[n] = Math.log(n + alpha) - logAlpha;
        }
        // Pairs beyond a bucket's first are capped at half the bucket count: the real data set needs
        // a quarter of that at 19 bits, and a flood of new tokens and accounts stays near 20 MB.
        this.features = new FeatureTable(options.hashBits(), 1L << (options.hashBits() - 1));
        this.companies = options.companyGate() || options.hasCompanyModel() || options.splitMemory() || options.reranks()
                ? new HashMap<>() : null;
        // a quarter of the bucket count: 2 MB at 19 bits, while the real data needs 50,000 keys
        this.memory = options.exactMemory() ? new ExactMemory(1 << Math.max(4, options.hashBits() - 2)) : null;
        // the real data set needs 5,619 split keys; an eighth of the bucket count is 65,536 at 19 bits
        this.splits = options.splitMemory() ? new ExactMemory(1 << Math.max(4, options.hashBits() - 3)) : null;
        this.priorWeight = 1 + options.globalPrior();
        this.lastClassByToken = options.hasTokenHabits() ? new int[1 << options.hashBits()] : null;
    }

    /** Learns one booked transaction. */
    public void learn(Transaction transaction, String account) {
        requireAccount(account);
        learn(encode(transaction), account);
    }

    /**
     * What {@code predict(transaction, k)} answers, then learns the transaction: the prequential
     * step, with the transaction's features hashed once for both.
     */
    public List<String> predictThenLearn(Transaction transaction, String account, int k) {
        requireAccount(account);
        Encoded encoded = encode(transaction);
        List<String> top = accounts(rank(encoded, k, false));
        learn(encoded, account);
        return top;
    }

    /**
     * A transaction with its feature buckets and memory keys, computed once (a key is 0 when its memory
     * is off); {@code buckets[tokensFrom..tokensTo)} are its company×token buckets for the token habits (none
     * without token habits or without a company).
     */
    private record Encoded(Transaction transaction, int[] buckets, int globals, long exactKey, long entryKey,
                           int tokensFrom, int tokensTo) {}

    private Encoded encode(Transaction transaction) {
        Objects.requireNonNull(transaction, "transaction");
        int[] buckets = Features.of(transaction, options);
        int globals = Features.globalCount(transaction, options, buckets.length);
        int tokens = lastClassByToken == null || transaction.companyId() == null ? 0 : Features.tokenCount(transaction);
        // with a company model the twins follow the globals, tokens first; else the crosses end the list
        int tokensFrom = options.hasCompanyModel() ? globals : buckets.length - tokens;
        return new Encoded(transaction, buckets, globals, memory == null ? 0 : Features.exactKey(transaction),
                splits == null ? 0 : Features.entryKey(transaction), tokensFrom, tokensFrom + tokens);
    }

    private static void requireAccount(String account) {
        if (account == null || account.isEmpty()) {
            throw new IllegalArgumentException("account must be non-empty");
        }
    }

    private void learn(Encoded encoded, String account) {
        Transaction transaction = encoded.transaction();
        int c = classId(account);
        int[] buckets = encoded.buckets();
        int globals = encoded.globals();
        for (int bucket : buckets) {
            features.add(bucket, c);
        }
        if (lastClassByToken != null) {
            for (int i = encoded.tokensFrom(); i < encoded.tokensTo(); i++) {
                lastClassByToken[buckets[i]] = c + 1;
            }
        }
        classSamples[c]++;
        // With a company model N_c counts the global features only; the company twins have their
        // own totals per company and class.
        classFeatureTotals[c] += globals;
        sampleCount++;
        logClassSamples[c] = Math.log(classSamples[c]);
        if (denominatorsValidFor == features.distinct()) {
            refreshDenominator(c);
        }
        if (companies != null && transaction.companyId() != null) {
            CompanyCounts company = companies.computeIfAbsent(transaction.companyId(), k -> new CompanyCounts());
            company.add(c, globals);
            if (splits != null) {
                learnSplit(encoded, company, c);
            }
        }
        if (encoded.exactKey() != 0) {
            memory.record(encoded.exactKey(), c);
        }
    }

    /**
     * A split booking: the company books the bank entry it booked last again, after {@code previous}
     * (not necessarily to another account: an entry booked twice in a row to the same account counts
     * too). Which account follows which, per company, is a habit.
     */
    private void learnSplit(Encoded encoded, CompanyCounts company, int c) {
        Transaction transaction = encoded.transaction();
        long entry = encoded.entryKey();
        int previous = company.lastClassFor(entry);
        if (previous >= 0) {
            String name = transaction.companyId();
            if (transaction.text() != null) {
                splits.record(Features.splitKey(name, previous, transaction.text()), c);
            }
            splits.record(Features.splitKey(name, previous, null), c);
        }
        company.booked(entry, c);
    }

    /**
     * The {@code k} most likely accounts, best first (equal scores: the account learnt first); empty
     * before anything was learnt. With the exact memory, a remembered account comes first; with the
     * split memory, the account that follows in a split booking comes before that.
     */
    public List<String> predict(Transaction transaction, int k) {
        return accounts(rank(encode(transaction), k, false));
    }

    private List<String> accounts(Ranking ranking) {
        List<String> accounts = new ArrayList<>(ranking.classes().length);
        for (int c : ranking.classes()) {
            accounts.add(classNames[c]);
        }
        return accounts;
    }

    /**
     * The {@code k} most likely accounts with their probabilities, best first; empty before anything
     * was learnt. Probabilities are normalised over all accounts (over the company's accounts when
     * the company gate applies), so they sum to one for {@code k >= classCount()}; an account a
     * memory puts first gets half the mass besides its share of the rest (see {@link #MEMORY_WEIGHT}),
     * so they never increase down the list. With recency or token habits, which reorder the accounts
     * after the first, the i-th account carries the model's i-th highest probability: the model's
     * confidence in its i-th best guess, now given to the account ranked i-th.
     */
    public List<Prediction> predictDetailed(Transaction transaction, int k) {
        Ranking ranking = rank(encode(transaction), k, true);
        int[] classes = ranking.classes();
        List<Prediction> predictions = new ArrayList<>(classes.length);
        for (int i = 0; i < classes.length; i++) {
            predictions.add(new Prediction(classNames[classes[i]], ranking.probabilities()[i]));
        }
        return predictions;
    }

    /** The number of distinct accounts learnt. */
    public int classCount() {
        return classCount;
    }

    /** The number of samples learnt. */
    public long sampleCount() {
        return sampleCount;
    }

    /** A digest of every count in a canonical order: equal models have equal checksums. */
    public long checksum() {
        long h = Digest.mix(0, Double.doubleToLongBits(alpha));
        h = Digest.mix(h, (options.month() ? 1 : 0) | (options.crosses() ? 2 : 0)
                | (options.companyGate() ? 4 : 0) | (options.exactMemory() ? 8 : 0) | (options.splitMemory() ? 16 : 0));
        h = Digest.mix(h, Double.doubleToLongBits(options.companyModel()));
        h = Digest.mix(h, Double.doubleToLongBits(options.globalPrior()));
        h = Digest.mix(Digest.mix(h, Double.doubleToLongBits(options.recency())), Double.doubleToLongBits(options.tokenHabits()));
        h = Digest.mix(Digest.mix(h, options.hashBits()), sampleCount);
        h = Digest.mix(h, classCount);
        for (int c = 0; c < classCount; c++) {
            h = Digest.mix(h, classNames[c]);
            h = Digest.mix(Digest.mix(h, classSamples[c]), classFeatureTotals[c]);
        }
        h = features.digest(h);
        if (companies != null) {
            List<String> names = new ArrayList<>(companies.keySet());
            names.sort(null);
            for (String company : names) {
                h = companies.get(company).digest(Digest.mix(h, company));
            }
        }
        if (memory != null) {
            h = memory.digest(h);
        }
        if (splits != null) {
            h = splits.digest(h);
        }
        if (lastClassByToken != null) {
            for (int bucket = 0; bucket < lastClassByToken.length; bucket++) {
                if (lastClassByToken[bucket] != 0) {
                    h = Digest.mix(Digest.mix(h, bucket), lastClassByToken[bucket]);
                }
            }
        }
        return h;
    }

    /** V: the number of distinct hashed features learnt. */
    int distinctFeatures() {
        return features.distinct();
    }

    /** The (bucket, class) pairs counted: one per bucket seen, plus those beyond each bucket's first. */
    long storedPairs() {
        return features.pairs();
    }

    /** count_c: the samples learnt for {@code account}. */
    int samplesOf(String account) {
        Integer c = classIds.get(account);
        return c == null ? 0 : classSamples[c];
    }

    /** N_c: the sum of all feature counts of {@code account}. */
    long featureTotalOf(String account) {
        Integer c = classIds.get(account);
        return c == null ? 0 : classFeatureTotals[c];
    }

    /** N_cf for the feature string (e.g. {@code "t\u0001str:6cd08e4"}) and {@code account}. */
    int featureCountOf(String feature, String account) {
        Integer c = classIds.get(account);
        return c == null ? 0 : features.count(Features.bucket(feature, options.hashBits()), c);
    }

    /**
     * Every account's joint log-likelihood log P(c) + sum_f x_f log P(f|c) by class id (first-learnt
     * order), ignoring the gate and the memories: what scikit-learn's {@code _joint_log_likelihood} gives
     * (for the plain model without a global prior weight).
     */
    double[] jointLogLikelihoods(Transaction transaction) {
        double[] scores = new double[classCount];
        score(encode(transaction), scores, null, companyModelOf(transaction));
        return scores;
    }

    private record Ranking(int[] classes, double[] probabilities) {}

    /** The counts the company model scores {@code transaction} with, or {@code null} (no company model, or company unknown). */
    private CompanyCounts companyModelOf(Transaction transaction) {
        return options.hasCompanyModel() && transaction.companyId() != null ? companies.get(transaction.companyId()) : null;
    }

    private Ranking rank(Encoded encoded, int k, boolean withProbabilities) {
        Transaction transaction = encoded.transaction();
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        if (sampleCount == 0) {
            return new Ranking(new int[0], new double[0]);
        }
        double[] scores = SCRATCH.get();
        if (scores.length < classCount) {
            scores = new double[Math.max(classCount, scores.length * 2)];
            SCRATCH.set(scores);
        }
        CompanyCounts company = transaction.companyId() == null || companies == null ? null
                : companies.get(transaction.companyId());
        int[] candidates = options.companyGate() && company != null ? company.classes() : null;
        score(encoded, scores, candidates, options.hasCompanyModel() ? company : null);
        int n = candidates == null ? classCount : candidates.length;
        int[] top = top(scores, candidates, n, Math.min(k, n));
        int remembered = offered(memory == null || encoded.exactKey() == 0 ? -1 : memory.get(encoded.exactKey()),
                candidates);
        int follower = offered(splitFollower(encoded, company), candidates);
        boolean reranked = options.reranks() && company != null && top.length > 1;
        int[] ranked = memoriesFirst(reranked ? rerankAfterFirst(encoded, scores, candidates, n, top, company) : top,
                remembered, follower);
        if (!withProbabilities) {
            return new Ranking(ranked, null);
        }
        // the model's order gives the probabilities, in its order whatever the ranking (see predictDetailed)
        top = reranked ? memoriesFirst(top, remembered, follower) : ranked;
        double[] probabilities = probabilities(scores, candidates, n, top);
        if (remembered >= 0) {
            giveMemoryWeight(probabilities, top, remembered);
        }
        if (follower >= 0) {
            giveMemoryWeight(probabilities, top, follower);
        }
        return new Ranking(ranked, probabilities);
    }

    /** {@code top} with the remembered account first and the split follower before it (either -1: none). */
    private static int[] memoriesFirst(int[] top, int remembered, int follower) {
        if (remembered >= 0) {
            top = putFirst(top, remembered);
        }
        return follower >= 0 ? putFirst(top, follower) : top;
    }

    /**
     * The suggestions after the model's first, ranked instead by
     * <pre>
     *   score_c - R log(1 + a_c) + T v_c
     * </pre>
     * with a_c the company's samples since it last booked c (1: its last sample; its samples + 1 if
     * never) and v_c the vote of the query's distinct tokens the company has booked: each token
     * gives its accounts (n_tc / n_t + [c = the account last booked with it] / 2) / k_t, from the
     * company's n_t bookings with the token, n_tc of them to c, over k_t accounts. Both measure habits
     * the counts forget: which accounts a company uses now, and which account a token went to lately
     * (a token shared by many accounts votes less). The first suggestion stays the model's: from it
     * on, recency costs accuracy; below it, it wins the third place from the model's fourth often
     * enough (docs/MODEL.md).
     */
    private int[] rerankAfterFirst(Encoded encoded, double[] scores, int[] candidates, int n, int[] top,
                                   CompanyCounts company) {
        double[] ranking = RERANK_SCRATCH.get();
        if (ranking.length < classCount) {
            ranking = new double[Math.max(classCount, ranking.length * 2)];
            RERANK_SCRATCH.set(ranking);
        }
        double r = options.recency();
        if (candidates == null) {
            double never = r * Math.log1p(company.total() + 1);
            for (int c = 0; c < classCount; c++) {
                ranking[c] = scores[c] - never;
            }
        }
        for (int i = 0; i < company.size(); i++) {
            int c = company.classAt(i);
            ranking[c] = scores[c] - r * Math.log1p(company.ageAt(i));
        }
        if (lastClassByToken != null) {
            addTokenVotes(encoded, ranking);
        }
        int first = top[0];
        ranking[first] = Double.POSITIVE_INFINITY;
        return top(ranking, candidates, n, top.length);
    }

    /** Adds T v_c to {@code ranking[c]} (see {@link #rerankAfterFirst}); non-candidates also receive votes, never read. */
    private void addTokenVotes(Encoded encoded, double[] ranking) {
        int[] buckets = encoded.buckets();
        double weight = options.tokenHabits();
        tokens:
        for (int i = encoded.tokensFrom(); i < encoded.tokensTo(); i++) {
            int bucket = buckets[i];
            for (int j = encoded.tokensFrom(); j < i; j++) {
                if (buckets[j] == bucket) {
                    continue tokens;
                }
            }
            int start = features.start(bucket);
            int accounts = (features.end(bucket) - start) / 2;
            if (accounts == 0) {
                continue;
            }
            long bookings = 0;
            for (int p = start, end = features.end(bucket); p < end; p += 2) {
                bookings += features.countOf(p);
            }
            double share = weight / accounts;
            for (int p = features.start(bucket), end = features.end(bucket); p < end; p += 2) {
                ranking[features.classOf(p)] += share * features.countOf(p) / bookings;
            }
            // 0 when only another feature hashed to this bucket
            int last = lastClassByToken[bucket] - 1;
            if (last >= 0) {
                ranking[last] += share * LAST_BOOKED_VOTE;
            }
        }
    }

    /** When the transaction books again the company's last bank entry: the account that has followed in its splits, or -1. */
    private int splitFollower(Encoded encoded, CompanyCounts company) {
        if (splits == null || company == null) {
            return -1;
        }
        int previous = company.lastClassFor(encoded.entryKey());
        if (previous < 0) {
            return -1;
        }
        String name = encoded.transaction().companyId();
        String text = encoded.transaction().text();
        int c = text == null ? -1 : splits.get(Features.splitKey(name, previous, text));
        return c >= 0 ? c : splits.get(Features.splitKey(name, previous, null));
    }

    /** {@code c} if the query may get it (every account, or one of the gate's {@code candidates}), else -1. */
    private static int offered(int c, int[] candidates) {
        return c >= 0 && (candidates == null || Arrays.binarySearch(candidates, c) >= 0) ? c : -1;
    }

    /**
     * Fills {@code scores[c]} for every candidate with log prior_c + sum_f x_f log P(f|c). Written as
     * a per-class base, log prior_c - L log(N_c + alpha V) + L log(alpha), plus for each feature a
     * correction log(N_cf + alpha) - log(alpha) for only the classes that have seen it (for the others
     * N_cf = 0 and the correction is zero), so the cost is O(C + pairs seen) instead of O(C x features).
     * Features never learnt are ignored, as if the count matrix had only the learnt columns.
     * With a company model and a known {@code company}, see {@link #scoreForCompany}. The global
     * prior's extra weight B adds B log N_c to every class's base (the constant -B log N is dropped:
     * it changes no ranking and no normalised probability).
     */
    private void score(Encoded encoded, double[] scores, int[] candidates, CompanyCounts company) {
        // compacted in place below, and the encoding may be learnt afterwards
        int[] buckets = encoded.buckets().clone();
        int globals = encoded.globals();
        int seen = 0;
        for (int i = 0; i < globals; i++) {
            if (features.seen(buckets[i])) {
                if (company != null) {
                    // the company twin moves along with its global feature
                    buckets[globals + seen] = buckets[globals + i];
                }
                buckets[seen++] = buckets[i];
            }
        }
        refreshDenominators();
        double logTotal = Math.log(sampleCount);
        double constant = seen * logAlpha - logTotal;
        if (candidates == null) {
            for (int c = 0; c < classCount; c++) {
                scores[c] = priorWeight * logClassSamples[c] - seen * logDenominators[c] + constant;
            }
        } else {
            for (int c : candidates) {
                scores[c] = priorWeight * logClassSamples[c] - seen * logDenominators[c] + constant;
            }
        }
        if (company != null) {
            scoreForCompany(company, buckets, globals, seen, scores, candidates == null);
        }
        // Non-candidates also receive corrections; their scores are never read.
        for (int i = 0; i < seen; i++) {
            int bucket = buckets[i];
            for (int p = features.start(bucket), end = features.end(bucket); p < end; p += 2) {
                scores[features.classOf(p)] += gain(features.countOf(p));
            }
        }
    }

    /**
     * The company model: for a known company with n samples, of which n_c booked to class c, whose
     * company twins of feature f were booked n_cf times to c, out of m_c twin occurrences in all,
     * <pre>
     *   prior_c  = (n_c + beta P(c)) / (n + beta)                 P(c) = N_c / N, beta = 1
     *   P(f|c)   = (n_cf + mu P_g(f|c)) / (m_c + mu)              P_g(f|c) = (N_cf + alpha) / (N_c + alpha V)
     * </pre>
     * so a company's own bookings dominate once it has many and the global model speaks for it while
     * it has few. For n_cf = 0 this is P_g(f|c) mu / (m_c + mu): the base becomes
     * log prior_c + L (log(mu alpha) - log(N_c + alpha V) - log(m_c + mu)), the global feature's
     * correction stays log(N_cf + alpha) - log(alpha), and only the classes in the twin's row (those
     * the company booked with that feature) get one more, log(1 + n_cf (N_c + alpha V) / (mu (N_cf + alpha))).
     */
    private void scoreForCompany(CompanyCounts company, int[] buckets, int globals, int seen, double[] scores,
                                 boolean allClasses) {
        double mu = options.companyModel();
        double logN = Math.log(company.total() + COMPANY_PRIOR_WEIGHT);
        double share = COMPANY_PRIOR_WEIGHT / sampleCount;
        if (allClasses) {
            // Classes the company never booked (n_c = 0, m_c = 0) keep the global base, but with
            // the prior beta P(c) / (n + beta).
            double adjust = Math.log(COMPANY_PRIOR_WEIGHT) - logN;
            for (int c = 0; c < classCount; c++) {
                scores[c] += adjust;
            }
        }
        double logMuAlpha = Math.log(mu * alpha);
        for (int i = 0; i < company.size(); i++) {
            int c = company.classAt(i);
            scores[c] = Math.log(company.samplesAt(i) + share * classSamples[c]) - logN
                    + (priorWeight - 1) * logClassSamples[c]
                    + seen * (logMuAlpha - logDenominators[c] - Math.log(company.featureTotalAt(i) + mu));
        }
        for (int i = 0; i < seen; i++) {
            int twin = buckets[globals + i];
            // an unseen twin has no pairs
            for (int p = features.start(twin), end = features.end(twin); p < end; p += 2) {
                int c = features.classOf(p);
                double global = mu * (features.count(buckets[i], c) + alpha);
                scores[c] += Math.log1p(features.countOf(p) * denominators[c] / global);
            }
        }
    }

    private double gain(int count) {
        return count < GAIN_TABLE_SIZE ? gainTable[count] : Math.log(count + alpha) - logAlpha;
    }

    private void refreshDenominators() {
        int v = features.distinct();
        if (denominatorsValidFor != v) {
            synchronized (refreshLock) {
                if (denominatorsValidFor != v) {
                    for (int c = 0; c < classCount; c++) {
                        refreshDenominator(c);
                    }
                    denominatorsValidFor = v;
                }
            }
        }
    }

    private void refreshDenominator(int c) {
        denominators[c] = classFeatureTotals[c] + alpha * features.distinct();
        logDenominators[c] = Math.log(denominators[c]);
    }

    /** The best {@code k} of {@code n} candidates, best first; equal scores keep the lower class id first. */
    private static int[] top(double[] scores, int[] candidates, int n, int k) {
        int[] top = new int[k];
        int size = 0;
        for (int i = 0; i < n; i++) {
            int c = candidates == null ? i : candidates[i];
            double s = scores[c];
            if (size == k && !(s > scores[top[k - 1]])) {
                continue;
            }
            // Candidates come in ascending id order, so a tie goes after the earlier class.
            int at = size;
            while (at > 0 && s > scores[top[at - 1]]) {
                at--;
            }
            int moved = Math.min(size, k - 1) - at;
            System.arraycopy(top, at, top, at + 1, moved);
            top[at] = c;
            size = Math.min(size + 1, k);
        }
        return top;
    }

    private static void giveMemoryWeight(double[] probabilities, int[] top, int c) {
        for (int i = 0; i < top.length; i++) {
            probabilities[i] = (1 - MEMORY_WEIGHT) * probabilities[i] + (top[i] == c ? MEMORY_WEIGHT : 0);
        }
    }

    private static int[] putFirst(int[] top, int c) {
        int at = 0;
        while (at < top.length && top[at] != c) {
            at++;
        }
        if (at == top.length) {
            at--;
        }
        System.arraycopy(top, 0, top, 1, at);
        top[0] = c;
        return top;
    }

    // Softmax with the maximum subtracted, so exp never overflows and the best class gets exp(0).
    private static double[] probabilities(double[] scores, int[] candidates, int n, int[] top) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, scores[candidates == null ? i : candidates[i]]);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.exp(scores[candidates == null ? i : candidates[i]] - max);
        }
        double[] probabilities = new double[top.length];
        for (int i = 0; i < top.length; i++) {
            probabilities[i] = Math.exp(scores[top[i]] - max) / sum;
        }
        return probabilities;
    }

    private int classId(String account) {
        Integer id = classIds.get(account);
        if (id != null) {
            return id;
        }
        int c = classCount++;
        if (c == classNames.length) {
            int capacity = c * 2;
            classNames = Arrays.copyOf(classNames, capacity);
            classSamples = Arrays.copyOf(classSamples, capacity);
            classFeatureTotals = Arrays.copyOf(classFeatureTotals, capacity);
            logClassSamples = Arrays.copyOf(logClassSamples, capacity);
            logDenominators = Arrays.copyOf(logDenominators, capacity);
            denominators = Arrays.copyOf(denominators, capacity);
        }
        classNames[c] = account;
        classIds.put(account, c);
        return c;
    }
}
