package ledgerlearn.evaluate;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonArray;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonValue;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import ledgerlearn.cli.EvaluateOptions;
import ledgerlearn.dataset.DatasetReader;
import ledgerlearn.metrics.Scores;
import ledgerlearn.model.ModelOptions;

/** {@code evaluate}: run the evaluation over a data set and print its figures as a table or JSON. */
public final class EvaluateCommand {
    private EvaluateCommand() {}

    /** Runs the evaluation; 0 when it ran, 1 when the data set could not be read. */
    public static int run(EvaluateOptions options, PrintStream out, PrintStream err) {
        if (options.data() != null && !Files.isRegularFile(options.data())) {
            err.println("ledgerlearn evaluate: cannot read " + options.data() + ": no such file");
            return 1;
        }
        Evaluation evaluation;
        try (DatasetReader reader = options.data() == null ? DatasetReader.openEmbedded()
                : DatasetReader.open(options.data())) {
            String name = options.data() == null ? "embedded synthetic data set" : options.data().toString();
            evaluation = Evaluator.run(reader::next, name, options.model(), options.limit(), options.tailRows());
        } catch (IOException | RuntimeException e) {
            err.println("ledgerlearn evaluate: cannot evaluate on "
                    + (options.data() == null ? "the embedded data set" : options.data()) + ": " + e.getMessage());
            return 1;
        }
        out.print(options.json() ? toJson(evaluation).toString(com.eclipsesource.json.WriterConfig.PRETTY_PRINT) + "\n"
                : table(evaluation));
        return 0;
    }

    /** The figures as a table: one row per figure, one column per learner. */
    static String table(Evaluation evaluation) {
        List<String[]> rows = new ArrayList<>();
        List<Result> results = evaluation.results();
        Function<Function<Result, Object>, String[]> row = figure -> {
            String[] cells = new String[results.size()];
            for (int i = 0; i < cells.length; i++) {
                cells[i] = format(figure.apply(results.get(i)));
            }
            return cells;
        };
        List<String> labels = new ArrayList<>();
        labels.add("accuracy");
        rows.add(row.apply(Result::accuracy));
        labels.add("top-3 accuracy");
        rows.add(row.apply(Result::top3Accuracy));
        labels.add("macro precision");
        rows.add(row.apply(Result::macroPrecision));
        labels.add("macro recall");
        rows.add(row.apply(Result::macroRecall));
        labels.add(String.format(Locale.ROOT, "accuracy without %s (%,d rows)", evaluation.largestCompany(),
                evaluation.rows() - evaluation.largestCompanyRows()));
        rows.add(row.apply(Result::accuracyWithoutLargest));
        labels.add(String.format(Locale.ROOT, "mean per-company accuracy (%d companies)", evaluation.companies()));
        rows.add(row.apply(Result::meanCompanyAccuracy));
        labels.add(String.format(Locale.ROOT, "accuracy on the last %,d rows", evaluation.tailRows()));
        rows.add(row.apply(Result::tailAccuracy));
        String checkpoint = String.format(Locale.ROOT, "/metrics/%d after %,d rows: ", Evaluator.CHECKPOINT_WINDOW,
                evaluation.checkpointRows());
        for (String figure : List.of("precision", "recall", "accuracy", "baseline")) {
            labels.add(checkpoint + figure);
            rows.add(row.apply(r -> r.checkpoint() == null ? null : checkpointFigure(r.checkpoint(), figure)));
        }
        labels.add("seconds (predict, learn, score)");
        rows.add(row.apply(r -> String.format(Locale.ROOT, "%.2f", r.seconds())));
        labels.add("rows/s");
        rows.add(row.apply(r -> String.format(Locale.ROOT, "%,.0f", r.rowsPerSecond())));

        int labelWidth = labels.stream().mapToInt(String::length).max().orElse(0);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "evaluate %s: %,d rows, %d companies, per-sample prequential%n",
                evaluation.data(), evaluation.rows(), evaluation.companies()));
        out.append("model: ").append(describe(evaluation.options())).append("\n\n");
        out.append(String.format("%-" + labelWidth + "s", ""));
        for (Result result : results) {
            out.append(String.format("  %16s", result.name()));
        }
        out.append('\n');
        for (int i = 0; i < labels.size(); i++) {
            out.append(String.format("%-" + labelWidth + "s", labels.get(i)));
            for (String cell : rows.get(i)) {
                out.append(String.format("  %16s", cell));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** The figures as JSON, with the same names as {@link Result}'s components. */
    static JsonObject toJson(Evaluation evaluation) {
        ModelOptions o = evaluation.options();
        JsonArray results = Json.array();
        for (Result r : evaluation.results()) {
            JsonObject checkpoint = null;
            if (r.checkpoint() != null) {
                Scores s = r.checkpoint();
                checkpoint = Json.object().add("precision", number(s.precision())).add("recall", number(s.recall()))
                        .add("accuracy", number(s.accuracy())).add("n", s.n()).add("baseline", number(s.baseline()));
            }
            results.add(Json.object()
                    .add("name", r.name())
                    .add("accuracy", number(r.accuracy()))
                    .add("top3Accuracy", number(r.top3Accuracy()))
                    .add("macroPrecision", number(r.macroPrecision()))
                    .add("macroRecall", number(r.macroRecall()))
                    .add("accuracyWithoutLargest", number(r.accuracyWithoutLargest()))
                    .add("meanCompanyAccuracy", number(r.meanCompanyAccuracy()))
                    .add("tailAccuracy", number(r.tailAccuracy()))
                    .add("checkpoint", checkpoint == null ? Json.NULL : checkpoint)
                    .add("seconds", r.seconds())
                    .add("rowsPerSecond", r.rowsPerSecond()));
        }
        return Json.object()
                .add("data", evaluation.data())
                .add("rows", evaluation.rows())
                .add("companies", evaluation.companies())
                .add("largestCompany", evaluation.largestCompany() == null ? Json.NULL : Json.value(evaluation.largestCompany()))
                .add("largestCompanyRows", evaluation.largestCompanyRows())
                .add("tailRows", evaluation.tailRows())
                .add("checkpointRows", evaluation.checkpointRows())
                .add("checkpointWindow", Evaluator.CHECKPOINT_WINDOW)
                .add("options", Json.object()
                        .add("alpha", o.alpha())
                        .add("month", o.month())
                        .add("crosses", o.crosses())
                        .add("companyGate", o.companyGate())
                        .add("exactMemory", o.exactMemory())
                        .add("hashBits", o.hashBits())
                        .add("companyModel", o.companyModel())
                        .add("splitMemory", o.splitMemory())
                        .add("globalPrior", o.globalPrior())
                        .add("recency", o.recency())
                        .add("tokenHabits", o.tokenHabits()))
                .add("results", results);
    }

    /** The model's settings as the flags that choose them. */
    static String describe(ModelOptions o) {
        return String.format(Locale.ROOT,
                "--alpha %s --month %s --crosses %s --company-gate %s --exact-memory %s --hash-bits %d --company-model %s"
                        + " --split-memory %s --global-prior %s --recency %s --token-habits %s",
                o.alpha(), o.month(), o.crosses(), o.companyGate(), o.exactMemory(), o.hashBits(), o.companyModel(),
                o.splitMemory(), o.globalPrior(), o.recency(), o.tokenHabits());
    }

    private static Double checkpointFigure(Scores scores, String figure) {
        return switch (figure) {
            case "precision" -> scores.precision();
            case "recall" -> scores.recall();
            case "accuracy" -> scores.accuracy();
            default -> scores.baseline();
        };
    }

    private static String format(Object value) {
        if (value == null) {
            return "n/a";
        }
        return value instanceof Double d ? String.format(Locale.ROOT, "%.4f", d) : value.toString();
    }

    private static JsonValue number(Double value) {
        return value == null ? Json.NULL : Json.value(value);
    }
}
