package ledgerlearn.evaluate;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonArray;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonValue;
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
            evaluation = Evaluator.run(reader::nextChecked, new Evaluator.Settings(name, options.model(),
                    options.autoBookPrecision(), options.limit(), options.tailRows(), options.from()));
        } catch (IOException | RuntimeException e) {
            err.println("ledgerlearn evaluate: cannot evaluate on "
                    + (options.data() == null ? "the embedded data set" : options.data()) + ": " + e.getMessage());
            return 1;
        }
        if (evaluation.counted() == 0) {
            err.printf(Locale.ROOT, "ledgerlearn evaluate: no row to count: --from %,d, but the data set has %,d rows%n",
                    evaluation.from(), evaluation.rows());
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
                evaluation.counted() - evaluation.largestCompanyRows()));
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
        labels.add("calibration error, first suggestion (10 bins)");
        rows.add(row.apply(Result::calibrationError));
        labels.add("calibration error, 2nd and 3rd suggestions");
        rows.add(row.apply(Result::calibrationErrorBelowFirst));
        labels.add(String.format(Locale.ROOT, "auto-book coverage (precision %s)", evaluation.autoBookPrecision()));
        rows.add(row.apply(r -> r.autoBook() == null ? null : r.autoBook().coverage()));
        labels.add("auto-book precision");
        rows.add(row.apply(r -> r.autoBook() == null ? null : r.autoBook().precision()));
        labels.add("seconds (predict, learn, score)");
        rows.add(row.apply(r -> String.format(Locale.ROOT, "%.2f", r.seconds())));
        labels.add("rows/s");
        rows.add(row.apply(r -> String.format(Locale.ROOT, "%,.0f", r.rowsPerSecond())));

        int labelWidth = labels.stream().mapToInt(String::length).max().orElse(0);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "evaluate %s: %,d rows, per-sample prequential%n", evaluation.data(),
                evaluation.rows()));
        if (evaluation.from() > 0) {
            out.append(String.format(Locale.ROOT, "every row learnt; figures over rows %,d on (%,d rows)%n",
                    evaluation.from(), evaluation.counted()));
        }
        out.append("model: ").append(describe(evaluation.options())).append(" --auto-book-precision ")
                .append(evaluation.autoBookPrecision()).append("\n\n");
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
        Reliability reliability = results.get(0).reliability();
        if (reliability != null && reliability.rows() > 0) {
            out.append("\nreliability of the model's first suggestion (rows, mean probability shown, share right):\n");
            for (Reliability.Bin bin : reliability.bins()) {
                out.append(String.format(Locale.ROOT, "  p %.1f-%.1f  %,9d  %8s  %8s%n", bin.from(), bin.to(), bin.rows(),
                        format(bin.meanProbability()), format(bin.shareRight())));
            }
            for (Reliability.AtLeast t : reliability.atLeast()) {
                out.append(String.format(Locale.ROOT, "  p >= %-4s  %8s of rows, right %8s%n", t.threshold(),
                        format(t.share()), format(t.shareRight())));
            }
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
                    .add("calibrationError", number(r.calibrationError()))
                    .add("calibrationErrorBelowFirst", number(r.calibrationErrorBelowFirst()))
                    .add("autoBook", r.autoBook() == null ? Json.NULL : Json.object()
                            .add("coverage", number(r.autoBook().coverage()))
                            .add("precision", number(r.autoBook().precision())))
                    .add("reliability", r.reliability() == null ? Json.NULL : reliability(r.reliability()))
                    .add("seconds", r.seconds())
                    .add("rowsPerSecond", r.rowsPerSecond()));
        }
        return Json.object()
                .add("data", evaluation.data())
                .add("rows", evaluation.rows())
                .add("from", evaluation.from())
                .add("counted", evaluation.counted())
                .add("companies", evaluation.companies())
                .add("largestCompany", evaluation.largestCompany() == null ? Json.NULL : Json.value(evaluation.largestCompany()))
                .add("largestCompanyRows", evaluation.largestCompanyRows())
                .add("tailRows", evaluation.tailRows())
                .add("checkpointRows", evaluation.checkpointRows())
                .add("checkpointWindow", Evaluator.CHECKPOINT_WINDOW)
                .add("options", Json.object()
                        .add("alpha", o.alpha())
                        .add("companyModel", o.companyModel())
                        .add("maxFeatures", o.maxFeatures())
                        .add("autoBookPrecision", evaluation.autoBookPrecision()))
                .add("results", results);
    }

    private static JsonObject reliability(Reliability reliability) {
        JsonArray bins = Json.array();
        for (Reliability.Bin bin : reliability.bins()) {
            bins.add(Json.object().add("from", bin.from()).add("to", bin.to()).add("rows", bin.rows())
                    .add("meanProbability", number(bin.meanProbability())).add("shareRight", number(bin.shareRight())));
        }
        JsonArray atLeast = Json.array();
        for (Reliability.AtLeast t : reliability.atLeast()) {
            atLeast.add(Json.object().add("threshold", t.threshold()).add("share", number(t.share()))
                    .add("shareRight", number(t.shareRight())));
        }
        return Json.object().add("bins", bins).add("atLeast", atLeast);
    }

    /** The model's settings as the flags that choose them. */
    static String describe(ModelOptions o) {
        return String.format(Locale.ROOT, "--alpha %s --company-model %s --max-features %d", o.alpha(),
                o.companyModel(), o.maxFeatures());
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
