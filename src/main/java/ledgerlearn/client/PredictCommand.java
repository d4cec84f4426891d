package ledgerlearn.client;

import java.io.PrintStream;
import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonValue;

/** {@code predict}: one transaction's features to a running server's POST /predict, its accounts printed. */
public final class PredictCommand {
    private PredictCommand() {}

    /**
     * One prediction from a running server; a feature left {@code null} is not sent.
     *
     * @param top how many accounts to ask for, best first
     * @param json print the server's JSON answer instead of one account per line
     */
    public record Settings(Connection server, String company, String date, String text, String amount, int top,
                           boolean json) {
    }

    /** Prints the suggested accounts one per line (or the JSON answer); returns 0, or 1 with one line on stderr. */
    public static int run(Settings options, PrintStream out, PrintStream err) {
        return ApiClient.exitCode(err, () -> {
            ApiClient api = new ApiClient(options.server());
            JsonValue accounts = api.json(api.post(api.uri("/predict?top=" + options.top()), query(options).toString()));
            if (options.json()) {
                out.println(accounts);
            } else if (accounts.isArray()) {
                accounts.asArray().forEach(account -> out.println(account.isString() ? account.asString() : account));
            } else {
                throw new ApiClient.Failure("POST /predict answered " + accounts + ", not a list of accounts");
            }
        });
    }

    /** The POST /predict body: only the features given, so the others are absent rather than empty. */
    static JsonObject query(Settings options) {
        JsonObject query = Json.object();
        addIfGiven(query, "CompanyId", options.company());
        addIfGiven(query, "BankEntryDate", options.date());
        addIfGiven(query, "BankEntryText", options.text());
        addIfGiven(query, "BankEntryAmount", options.amount());
        return query;
    }

    private static void addIfGiven(JsonObject query, String key, String value) {
        if (value != null) {
            query.add(key, value);
        }
    }
}
