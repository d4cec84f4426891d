package ledgerlearn.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import ledgerlearn.model.ModelOptions;

/**
 * The {@code evaluate} command's settings.
 *
 * @param data a data set CSV or zip; {@code null} evaluates the embedded synthetic data set
 * @param limit how many rows to read at most ({@link Long#MAX_VALUE} for all)
 * @param tailRows the accuracy over this many last rows is reported too
 * @param json print JSON instead of a table
 * @param from the first row counted in the figures (every row is learnt)
 * @param autoBookPrecision the precision the auto-book decision keeps (0: off)
 */
public record EvaluateOptions(Path data, ModelOptions model, long limit, int tailRows, boolean json, long from,
                              double autoBookPrecision) {

    static final List<Flag> FLAGS = Flag.forCommand("evaluate", Stream.concat(Stream.of(
            new Flag("data", "FILE", null, "data set to evaluate on, .csv or .zip (default: the embedded synthetic set)").alias("file"),
            new Flag("limit", "N|all", "all", "read at most N rows, or all of them"),
            new Flag("tail", "ROWS", "87017", "also report the accuracy over this many last rows"),
            new Flag("json", null, "false", "print the figures as JSON"),
            new Flag("from", "ROW", "0", "learn from every row, but count only rows from ROW on (the first row is 0) in the figures")),
            ModelFlags.FLAGS.stream()).toList());

    public static EvaluateOptions parse(String[] args, Map<String, String> env) throws UsageException {
        Flags flags = Flags.parse(FLAGS, args, env);
        return new EvaluateOptions(flags.existingFile("data"), ModelFlags.parse(flags), flags.countOrAll("limit"),
                flags.intIn("tail", 1, Integer.MAX_VALUE), flags.bool("json"), flags.intIn("from", 0, Integer.MAX_VALUE),
                ModelFlags.autoBookPrecision(flags));
    }
}
