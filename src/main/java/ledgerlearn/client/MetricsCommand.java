package ledgerlearn.client;

import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonValue;
import ledgerlearn.metrics.Average;

/** {@code metrics}: a running server's GET /metrics/{n}, printed as a small table or as its JSON. */
public final class MetricsCommand {
    private static final String[] SCORES = {"precision", "recall", "accuracy", "baseline"};

    private MetricsCommand() {}

    /**
     * One scores query to a running server.
     *
     * @param n the window: the last n scored samples
     * @param company score only this company's samples; {@code null} for all
     * @param json print the server's JSON answer instead of a table
     */
    public record Settings(Connection server, int n, Average average, String company, boolean json) {
        /** Settings that score every company's samples. */
        public Settings(Connection server, int n, Average average, boolean json) {
            this(server, n, average, null, json);
        }
    }

    /** Prints the scores; returns 0, or 1 with one line on stderr. */
    public static int run(Settings options, PrintStream out, PrintStream err) {
        return ApiClient.exitCode(err, () -> {
            try (ApiClient api = new ApiClient(options.server(), err)) {
                JsonValue metrics = api.json(api.get(api.uri("/metrics/" + options.n() + "?average=" + options.average().label()
                        + (options.company() == null ? "" : "&company=" + URLEncoder.encode(options.company(), StandardCharsets.UTF_8)))));
                if (options.json()) {
                    out.println(metrics);
                } else if (metrics.isObject()) {
                    out.print(table(metrics.asObject(), options.n()));
                } else {
                    throw new ApiClient.Failure("GET /metrics answered " + metrics + ", not an object");
                }
            }
        });
    }

    /** A heading that says what the window holds, then one aligned row per score. */
    static String table(JsonObject metrics, int asked) {
        int n = metrics.getInt("n", 0);
        String average = metrics.getString("average", "?");
        if (n == 0) {
            return metrics.getString("company", null) != null
                    ? "nothing scored yet for company " + metrics.getString("company", "") + "\n"
                    : "nothing scored yet: send samples first (the client command, or POST /sample)\n";
        }
        StringBuilder table = new StringBuilder();
        String company = metrics.getString("company", null);
        table.append(String.format(Locale.ROOT, "last %,d scored samples%s%s, %s average%n",
                n, company == null ? "" : " of company " + company, n < asked ? " (all there are)" : "", average));
        for (String name : SCORES) {
            JsonValue value = metrics.get(name);
            if (value != null) {
                table.append(String.format(Locale.ROOT, "  %-10s %s%n", name, figure(value)));
            }
        }
        JsonValue autoBook = metrics.get("autoBook");
        if (autoBook != null && autoBook.isObject()) {
            // the share of the window the model would have booked unseen, and how many of those were right
            table.append(String.format(Locale.ROOT, "  %-10s coverage %s, precision %s%n", "auto-book",
                    figure(autoBook.asObject().get("coverage")), figure(autoBook.asObject().get("precision"))));
        }
        return table.toString();
    }

    private static String figure(JsonValue value) {
        return value != null && value.isNumber() ? String.format(Locale.ROOT, "%.4f", value.asDouble()) : "-";
    }
}
