package ledgerlearn.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import ledgerlearn.dataset.SyntheticDataset;

/**
 * The {@code generate} command's settings: where the synthetic data set goes, how many rows, which seed, and
 * for a stream at platform scale how many companies.
 *
 * @param companies 0 for the shipped data set's shape (20 companies, interleaved); else a stream of this many
 *     companies of skewed sizes, one after another ({@link ledgerlearn.dataset.ScaleDataset})
 */
public record GenerateOptions(Path out, long rows, long seed, int companies) {

    static final List<Flag> FLAGS = Flag.forCommand("generate", List.of(
            new Flag("out", "FILE", "data/synthetic-expenses.csv", "where to write the data set"),
            new Flag("rows", "N", String.valueOf(SyntheticDataset.SHIPPED_ROWS), "number of rows"),
            new Flag("seed", "SEED", String.valueOf(SyntheticDataset.SHIPPED_SEED), "generator seed"),
            new Flag("companies", "N", "0",
                    "0: the shipped data set's shape (20 companies); else this many companies of skewed sizes, one after another")));

    public static GenerateOptions parse(String[] args, Map<String, String> env) throws UsageException {
        Flags flags = Flags.parse(FLAGS, args, env);
        int companies = flags.intIn("companies", 0, 100_000_000);
        long rows = companies == 0 ? flags.intIn("rows", 1, 100_000_000) : flags.longIn("rows", companies, 10_000_000_000L);
        Path out = flags.path("out");
        if (out == null) {
            throw flags.problem("out", "expected a file to write the data set to");
        }
        return new GenerateOptions(out, rows, flags.longIn("seed", Long.MIN_VALUE, Long.MAX_VALUE), companies);
    }
}
