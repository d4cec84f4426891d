package ledgerlearn.cli;

import java.util.List;
import java.util.function.DoubleFunction;
import ledgerlearn.model.ModelOptions;

/**
 * The model's flags, shared by {@code server} and {@code evaluate}. Their ranges are {@link ModelOptions}'
 * own: a value is checked by the record's constructor and nowhere else, and a refusal is reported
 * against the flag in the record's words ({@code --alpha: expected a positive number, got "0"}).
 */
final class ModelFlags {
    private ModelFlags() {}

    private static final ModelOptions DEFAULT = ModelOptions.DEFAULT;
    /** Every later option off, so that one value at a time meets only its own range, not another flag's. */
    private static final ModelOptions PLAIN = new ModelOptions(DEFAULT.alpha(), false, false, DEFAULT.hashBits());

    static final List<Flag> FLAGS = List.of(
            new Flag("alpha", "ALPHA", String.valueOf(DEFAULT.alpha()), "naive Bayes additive smoothing"),
            new Flag("month", "BOOL", String.valueOf(DEFAULT.month()), "use the month of BankEntryDate as a feature"),
            new Flag("crosses", "BOOL", String.valueOf(DEFAULT.crosses()), "add company x token cross features (with --company-model 0)"),
            new Flag("company-gate", "BOOL", String.valueOf(DEFAULT.companyGate()),
                    "suggest to a known company only accounts it has booked"),
            new Flag("exact-memory", "BOOL", String.valueOf(DEFAULT.exactMemory()),
                    "put first the account booked before for the same company, text and amount"),
            new Flag("hash-bits", "BITS", String.valueOf(DEFAULT.hashBits()),
                    "hash features into 2^BITS buckets, bounding the model's memory"),
            new Flag("company-model", "MU", String.valueOf(DEFAULT.companyModel()),
                    "give each company its own model, smoothed towards the global one with weight MU; 0 turns it off"),
            new Flag("split-memory", "BOOL", String.valueOf(DEFAULT.splitMemory()),
                    "when a company books its last bank entry again, put first the account that followed in its earlier splits"),
            new Flag("global-prior", "B", String.valueOf(DEFAULT.globalPrior()),
                    "add B x log(an account's samples over all companies) to its score; 0 turns it off"),
            new Flag("recency", "R", String.valueOf(DEFAULT.recency()),
                    "rank suggestions after the first with R x log(1 + the company's samples since it booked the account) less; 0 turns it off"),
            new Flag("token-habits", "T", String.valueOf(DEFAULT.tokenHabits()),
                    "rank suggestions after the first with T x the vote of the query's tokens (what the company booked with each, and last) more;"
                            + " needs --company-model or --crosses; 0 turns it off"));

    static ModelOptions parse(Flags flags) throws UsageException {
        double alpha = number(flags, "alpha", PLAIN::withAlpha);
        double companyModel = number(flags, "company-model", PLAIN::withCompanyModel);
        double globalPrior = number(flags, "global-prior", PLAIN::withGlobalPrior);
        double recency = number(flags, "recency", PLAIN::withRecency);
        double tokenHabits = number(flags, "token-habits", PLAIN::withTokenHabits);
        try {
            return new ModelOptions(alpha, flags.bool("month"), flags.bool("crosses"),
                    flags.intIn("hash-bits", ModelOptions.MIN_HASH_BITS, ModelOptions.MAX_HASH_BITS),
                    flags.bool("company-gate"), flags.bool("exact-memory"), companyModel,
                    flags.bool("split-memory"), globalPrior, recency, tokenHabits);
        } catch (IllegalArgumentException e) {
            // what no single flag decides, e.g. crosses with the company model
            throw new UsageException(e.getMessage());
        }
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
