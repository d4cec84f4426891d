package ledgerlearn.model;

/**
 * The model's settings. The model is derived from the store, so a server restarted with other
 * options simply replays the store into a model with the new ones.
 *
 * @param alpha additive smoothing, {@code > 0}
 * @param month whether the month of the date is a feature
 * @param crosses whether company×token cross features are added
 * @param hashBits text-derived features are hashed into {@code 2^hashBits} buckets, bounding memory
 */
public record ModelOptions(double alpha, boolean month, boolean crosses, int hashBits) {

    /** The settings the server runs with unless told otherwise. */
    public static final ModelOptions DEFAULT = new ModelOptions(1.0, true, false, 20);

    public ModelOptions {
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("alpha must be a positive number, got " + alpha);
        }
        if (hashBits < 4 || hashBits > 28) {
            throw new IllegalArgumentException("hashBits must be 4..28, got " + hashBits);
        }
    }
}
