package ledgerlearn.model;

/**
 * The model's settings: what it is told, not what it learns (every other weight of the model is learnt from
 * the stream). The model is derived from the store, so a server restarted with other options simply replays
 * the store into a model with the new ones.
 *
 * @param alpha the naive Bayes' additive smoothing, {@code > 0}
 * @param companyModel {@code mu > 0}: each company's class prior and feature distributions are its own,
 *     smoothed towards the global ones with the weight of {@code mu} feature occurrences
 * @param maxFeatures the most distinct features learnt (each text token, amount bucket and company twin of
 *     one), bounding the model's memory under a flood of never-seen tokens; the real data set has 124,000
 */
public record ModelOptions(double alpha, double companyModel, int maxFeatures) {

    /** The settings the server runs with unless told otherwise (see docs/MODEL.md). */
    public static final ModelOptions DEFAULT = new ModelOptions(0.3, 100, 1 << 22);

    /** The fewest features allowed. */
    public static final int MIN_FEATURES = 16;

    public ModelOptions {
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("alpha must be a positive number, got " + alpha);
        }
        if (!(companyModel > 0) || Double.isInfinite(companyModel)) {
            throw new IllegalArgumentException("companyModel must be a positive number, got " + companyModel);
        }
        if (maxFeatures < MIN_FEATURES) {
            throw new IllegalArgumentException("maxFeatures must be at least " + MIN_FEATURES + ", got " + maxFeatures);
        }
    }

    public ModelOptions withAlpha(double value) {
        return new ModelOptions(value, companyModel, maxFeatures);
    }

    public ModelOptions withCompanyModel(double value) {
        return new ModelOptions(alpha, value, maxFeatures);
    }

    public ModelOptions withMaxFeatures(int value) {
        return new ModelOptions(alpha, companyModel, value);
    }
}
