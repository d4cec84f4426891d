package ledgerlearn.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code --help} texts, made from the same flag lists the parser uses so they cannot drift apart. */
public final class Help {
    private Help() {}

    /** One subcommand: its name, what it does, an example, and its flags. */
    private record Command(String name, String summary, String example, List<Flag> flags) {
    }

    private static final List<Command> COMMANDS = List.of(
            new Command("server", "serve the API (/sample, /predict, /metrics/{n}, /health, /stats), Prometheus /metrics,"
                    + " /openapi.json and the dashboard at /",
                    "java -jar ledgerlearn.jar server --port 5000 --data-dir ./ledgerlearn-data", ServerOptions.FLAGS),
            new Command("client", "stream a data set to a running server, then print /metrics/1000, its learning curve and a prediction",
                    "java -jar ledgerlearn.jar client --data bank_expenses_obfuscated.csv.zip --limit all",
                    ClientOptions.CLIENT_FLAGS),
            new Command("predict", "ask a running server for the most likely accounts of one transaction",
                    "java -jar ledgerlearn.jar predict --company int:a055470 --text \"str:6cd08e4 int:49fed34\""
                            + " --amount \"> -1000\" --date 2016-02-29 --top 3",
                    ClientOptions.PREDICT_FLAGS),
            new Command("metrics", "ask a running server how well it predicted the last N samples",
                    "java -jar ledgerlearn.jar metrics --n 1000 --average weighted", ClientOptions.METRICS_FLAGS),
            new Command("demo", "start a server with its dashboard, stream the embedded synthetic data set, print what it learnt",
                    "java -jar ledgerlearn.jar demo --keep-running --rate 500", DemoOptions.FLAGS),
            new Command("generate", "write the synthetic data set (the one in data/ is generated with the defaults)",
                    "java -jar ledgerlearn.jar generate --rows 20000 --seed 20161010 --out data/synthetic-expenses.csv",
                    GenerateOptions.FLAGS),
            new Command("evaluate", "run the learner per-sample prequentially over a data set (no HTTP) and print how well it did,"
                    + " beside two majority baselines",
                    "java -jar ledgerlearn.jar evaluate --data ../shared/data/bank_expenses_obfuscated.csv.zip --company-model 30",
                    EvaluateOptions.FLAGS),
            new Command("bench", "measure ingest, cost growth, /predict, restart, memory and /metrics on the real data set,"
                    + " and a company's cost among many accounts",
                    "java -jar ledgerlearn.jar bench --data ../shared/data/bank_expenses_obfuscated.csv.zip",
                    BenchOptions.FLAGS));

    /** Each subcommand's flags with their env twins and defaults, in help order (the README's table is checked against it). */
    static Map<String, List<Flag>> flagsByCommand() {
        Map<String, List<Flag>> flags = new LinkedHashMap<>();
        COMMANDS.forEach(command -> flags.put(command.name, command.flags));
        return flags;
    }

    /** Whether {@code name} is a subcommand. */
    public static boolean isCommand(String name) {
        return COMMANDS.stream().anyMatch(c -> c.name.equals(name));
    }

    /** The jar's help: what it is and its subcommands. */
    public static String main() {
        StringBuilder out = new StringBuilder();
        out.append("ledgerlearn: a self-training bookkeeping API that learns ledger accounts from booked bank transactions.\n\n");
        out.append("Usage: java -jar ledgerlearn.jar <command> [flags]\n\nCommands:\n");
        for (Command command : COMMANDS) {
            out.append(String.format("  %-10s %s%n", command.name, command.summary));
        }
        out.append("\nRun 'java -jar ledgerlearn.jar <command> --help' for a command's flags.\n");
        out.append("Every flag has an environment twin (the flag wins): LEDGERLEARN_SOME_FLAG for the server's --some-flag\n"
                + "and for --url, --token-file and --trust-store, which client, predict and metrics share;\n"
                + "LEDGERLEARN_COMMAND_SOME_FLAG for the other commands' flags, e.g. LEDGERLEARN_CLIENT_LIMIT.\n");
        out.append("Exit codes: 0 ok, 1 failure, 2 bad usage.\n");
        return out.toString();
    }

    /** One subcommand's help: usage, example, and every flag with its env twin and default. */
    public static String command(String name) {
        Command command = COMMANDS.stream().filter(c -> c.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no command " + name));
        StringBuilder out = new StringBuilder();
        out.append("Usage: java -jar ledgerlearn.jar ").append(name).append(" [flags]\n\n");
        out.append(capitalise(command.summary)).append(".\n\nExample:\n  ").append(command.example).append("\n\nFlags:\n");
        for (Flag flag : command.flags) {
            String left = "--" + flag.name() + (flag.isSwitch() ? "" : " " + flag.valueName());
            for (String alias : flag.aliases()) {
                left += ", --" + alias;
            }
            out.append(String.format("  %-24s %s%n", left, flag.help()));
            out.append(String.format("  %-24s env %s, default %s%n", "", flag.env(),
                    flag.defaultValue() == null ? "none" : "\"" + flag.defaultValue() + "\""));
        }
        out.append(String.format("  %-24s %s%n", "--help", "show this help"));
        return out.toString();
    }

    private static String capitalise(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
