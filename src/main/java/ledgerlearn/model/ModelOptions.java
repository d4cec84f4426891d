package ledgerlearn.model;

/**
 * The model's settings. The model is derived from the store, so a server restarted with other
 * options simply replays the store into a model with the new ones.
 *
 * @param alpha additive smoothing, {@code > 0}
 * @param month whether the month of the date is a feature
 * @param crosses whether company×token cross features are added
 * @param hashBits features are hashed into {@code 2^hashBits} buckets, bounding memory
 * @param companyGate whether a query from a known company only gets accounts that company has booked
 * @param exactMemory whether an account booked before for the same company, text and amount comes first
 */
public record ModelOptions(double alpha, boolean month, boolean crosses, int hashBits,
                           boolean companyGate, boolean exactMemory) {

    /** The settings the server runs with unless told otherwise. */
    public static final ModelOptions DEFAULT = new ModelOptions(1.0, true, false, 20, false, false);

    /** The fewest hash bits allowed. */
    public static final int MIN_HASH_BITS = 4;
    /** The most hash bits allowed. */
    public static final int MAX_HASH_BITS = 28;

    public ModelOptions {
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("alpha must be a positive number, got " + alpha);
        }
        if (hashBits < MIN_HASH_BITS || hashBits > MAX_HASH_BITS) {
            throw new IllegalArgumentException("hashBits must be " + MIN_HASH_BITS + ".." + MAX_HASH_BITS + ", got " + hashBits);
        }
    }

    /** The original four settings, with the company gate and the exact memory off. */
    public ModelOptions(double alpha, boolean month, boolean crosses, int hashBits) {
        this(alpha, month, crosses, hashBits, false, false);
    }

    public ModelOptions withAlpha(double value) {
        return new ModelOptions(value, month, crosses, hashBits, companyGate, exactMemory);
    }

    public ModelOptions withMonth(boolean value) {
        return new ModelOptions(alpha, value, crosses, hashBits, companyGate, exactMemory);
    }

    public ModelOptions withCrosses(boolean value) {
        return new ModelOptions(alpha, month, value, hashBits, companyGate, exactMemory);
    }

    public ModelOptions withHashBits(int value) {
        return new ModelOptions(alpha, month, crosses, value, companyGate, exactMemory);
    }

    public ModelOptions withCompanyGate(boolean value) {
        return new ModelOptions(alpha, month, crosses, hashBits, value, exactMemory);
    }

    public ModelOptions withExactMemory(boolean value) {
        return new ModelOptions(alpha, month, crosses, hashBits, companyGate, value);
    }
}
