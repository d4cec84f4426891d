package ledgerlearn.model;

/**
 * The model's settings. The model is derived from the store, so a server restarted with other
 * options simply replays the store into a model with the new ones.
 *
 * @param alpha additive smoothing, {@code > 0}
 * @param month whether the month of the date is a feature
 * @param crosses whether company×token cross features are added (to the global model; not with a company model)
 * @param hashBits features are hashed into {@code 2^hashBits} buckets, bounding memory: 8 bytes a bucket,
 *     allocated up front, and at most half as many (bucket, account) pairs again beyond each bucket's first
 * @param companyGate whether a query from a known company only gets accounts that company has booked
 * @param exactMemory whether an account booked before for the same company, text and amount comes first
 * @param companyModel {@code 0} for one multinomial naive Bayes over all companies; {@code mu > 0} for a
 *     per-company model (each company's class prior and feature distributions) smoothed towards the
 *     global one with the weight of {@code mu} feature occurrences
 * @param splitMemory whether a bank entry booked again right after itself (a split booking) gets first
 *     the account that has followed the previous booking's account in the company's earlier splits
 * @param globalPrior {@code b >= 0}: every account's score also gets {@code b} times the log of its
 *     samples over all companies, so that when the evidence is close the account booked more often
 *     wins; 0 leaves the prior as it is
 * @param recency {@code r >= 0}: the suggestions after the first are ranked by a score that loses
 *     {@code r} times log(1 + the company's samples since it last booked the account); 0 turns it off
 * @param tokenHabits {@code t >= 0}: the suggestions after the first are ranked by a score that gains
 *     {@code t} times the vote of the query's tokens for the account, from what the company booked with
 *     each (needs company×token counts: the company model or crosses); 0 turns it off
 */
public record ModelOptions(double alpha, boolean month, boolean crosses, int hashBits,
                           boolean companyGate, boolean exactMemory, double companyModel,
                           boolean splitMemory, double globalPrior, double recency, double tokenHabits) {

    /** The settings the server runs with unless told otherwise, chosen by measurement (see docs/MODEL.md). */
    public static final ModelOptions DEFAULT = new ModelOptions(0.3, false, false, 19, true, true, 100, true, 0.5, 1, 32);

    /** The fewest hash bits allowed. */
    public static final int MIN_HASH_BITS = 4;
    /** The most hash bits allowed. */
    public static final int MAX_HASH_BITS = 24;

    public ModelOptions {
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("alpha must be a positive number, got " + alpha);
        }
        if (hashBits < MIN_HASH_BITS || hashBits > MAX_HASH_BITS) {
            throw new IllegalArgumentException("hashBits must be " + MIN_HASH_BITS + ".." + MAX_HASH_BITS + ", got " + hashBits);
        }
        if (!(companyModel >= 0) || Double.isInfinite(companyModel)) {
            throw new IllegalArgumentException("companyModel must be 0 or a positive number, got " + companyModel);
        }
        if (companyModel > 0 && crosses) {
            throw new IllegalArgumentException("crosses and the company model exclude each other:"
                    + " the company model already counts each company's tokens; turn one of them off");
        }
        if (!(globalPrior >= 0) || Double.isInfinite(globalPrior)) {
            throw new IllegalArgumentException("globalPrior must be 0 or a positive number, got " + globalPrior);
        }
        if (!(recency >= 0) || Double.isInfinite(recency)) {
            throw new IllegalArgumentException("recency must be 0 or a positive number, got " + recency);
        }
        if (!(tokenHabits >= 0) || Double.isInfinite(tokenHabits)) {
            throw new IllegalArgumentException("tokenHabits must be 0 or a positive number, got " + tokenHabits);
        }
    }

    /** The original four settings, with every later option off. */
    public ModelOptions(double alpha, boolean month, boolean crosses, int hashBits) {
        this(alpha, month, crosses, hashBits, false, false, 0, false, 0, 0, 0);
    }

    /** Whether each company gets its own model, smoothed towards the global one. */
    public boolean hasCompanyModel() {
        return companyModel > 0;
    }

    public ModelOptions withAlpha(double value) {
        return new ModelOptions(value, month, crosses, hashBits, companyGate, exactMemory, companyModel, splitMemory, globalPrior, recency, tokenHabits);
    }

    public ModelOptions withMonth(boolean value) {
        return new ModelOptions(alpha, value, crosses, hashBits, companyGate, exactMemory, companyModel, splitMemory, globalPrior, recency, tokenHabits);
    }

    public ModelOptions withCrosses(boolean value) {
        return new ModelOptions(alpha, month, value, hashBits, companyGate, exactMemory, companyModel, splitMemory, globalPrior, recency, tokenHabits);
    }

    public ModelOptions withHashBits(int value) {
        return new ModelOptions(alpha, month, crosses, value, companyGate, exactMemory, companyModel, splitMemory, globalPrior, recency, tokenHabits);
    }

    public ModelOptions withCompanyGate(boolean value) {
        return new ModelOptions(alpha, month, crosses, hashBits, value, exactMemory, companyModel, splitMemory, globalPrior, recency, tokenHabits);
    }

    public ModelOptions withExactMemory(boolean value) {
        return new ModelOptions(alpha, month, crosses, hashBits, companyGate, value, companyModel, splitMemory, globalPrior, recency, tokenHabits);
    }

    public ModelOptions withCompanyModel(double value) {
        return new ModelOptions(alpha, month, crosses, hashBits, companyGate, exactMemory, value, splitMemory, globalPrior, recency, tokenHabits);
    }

    public ModelOptions withSplitMemory(boolean value) {
        return new ModelOptions(alpha, month, crosses, hashBits, companyGate, exactMemory, companyModel, value, globalPrior, recency, tokenHabits);
    }

    public ModelOptions withGlobalPrior(double value) {
        return new ModelOptions(alpha, month, crosses, hashBits, companyGate, exactMemory, companyModel, splitMemory, value, recency, tokenHabits);
    }

    public ModelOptions withRecency(double value) {
        return new ModelOptions(alpha, month, crosses, hashBits, companyGate, exactMemory, companyModel, splitMemory, globalPrior, value, tokenHabits);
    }

    public ModelOptions withTokenHabits(double value) {
        return new ModelOptions(alpha, month, crosses, hashBits, companyGate, exactMemory, companyModel, splitMemory, globalPrior, recency, value);
    }

    /** Whether token habits count: a weight, and the company×token counts they are made of (company model or crosses). */
    public boolean hasTokenHabits() {
        return tokenHabits > 0 && (hasCompanyModel() || crosses);
    }

    /** Whether the suggestions after the first are ranked by recency or token habits besides the model's score. */
    public boolean reranks() {
        return recency > 0 || hasTokenHabits();
    }
}
