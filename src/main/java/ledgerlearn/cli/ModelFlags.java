package ledgerlearn.cli;

import java.util.List;
import java.util.function.DoubleFunction;
import ledgerlearn.model.Model;
import ledgerlearn.model.ModelOptions;

/**
 * The model's flags, shared by {@code server} and {@code evaluate}, and the auto-book precision. Their ranges
 * are {@link ModelOptions}' own: a value is checked by the record's constructor and nowhere else, and a
 * refusal is reported against the flag in the record's words ({@code --alpha: expected a positive number, got "0"}).
 */
final class ModelFlags {
    private ModelFlags() {}

    private static final ModelOptions DEFAULT = ModelOptions.DEFAULT;

    static final List<Flag> FLAGS = List.of(
            new Flag("alpha", "ALPHA", String.valueOf(DEFAULT.alpha()), "naive Bayes additive smoothing"),
            new Flag("company-model", "MU", String.valueOf(DEFAULT.companyModel()),
                    "smooth each company's own counts towards all companies' with the weight of MU feature occurrences"),
            new Flag("max-features", "N", String.valueOf(DEFAULT.maxFeatures()),
                    "learn at most N distinct features (tokens, amounts and their company twins), bounding the model's memory"),
            new Flag("auto-book-precision", "P", String.valueOf(Model.DEFAULT_AUTO_BOOK_PRECISION),
                    "mark a first suggestion autoBook when booking it unseen keeps the auto-booked rows this precise; 0 turns it off"));

    static ModelOptions parse(Flags flags) throws UsageException {
        double alpha = number(flags, "alpha", DEFAULT::withAlpha);
        double companyModel = number(flags, "company-model", DEFAULT::withCompanyModel);
        int maxFeatures = flags.intIn("max-features", ModelOptions.MIN_FEATURES, Integer.MAX_VALUE - 8);
        return new ModelOptions(alpha, companyModel, maxFeatures);
    }

    /** The auto-book precision, 0 (off) up to below 1. */
    static double autoBookPrecision(Flags flags) throws UsageException {
        double value;
        try {
            value = Double.parseDouble(flags.string("auto-book-precision").trim());
        } catch (NumberFormatException e) {
            value = Double.NaN;
        }
        if (!(value >= 0 && value < 1)) {
            throw flags.problem("auto-book-precision", "expected a number from 0 (off) up to below 1");
        }
        return value;
    }

    /**
     * The flag's number once {@code check} (a {@link ModelOptions} built with it) accepts it. Text that is
     * no number is checked as NaN, which every range refuses, so it gets the same message.
     */
    private static double number(Flags flags, String name, DoubleFunction<ModelOptions> check) throws UsageException {
        double value;
        try {
            value = Double.parseDouble(flags.string(name).trim());
        } catch (NumberFormatException e) {
            value = Double.NaN;
        }
        try {
            check.apply(value);
            return value;
        } catch (IllegalArgumentException e) {
            // ModelOptions says "alpha must be a positive number, got -1.0": the flag says what it expects
            throw flags.problem(name, "expected " + e.getMessage().replaceFirst("^\\w+ must be (.*), got .*$", "$1"));
        }
    }
}
