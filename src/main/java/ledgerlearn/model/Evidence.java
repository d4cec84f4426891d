package ledgerlearn.model;

import java.util.Arrays;

/**
 * What speaks for each candidate account of a query, as one row of numbers per candidate for the
 * {@link Ranker} to weigh: the naive Bayes' probability and rank, what the company booked before with
 * the same text and amount (the exact memory), with the same text, and in its split bookings, how lately
 * and how often it booked the account, what it booked the query's tokens with (token habits), the
 * account's samples over all companies, and the {@link LinearScorer}'s probability. Two more rows stand
 * for the accounts that are not candidates: the company's other accounts ("rest"), and an account it
 * never booked ("new"). Each constant below is the column of one kind of evidence.
 */
final class Evidence {
    static final int NB_LOG_PROBABILITY = 0;
    static final int NB_FIRST = 1;
    static final int NB_SECOND = 2;
    static final int NB_THIRD = 3;
    /** The share of the company's bookings of this text and amount that went to the account. */
    static final int EXACT_SHARE = 4;
    static final int EXACT_LOG_COUNT = 5;
    static final int EXACT_LAST = 6;
    static final int TEXT_SHARE = 7;
    static final int TEXT_LAST = 8;
    /** When the query books again the company's last bank entry: the share of the account among those that followed the last one's account before, with this text ... */
    static final int SPLIT_TEXT_SHARE = 9;
    static final int SPLIT_TEXT_LAST = 10;
    /** ... and with any text. */
    static final int SPLIT_ANY_SHARE = 11;
    static final int SPLIT_ANY_LAST = 12;
    /** The query books again the company's last bank entry, and the account is the one it was booked to. */
    static final int REPEAT_LAST = 13;
    /** log(1 + the company's samples since it last booked the account). */
    static final int LOG_AGE = 14;
    static final int LAST_BOOKED = 15;
    static final int RECENT_8 = 16;
    static final int RECENT_64 = 17;
    /** Per distinct query token the company booked: the account's share of its bookings, over the token's accounts. */
    static final int TOKEN_VOTE = 18;
    /** The share of the query's distinct tokens whose last booking (by the company) went to the account. */
    static final int TOKEN_LAST = 19;
    static final int LOG_GLOBAL_SAMPLES = 20;
    static final int LOG_COMPANY_SHARE = 21;
    static final int LINEAR_LOG_PROBABILITY = 22;
    static final int LINEAR_FIRST = 23;
    // the row of the company's other accounts
    static final int REST_BIAS = 24;
    static final int REST_LOG_NB_MASS = 25;
    static final int REST_LOG_COUNT = 26;
    // the row of an account the company never booked
    static final int NEW_BIAS = 27;
    static final int NEW_UNKNOWN_COMPANY = 28;
    static final int NEW_LOG_COMPANY_SAMPLES = 29;
    static final int NEW_EXACT_SEEN = 30;
    static final int NEW_TEXT_SEEN = 31;
    static final int SIZE = 32;

    /** How many of the naive Bayes' best accounts are candidates (besides those the memories name). */
    static final int NB_CANDIDATES = 8;
    /**
     * How many of the accounts the company booked last are candidates too, the last and the one before it:
     * the true account was among the company's accounts but not a candidate for 3,200 rows of the real
     * stream, 434 of them one of those two (docs/MODEL.md).
     */
    static final int LATEST_CANDIDATES = 2;
    /** The most candidates a query has: the naive Bayes' best, the five memories' accounts and the latest. */
    static final int MAX_CANDIDATES = NB_CANDIDATES + 5 + LATEST_CANDIDATES;
    private static final double LOG_FLOOR = -30;

    private Evidence() {}

    /** The memories a query reads, looked up once: a key's bookings and last account (0 and -1 when none). */
    record Memory(int exactId, int exactBookings, int exactLast, int textId, int textBookings, int textLast,
                  int splitTextId, int splitTextBookings, int splitTextLast, int splitAnyId,
                  int splitAnyBookings, int splitAnyLast, int repeatLast) {
    }

    /**
     * One query's candidates: {@code classes[0..size)} with their rows of evidence, {@value #SIZE} numbers each in
     * {@code rows}, then the rest's row and the new one's; {@code all[0..allSize)} are every account the query
     * may get (the naive Bayes' candidates, ascending) with their naive Bayes probabilities in {@code nb}, and
     * {@code candidate} marks which of them are candidates; {@code restMass} is the naive Bayes probability of
     * the others together. The arrays may be a writer's scratch, valid until its next query.
     */
    record Candidates(int[] classes, int size, double[] rows, int[] all, int allSize, double[] nb, boolean[] candidate,
                      double restMass, Memory memory, boolean companyKnown, double[] linearLogProbabilities) {
        /** The number of rows: the candidates', then the rest's and the new one's. */
        int rowCount() {
            return size + 2;
        }

        int restRow() {
            return size;
        }

        int newRow() {
            return size + 1;
        }

        /** Whether class {@code c} is one of the accounts the query may get that are not candidates. */
        boolean inRest(int c) {
            int at = Arrays.binarySearch(all, 0, allSize, c);
            return at >= 0 && !candidate[at];
        }

        /**
         * The share of the rest's probability that goes to each of the accounts beyond the candidates: an equal
         * one. The naive Bayes' probabilities, which order them, are far surer than they are right: shared by
         * those, the first of them was shown with 0.05 to 0.15 in the second or third place and was right 2% to
         * 3% of the time, out of sample, where the candidate it pushed down was right 5% (docs/MODEL.md, how
         * the defaults were chosen).
         */
        double restShare() {
            return 1.0 / (allSize - size);
        }
    }

    /** What the model knows, as the evidence reads it. */
    record Sources(NaiveBayes bayes, KeyedCounts exact, KeyedCounts text, KeyedCounts splits,
                   LinearScorer linear, int[] lastByTwin) {
    }

    /** Arrays a query's evidence is gathered in, kept by a writer between queries so that learning allocates little. */
    static final class Scratch {
        final int[] classes = new int[MAX_CANDIDATES];
        final int[] positions = new int[MAX_CANDIDATES];
        double[] nb = new double[64];
        boolean[] candidate = new boolean[64];
        final double[] linear = new double[MAX_CANDIDATES];
        final double[] votes = new double[MAX_CANDIDATES];
        final double[] lastVotes = new double[MAX_CANDIDATES];
        final double[] recent8 = new double[MAX_CANDIDATES];
        final double[] recent64 = new double[MAX_CANDIDATES];
        final double[] rows = new double[(MAX_CANDIDATES + 2) * SIZE];
        int[] seen = new int[32];

        /** Makes room for a query that may get {@code all} accounts. */
        void fit(int all) {
            if (nb.length < all) {
                nb = new double[Math.max(all, nb.length * 2)];
                candidate = new boolean[nb.length];
            }
        }
    }

    static Candidates gather(Sources sources, Encoded encoded, int[] ids, int[] linearFeatures, boolean writer,
                             Scratch scratch) {
        NaiveBayes bayes = sources.bayes();
        CompanyCounts company = bayes.company(encoded.company());
        int[] all = bayes.candidates(encoded, ids, company);
        int allSize = company != null ? company.size() : all.length;
        Memory memory = memory(sources, encoded, company);
        scratch.fit(allSize);
        double[] nb = scratch.nb;
        bayes.scores(encoded, ids, company, all, allSize, nb, writer, scratch);
        int[] best = best(nb, allSize, Math.min(NB_CANDIDATES, allSize));
        // nb becomes the probabilities; only the candidates' logs are taken below
        softmax(nb, allSize);

        // each candidate and its position among all the naive Bayes' candidates
        int[] classes = scratch.classes;
        int[] positions = scratch.positions;
        boolean[] candidate = scratch.candidate;
        Arrays.fill(candidate, 0, allSize, false);
        int n = 0;
        for (int b : best) {
            positions[n] = b;
            classes[n++] = all[b];
            candidate[b] = true;
        }
        n = addRemembered(memory.exactLast(), all, allSize, candidate, classes, positions, n);
        n = addRemembered(memory.textLast(), all, allSize, candidate, classes, positions, n);
        n = addRemembered(memory.splitTextLast(), all, allSize, candidate, classes, positions, n);
        n = addRemembered(memory.splitAnyLast(), all, allSize, candidate, classes, positions, n);
        n = addRemembered(memory.repeatLast(), all, allSize, candidate, classes, positions, n);
        if (company != null) {
            n = addRemembered(company.lastClass(), all, allSize, candidate, classes, positions, n);
            n = addRemembered(company.previousOtherClass(), all, allSize, candidate, classes, positions, n);
        }

        double[] linear = scratch.linear;
        sources.linear().logProbabilities(linearFeatures, classes, n, linear);
        int linearFirst = 0;
        for (int i = 1; i < n; i++) {
            if (linear[i] > linear[linearFirst]) {
                linearFirst = i;
            }
        }
        double[] votes = scratch.votes;
        double[] lastVotes = scratch.lastVotes;
        Arrays.fill(votes, 0, n, 0);
        Arrays.fill(lastVotes, 0, n, 0);
        int tokens = company == null ? 0 : tokenVotes(sources, encoded, ids, classes, n, votes, lastVotes);

        double[] recent8 = scratch.recent8;
        double[] recent64 = scratch.recent64;
        Arrays.fill(recent8, 0, n, 0);
        Arrays.fill(recent64, 0, n, 0);
        if (company != null) {
            company.recentShares(classes, n, 8, recent8);
            company.recentShares(classes, n, CompanyCounts.RECENT, recent64);
        }
        double[] rows = scratch.rows;
        Arrays.fill(rows, 0, (n + 2) * SIZE, 0);
        long companySamples = company == null ? 0 : company.total();
        double logCompanySamples = log1p(companySamples);
        candidateRows(sources, memory, company, all, best, n, tokens, linearFirst, logCompanySamples, scratch);

        double restMass = 0;
        for (int i = 0; i < allSize; i++) {
            if (!candidate[i]) {
                restMass += nb[i];
            }
        }
        int rest = allSize - n;
        int restRow = n * SIZE;
        rows[restRow + REST_BIAS] = 1;
        rows[restRow + REST_LOG_NB_MASS] = rest == 0 ? LOG_FLOOR : Math.max(LOG_FLOOR, Math.log(restMass));
        rows[restRow + REST_LOG_COUNT] = log1p(rest);
        int newRow = (n + 1) * SIZE;
        rows[newRow + NEW_BIAS] = 1;
        rows[newRow + NEW_UNKNOWN_COMPANY] = company == null ? 1 : 0;
        rows[newRow + NEW_LOG_COMPANY_SAMPLES] = logCompanySamples;
        rows[newRow + NEW_EXACT_SEEN] = memory.exactBookings() > 0 ? 1 : 0;
        rows[newRow + NEW_TEXT_SEEN] = memory.textBookings() > 0 ? 1 : 0;
        return new Candidates(classes, n, rows, all, allSize, nb, candidate, restMass, memory, company != null, linear);
    }

    /**
     * Fills the rows of the {@code n} candidates in {@code scratch} (their classes, positions, linear scores, votes
     * and recent shares gathered already). Its own method, so that the JIT compiles it apart from the gathering.
     */
    private static void candidateRows(Sources sources, Memory memory, CompanyCounts company, int[] all, int[] best,
                                      int n, int tokens, int linearFirst, double logCompanySamples, Scratch scratch) {
        NaiveBayes bayes = sources.bayes();
        int[] classes = scratch.classes;
        int[] positions = scratch.positions;
        double[] nb = scratch.nb;
        double[] linear = scratch.linear;
        double[] votes = scratch.votes;
        double[] lastVotes = scratch.lastVotes;
        double[] recent8 = scratch.recent8;
        double[] recent64 = scratch.recent64;
        double[] rows = scratch.rows;
        long companySamples = company == null ? 0 : company.total();
        int firstNb = best.length > 0 ? all[best[0]] : -1;
        int secondNb = best.length > 1 ? all[best[1]] : -1;
        int thirdNb = best.length > 2 ? all[best[2]] : -1;
        for (int i = 0; i < n; i++) {
            int c = classes[i];
            int row = i * SIZE;
            rows[row + NB_LOG_PROBABILITY] = Math.max(LOG_FLOOR, Math.log(nb[positions[i]]));
            rows[row + NB_FIRST] = firstNb == c ? 1 : 0;
            rows[row + NB_SECOND] = secondNb == c ? 1 : 0;
            rows[row + NB_THIRD] = thirdNb == c ? 1 : 0;
            if (memory.exactBookings() > 0) {
                int count = sources.exact().count(memory.exactId(), c);
                rows[row + EXACT_SHARE] = (double) count / memory.exactBookings();
                rows[row + EXACT_LOG_COUNT] = log1p(count);
                rows[row + EXACT_LAST] = memory.exactLast() == c ? 1 : 0;
            }
            if (memory.textBookings() > 0) {
                rows[row + TEXT_SHARE] = (double) sources.text().count(memory.textId(), c) / memory.textBookings();
                rows[row + TEXT_LAST] = memory.textLast() == c ? 1 : 0;
            }
            if (memory.splitTextBookings() > 0) {
                rows[row + SPLIT_TEXT_SHARE] = (double) sources.splits().count(memory.splitTextId(), c) / memory.splitTextBookings();
                rows[row + SPLIT_TEXT_LAST] = memory.splitTextLast() == c ? 1 : 0;
            }
            if (memory.splitAnyBookings() > 0) {
                rows[row + SPLIT_ANY_SHARE] = (double) sources.splits().count(memory.splitAnyId(), c) / memory.splitAnyBookings();
                rows[row + SPLIT_ANY_LAST] = memory.splitAnyLast() == c ? 1 : 0;
            }
            rows[row + REPEAT_LAST] = memory.repeatLast() == c ? 1 : 0;
            // a known company's candidates are its own classes, in its order
            int own = company == null ? -1 : positions[i];
            long age = own < 0 ? companySamples + 1 : company.ageAt(own);
            rows[row + LOG_AGE] = log1p(age);
            rows[row + LAST_BOOKED] = age == 1 ? 1 : 0;
            if (company != null) {
                rows[row + RECENT_8] = recent8[i];
                rows[row + RECENT_64] = recent64[i];
            }
            rows[row + TOKEN_VOTE] = votes[i];
            rows[row + TOKEN_LAST] = tokens == 0 ? 0 : lastVotes[i] / tokens;
            rows[row + LOG_GLOBAL_SAMPLES] = log1p(bayes.samples(c));
            rows[row + LOG_COMPANY_SHARE] = logHalfMore(own < 0 ? 0 : company.samplesAt(own)) - logCompanySamples;
            rows[row + LINEAR_LOG_PROBABILITY] = Math.max(LOG_FLOOR, linear[i]);
            rows[row + LINEAR_FIRST] = i == linearFirst ? 1 : 0;
        }
    }

    /** Adds {@code c} (a remembered or latest class, or -1) to the candidates when the query may get it and it is not one yet. */
    private static int addRemembered(int c, int[] all, int allSize, boolean[] candidate, int[] classes,
                                     int[] positions, int n) {
        if (c < 0) {
            return n;
        }
        int at = Arrays.binarySearch(all, 0, allSize, c);
        if (at < 0 || candidate[at]) {
            return n;
        }
        candidate[at] = true;
        positions[n] = at;
        classes[n] = c;
        return n + 1;
    }

    private static Memory memory(Sources sources, Encoded encoded, CompanyCounts company) {
        KeyedCounts exact = sources.exact();
        KeyedCounts text = sources.text();
        KeyedCounts splits = sources.splits();
        long splitTextKey = 0;
        long splitAnyKey = 0;
        int repeatLast = -1;
        if (company != null && company.lastEntry() == encoded.entryKey()) {
            // a split booking: the company books its last bank entry again
            repeatLast = company.lastClass();
            splitAnyKey = Features.splitKey(encoded.companyHash(), repeatLast, 0);
            if (encoded.text() != null) {
                splitTextKey = Features.splitKey(encoded.companyHash(), repeatLast, encoded.textHash());
            }
        }
        int exactId = exact.find(encoded.exactKey());
        int textId = text.find(encoded.textKey());
        int splitTextId = splits.find(splitTextKey);
        int splitAnyId = splits.find(splitAnyKey);
        return new Memory(exactId, exact.bookings(exactId), exact.last(exactId), textId, text.bookings(textId),
                text.last(textId), splitTextId, splits.bookings(splitTextId), splits.last(splitTextId), splitAnyId,
                splits.bookings(splitAnyId), splits.last(splitAnyId), repeatLast);
    }

    /**
     * Adds each distinct query token's votes (from the company's twin of the token: each account it went to
     * gets its share of the token's bookings over the token's number of accounts) and last account; returns
     * the number of distinct tokens.
     */
    private static int tokenVotes(Sources sources, Encoded encoded, int[] ids, int[] classes, int n, double[] votes,
                                  double[] lastVotes) {
        if (!encoded.hasTwins()) {
            return 0;
        }
        FeatureTable features = sources.bayes().features();
        int globals = encoded.globals();
        int distinct = 0;
        tokens:
        for (int i = 0; i < encoded.tokens(); i++) {
            int twin = ids[globals + i];
            for (int j = 0; j < i; j++) {
                if (encoded.keys()[globals + j] == encoded.keys()[globals + i]) {
                    continue tokens;
                }
            }
            distinct++;
            if (twin < 0) {
                continue;
            }
            int start = features.start(twin);
            int end = features.end(twin);
            int accounts = (end - start) / 2;
            if (accounts == 0) {
                continue;
            }
            if (start < 0) {
                // booked with one account only, its pair kept apart from the pool (FeatureTable#start), so that
                // account gets the token's whole vote; the loops below see pool rows only, as the compiled
                // code they are in expects
                int at = indexOf(classes, n, features.classOf(start));
                if (at >= 0) {
                    votes[at] += 1;
                }
            } else {
                long bookings = 0;
                for (int p = start; p < end; p += 2) {
                    bookings += features.countOf(p);
                }
                for (int k = 0; k < n; k++) {
                    int count = features.count(twin, classes[k]);
                    if (count > 0) {
                        votes[k] += (double) count / bookings / accounts;
                    }
                }
            }
            int[] lastByTwin = sources.lastByTwin();
            int last = twin < lastByTwin.length ? lastByTwin[twin] - 1 : -1;
            int at = last < 0 ? -1 : indexOf(classes, n, last);
            if (at >= 0) {
                lastVotes[at]++;
            }
        }
        return distinct;
    }

    /** Turns the first {@code n} log scores into probabilities over them. */
    static void softmax(double[] scores, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, scores[i]);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            scores[i] = Math.exp(scores[i] - max);
            sum += scores[i];
        }
        for (int i = 0; i < n; i++) {
            scores[i] /= sum;
        }
    }

    /** log(1 + n) and log(n + 1/2) for small counts, taken once: evidence is mostly counts. */
    private static final double[] LOG1P = new double[4096];
    private static final double[] LOG_HALF_MORE = new double[4096];

    static {
        for (int n = 0; n < LOG1P.length; n++) {
            LOG1P[n] = Math.log1p(n);
            LOG_HALF_MORE[n] = Math.log(n + 0.5);
        }
    }

    private static double log1p(long n) {
        // Math.log is an intrinsic, Math.log1p is not; for n this large they agree to the last bit or so
        return n < LOG1P.length ? LOG1P[(int) n] : Math.log(1.0 + n);
    }

    private static double logHalfMore(int n) {
        return n < LOG_HALF_MORE.length ? LOG_HALF_MORE[n] : Math.log(n + 0.5);
    }

    /** The positions of the {@code k} highest of the first {@code n} scores, highest first; ties keep the lower position first. */
    static int[] best(double[] scores, int n, int k) {
        int[] top = new int[k];
        int size = 0;
        for (int i = 0; i < n; i++) {
            double s = scores[i];
            if (size == k && !(s > scores[top[k - 1]])) {
                continue;
            }
            int at = size;
            while (at > 0 && s > scores[top[at - 1]]) {
                at--;
            }
            System.arraycopy(top, at, top, at + 1, Math.min(size, k - 1) - at);
            top[at] = i;
            size = Math.min(size + 1, k);
        }
        return Arrays.copyOf(top, size);
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
