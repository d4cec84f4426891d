package ledgerlearn.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import ledgerlearn.dataset.SyntheticDataset;

/** The {@code generate} command's settings: where the synthetic data set goes, how many rows, which seed. */
public record GenerateOptions(Path out, int rows, long seed) {

    static final List<Flag> FLAGS = Flag.forCommand("generate", List.of(
            new Flag("out", "FILE", "data/synthetic-expenses.csv", "where to write the data set"),
            new Flag("rows", "N", String.valueOf(SyntheticDataset.SHIPPED_ROWS), "number of rows"),
            new Flag("seed", "SEED", String.valueOf(SyntheticDataset.SHIPPED_SEED), "generator seed")));

    public static GenerateOptions parse(String[] args, Map<String, String> env) throws UsageException {
        Flags flags = Flags.parse(FLAGS, args, env);
        return new GenerateOptions(flags.path("out"), flags.intIn("rows", 1, 100_000_000),
                flags.longIn("seed", Long.MIN_VALUE, Long.MAX_VALUE));
    }
}
