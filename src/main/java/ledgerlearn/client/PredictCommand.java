package ledgerlearn.client;

import java.io.PrintStream;
import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonValue;
import java.util.Locale;

/** {@code predict}: one transaction's features to a running server's POST /predict, its accounts printed. */
public final class PredictCommand {
    private PredictCommand() {}

    /**
     * One prediction from a running server; a feature left {@code null} is not sent.
     *
     * @param top how many accounts to ask for, best first
     * @param detail ask for each account's probability, name, source and auto-book decision, and print them
     * @param json print the server's JSON answer instead of one account per line
     */
    public record Settings(Connection server, String company, String date, String text, String amount, int top,
                           boolean detail, boolean json) {
    }

    /** Prints the suggested accounts one per line (or the JSON answer); returns 0, or 1 with one line on stderr. */
    public static int run(Settings options, PrintStream out, PrintStream err) {
        return ApiClient.exitCode(err, () -> {
            try (ApiClient api = new ApiClient(options.server(), err)) {
                JsonValue accounts = api.json(api.post(api.uri("/predict?top=" + options.top()
                        + (options.detail() ? "&detail=true" : "")), query(options).toString()));
                if (options.json()) {
                    out.println(accounts);
                } else if (accounts.isArray()) {
                    accounts.asArray().forEach(account -> out.println(line(account)));
                } else {
                    throw new ApiClient.Failure("POST /predict answered " + accounts + ", not a list of accounts");
                }
            }
        });
    }

    /**
     * One suggested account as a line: the account alone, or with detail its probability, name, source,
     * and for the first whether it may be booked unseen, e.g. {@code 9900  0.9979  str:1e82557  memory  autoBook}.
     */
    static String line(JsonValue account) {
        if (account.isString()) {
            return account.asString();
        }
        if (!account.isObject()) {
            return account.toString();
        }
        JsonObject s = account.asObject();
        JsonValue name = s.get("accountName");
        JsonValue autoBook = s.get("autoBook");
        return String.format(Locale.ROOT, "%s  %.4f  %s  %s%s", s.getString("account", "?"), s.getDouble("probability", Double.NaN),
                name == null || name.isNull() ? "-" : name.isString() ? name.asString() : name.toString(),
                s.getString("source", "?"),
                autoBook == null ? "" : autoBook.isTrue() ? "  autoBook" : "  review");
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
