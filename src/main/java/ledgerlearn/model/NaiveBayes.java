package ledgerlearn.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ledgerlearn.snapshot.StateInput;
import ledgerlearn.snapshot.StateOutput;

/**
 * The counts of a multinomial naive Bayes and its scores: per account (class) its samples and feature
 * occurrences, per (feature, account) N_cf, and per company its own counts, towards which a known
 * company's scores are smoothed (the company model). Learning one sample is O(its features); scoring is
 * O(candidates + pairs seen). Writers must be serialised by the caller and must exclude readers; any
 * number of concurrent {@code scores} calls are safe while no {@code learn} runs.
 */
final class NaiveBayes {
    /** The company model's beta: the global prior weighs as much as one of the company's samples. */
    private static final double COMPANY_PRIOR_WEIGHT = 1.0;
    /** How many of the classes with the most samples an unknown company is offered besides those its features suggest. */
    static final int PRIOR_CANDIDATES = 8;

    private final double alpha;
    private final double logAlpha;
    private final double mu;

    private final Map<String, Integer> classIds = new HashMap<>();
    private String[] classNames = new String[16];
    private int[] classSamples = new int[16];
    private long[] classFeatureTotals = new long[16];
    private double[] logClassSamples = new double[16];
    /** log(N_c + alpha V) by class, for the V in {@code denominatorV}. */
    private double[] logDenominators = new double[16];
    private int[] denominatorV = new int[16];
    /** The {@value #PRIOR_CANDIDATES} classes with the most samples, most first (-1: none yet). */
    private final int[] topClasses = new int[PRIOR_CANDIDATES];
    private int classCount;
    private long sampleCount;
    /** V: the number of distinct global features learnt (the company twins are not the global model's). */
    private int vocabulary;

    private FeatureTable features;
    private final Map<String, CompanyCounts> companies = new HashMap<>();

    NaiveBayes(double alpha, double mu, long maxExtraPairs) {
        this.alpha = alpha;
        this.logAlpha = Math.log(alpha);
        this.mu = mu;
        this.features = new FeatureTable(maxExtraPairs);
        Arrays.fill(topClasses, -1);
    }

    int classCount() {
        return classCount;
    }

    long sampleCount() {
        return sampleCount;
    }

    /** The class of {@code account}, or -1 when it was never learnt. */
    int classOf(String account) {
        Integer c = classIds.get(account);
        return c == null ? -1 : c;
    }

    String name(int c) {
        return classNames[c];
    }

    /** N_c: the samples of class {@code c} over every company. */
    int samples(int c) {
        return classSamples[c];
    }

    /** The company's counts, or {@code null} for a company never learnt (or none). */
    CompanyCounts company(String company) {
        return company == null ? null : companies.get(company);
    }

    FeatureTable features() {
        return features;
    }

    /**
     * Learns one sample of {@code account} whose features have the ids {@code ids} (aligned with
     * {@link Encoded#keys()}; -1 for a feature that got no id); returns its class.
     */
    int learn(Encoded encoded, int[] ids, String account) {
        int c = classOf(account);
        if (c < 0) {
            c = newClass(account);
        }
        int globals = encoded.globals();
        for (int i = 0; i < ids.length; i++) {
            int id = ids[i];
            if (id >= 0) {
                if (i < globals && !features.seen(id)) {
                    vocabulary++;
                }
                features.add(id, c);
            }
        }
        classSamples[c]++;
        // With a company model N_c counts the global features only; the company twins have their
        // own totals per company and class.
        classFeatureTotals[c] += globals;
        sampleCount++;
        logClassSamples[c] = Math.log(classSamples[c]);
        // N_c changed: the cached denominator is stale even where V is not
        denominatorV[c] = -1;
        logDenominator(c, vocabulary, true);
        rankByPrior(c);
        if (encoded.company() != null) {
            companies.computeIfAbsent(encoded.company(), k -> new CompanyCounts(mu)).add(c, globals);
        }
        return c;
    }

    /**
     * The classes a query may get, ascending: a known company's own (a company is offered only the accounts
     * it booked: the first {@link CompanyCounts#size()} of the company's own array, not to be changed), else every class that was learnt with one of the query's global features, and the
     * {@value #PRIOR_CANDIDATES} classes with the most samples; so the cost follows the company's accounts
     * and the query's features, never the number of accounts in the whole model.
     */
    int[] candidates(Encoded encoded, int[] ids, CompanyCounts company) {
        if (company != null) {
            return company.classesView();
        }
        int[] found = new int[16];
        int n = 0;
        for (int c : topClasses) {
            if (c >= 0) {
                found[n++] = c;
            }
        }
        for (int i = 0; i < encoded.globals(); i++) {
            int f = ids[i];
            if (f < 0) {
                continue;
            }
            for (int p = features.start(f), end = features.end(f); p < end; p += 2) {
                if (n == found.length) {
                    found = Arrays.copyOf(found, n * 2);
                }
                found[n++] = features.classOf(p);
            }
        }
        Arrays.sort(found, 0, n);
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (distinct == 0 || found[distinct - 1] != found[i]) {
                found[distinct++] = found[i];
            }
        }
        return Arrays.copyOf(found, distinct);
    }

    /**
     * Fills {@code scores[i]} with log prior_c + sum_f log P(f|c) for each candidate c = {@code candidates[i]}
     * (ascending; see {@link #candidates}). Written as a per-class base, log prior_c - L log(N_c + alpha V)
     * + L log(alpha), plus for each feature a correction log(N_cf + alpha) - log(alpha) for only the
     * classes that have seen it (for the others N_cf = 0 and the correction is zero), so the cost is
     * O(candidates + pairs) instead of O(candidates x features). Features never learnt are ignored, as if
     * the count matrix had only the learnt columns. With a known company, see {@link #scoreForCompany}.
     *
     * @param writer whether the caller holds the writers' lock, and may so cache what it computes
     */
    void scores(Encoded encoded, int[] ids, CompanyCounts company, int[] candidates, int count, double[] scores,
                boolean writer, Evidence.Scratch scratch) {
        int globals = encoded.globals();
        boolean twins = company != null && encoded.hasTwins();
        // the seen global features, each followed in the second half by its company twin's id
        if (scratch.seen.length < 2 * globals) {
            scratch.seen = new int[4 * globals];
        }
        int[] seen = scratch.seen;
        int l = 0;
        for (int i = 0; i < globals; i++) {
            if (ids[i] >= 0 && features.seen(ids[i])) {
                seen[l] = ids[i];
                seen[globals + l] = twins ? ids[globals + i] : -1;
                l++;
            }
        }
        int v = vocabulary;
        double constant = l * logAlpha - Math.log(sampleCount);
        for (int i = 0; i < count; i++) {
            int c = candidates[i];
            scores[i] = logClassSamples[c] - l * logDenominator(c, v, writer) + constant;
        }
        if (twins) {
            scoreForCompany(company, seen, globals, l, v, candidates, count, scores, writer);
        }
        for (int i = 0; i < l; i++) {
            addCorrections(seen[i], candidates, count, scores);
        }
    }

    /** Adds log(N_cf + alpha) - log(alpha) to each candidate c that has seen feature {@code f}. */
    private void addCorrections(int f, int[] candidates, int count, double[] scores) {
        int start = features.start(f);
        int end = features.end(f);
        if (start < 0) {
            // seen with one class only, its pair kept apart from the pool (FeatureTable#start): handled here,
            // the loops below see pool rows only, as the compiled code they are in expects (docs/BENCHMARKS.md)
            int at = Arrays.binarySearch(candidates, 0, count, features.classOf(start));
            if (at >= 0) {
                scores[at] += gain(features.countOf(start));
            }
            return;
        }
        int pairs = (end - start) / 2;
        if (pairs <= 2 * count) {
            for (int p = start; p < end; p += 2) {
                int at = Arrays.binarySearch(candidates, 0, count, features.classOf(p));
                if (at >= 0) {
                    scores[at] += gain(features.countOf(p));
                }
            }
        } else {
            // a feature seen with far more classes than the query may get (a common token)
            for (int i = 0; i < count; i++) {
                int n = features.count(f, candidates[i]);
                if (n > 0) {
                    scores[i] += gain(n);
                }
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
     * The candidates are the company's classes, in the company's order.
     */
    private void scoreForCompany(CompanyCounts company, int[] seen, int globals, int l, int v, int[] candidates,
                                 int count, double[] scores, boolean writer) {
        double logN = Math.log(company.total() + COMPANY_PRIOR_WEIGHT);
        double share = COMPANY_PRIOR_WEIGHT / sampleCount;
        double logMuAlpha = Math.log(mu * alpha);
        for (int i = 0; i < company.size(); i++) {
            int c = company.classAt(i);
            scores[i] = Math.log(company.samplesAt(i) + share * classSamples[c]) - logN
                    + l * (logMuAlpha - logDenominator(c, v, writer) - company.logTwinDenominatorAt(i));
        }
        for (int i = 0; i < l; i++) {
            int twin = seen[globals + i];
            if (twin < 0) {
                continue;
            }
            for (int p = features.start(twin), end = features.end(twin); p < end; p += 2) {
                int c = features.classOf(p);
                int at = Arrays.binarySearch(candidates, 0, count, c);
                double global = mu * (features.count(seen[i], c) + alpha);
                scores[at] += Math.log1p(features.countOf(p) * (classFeatureTotals[c] + alpha * v) / global);
            }
        }
    }

    /**
     * log(n + alpha) - log(alpha), computed each time: a table for small n was no faster, and its branch for
     * larger n, first taken minutes into a stream, threw the compiled scoring code away when it was.
     */
    private double gain(int count) {
        return Math.log(count + alpha) - logAlpha;
    }

    /**
     * log(N_c + alpha V). A new feature changes V and so every class's denominator; recomputing them all
     * would cost one log per class per new feature, so each class keeps the V its cached log was taken
     * for, and only a writer (who excludes readers) refreshes the cache; a reader computes a stale one.
     */
    private double logDenominator(int c, int v, boolean writer) {
        if (denominatorV[c] == v) {
            return logDenominators[c];
        }
        double log = Math.log(classFeatureTotals[c] + alpha * v);
        if (writer) {
            logDenominators[c] = log;
            denominatorV[c] = v;
        }
        return log;
    }

    private int newClass(String account) {
        int c = classCount++;
        if (c == classNames.length) {
            int capacity = c * 2;
            classNames = Arrays.copyOf(classNames, capacity);
            classSamples = Arrays.copyOf(classSamples, capacity);
            classFeatureTotals = Arrays.copyOf(classFeatureTotals, capacity);
            logClassSamples = Arrays.copyOf(logClassSamples, capacity);
            logDenominators = Arrays.copyOf(logDenominators, capacity);
            denominatorV = Arrays.copyOf(denominatorV, capacity);
        }
        classNames[c] = account;
        classIds.put(account, c);
        denominatorV[c] = -1;
        return c;
    }

    /** Keeps {@link #topClasses} in order after class {@code c} gained a sample (ties: the earlier class first). */
    private void rankByPrior(int c) {
        int at = 0;
        while (at < topClasses.length && topClasses[at] != c) {
            at++;
        }
        if (at == topClasses.length) {
            at--;
            if (topClasses[at] >= 0 && !beats(c, topClasses[at])) {
                return;
            }
            topClasses[at] = c;
        }
        while (at > 0 && (topClasses[at - 1] < 0 || beats(c, topClasses[at - 1]))) {
            topClasses[at] = topClasses[at - 1];
            topClasses[--at] = c;
        }
    }

    private boolean beats(int c, int other) {
        return classSamples[c] > classSamples[other] || (classSamples[c] == classSamples[other] && c < other);
    }

    void write(StateOutput out) {
        out.writeInt(classCount).writeLong(sampleCount).writeInt(vocabulary);
        for (int c = 0; c < classCount; c++) {
            out.writeString(classNames[c]);
        }
        out.writeInts(classSamples, classCount).writeLongs(classFeatureTotals, classCount);
        out.writeInts(topClasses, topClasses.length);
        features.write(out);
        List<String> names = new ArrayList<>(companies.keySet());
        names.sort(null);
        out.writeInt(names.size());
        for (String company : names) {
            out.writeString(company);
            companies.get(company).write(out);
        }
    }

    /** Restores the counts {@link #write} wrote into this naive Bayes, of the same settings and empty. */
    void read(StateInput in) {
        int classes = in.readInt();
        sampleCount = in.readLong();
        vocabulary = in.readInt();
        if (classes < 0 || classCount != 0) {
            throw new StateInput.CorruptStateException("naive Bayes: " + classes + " classes");
        }
        for (int c = 0; c < classes; c++) {
            newClass(in.readString());
        }
        int[] samples = in.readInts(0);
        long[] totals = in.readLongs(0);
        int[] top = in.readInts(0);
        if (samples.length != classes || totals.length != classes || top.length != topClasses.length) {
            throw new StateInput.CorruptStateException("naive Bayes: inconsistent lengths");
        }
        for (int c = 0; c < classes; c++) {
            classSamples[c] = samples[c];
            classFeatureTotals[c] = totals[c];
            logClassSamples[c] = Math.log(samples[c]);
        }
        System.arraycopy(top, 0, topClasses, 0, top.length);
        features = FeatureTable.read(in);
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            companies.put(in.readString(), CompanyCounts.read(in, mu));
        }
    }

    /** Folds every count, in a canonical order, into {@code hash}. */
    long digest(long hash) {
        hash = Digest.mix(Digest.mix(hash, Double.doubleToLongBits(alpha)), Double.doubleToLongBits(mu));
        hash = Digest.mix(Digest.mix(Digest.mix(hash, sampleCount), classCount), vocabulary);
        for (int c = 0; c < classCount; c++) {
            hash = Digest.mix(hash, classNames[c]);
            hash = Digest.mix(Digest.mix(hash, classSamples[c]), classFeatureTotals[c]);
        }
        hash = features.digest(hash);
        List<String> names = new ArrayList<>(companies.keySet());
        names.sort(null);
        for (String company : names) {
            hash = companies.get(company).digest(Digest.mix(hash, company));
        }
        return hash;
    }
}
