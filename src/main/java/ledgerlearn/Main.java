package ledgerlearn;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;
import ledgerlearn.bench.Bench;
import ledgerlearn.cli.BenchOptions;
import ledgerlearn.cli.ClientOptions;
import ledgerlearn.cli.DemoOptions;
import ledgerlearn.cli.EvaluateOptions;
import ledgerlearn.cli.GenerateOptions;
import ledgerlearn.cli.Help;
import ledgerlearn.cli.ServerOptions;
import ledgerlearn.cli.UsageException;
import ledgerlearn.client.MetricsCommand;
import ledgerlearn.client.PredictCommand;
import ledgerlearn.client.StreamingClient;
import ledgerlearn.dataset.ScaleDataset;
import ledgerlearn.dataset.SyntheticDataset;
import ledgerlearn.demo.Demo;
import ledgerlearn.evaluate.EvaluateCommand;
import ledgerlearn.server.Logging;
import ledgerlearn.server.ServerCommand;
import ledgerlearn.telemetry.Version;

/** {@code java -jar ledgerlearn.jar <command>}: dispatches to a subcommand; the only place that picks exit codes. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        Logging.configure();
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** Runs a command line and returns its exit code: 0 ok, 1 failure, 2 bad usage. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.print(Help.main());
            return 2;
        }
        String command = args[0];
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        if (command.equals("--help") || command.equals("-h") || command.equals("help")) {
            out.print(Help.main());
            return 0;
        }
        if (command.equals("--version")) {
            out.println("ledgerlearn " + Version.current());
            return 0;
        }
        if (!Help.isCommand(command)) {
            err.println("ledgerlearn: unknown command \"" + command + "\"");
            err.println("Run 'java -jar ledgerlearn.jar --help' for the commands.");
            return 2;
        }
        if (Arrays.asList(rest).contains("--help") || Arrays.asList(rest).contains("-h")) {
            out.print(Help.command(command));
            return 0;
        }
        try {
            return switch (command) {
                case "server" -> ServerCommand.run(ServerOptions.parse(rest, env), err);
                case "client" -> StreamingClient.run(ClientOptions.client(rest, env), out, err);
                case "predict" -> PredictCommand.run(ClientOptions.predict(rest, env), out, err);
                case "metrics" -> MetricsCommand.run(ClientOptions.metrics(rest, env), out, err);
                case "demo" -> Demo.run(DemoOptions.parse(rest, env), out, err);
                case "generate" -> generate(GenerateOptions.parse(rest, env), err);
                case "evaluate" -> EvaluateCommand.run(EvaluateOptions.parse(rest, env), out, err);
                case "bench" -> Bench.run(BenchOptions.parse(rest, env), out, err);
                default -> throw new IllegalStateException("command without a case: " + command);
            };
        } catch (UsageException e) {
            err.println("ledgerlearn " + command + ": " + e.getMessage());
            err.println("Run 'java -jar ledgerlearn.jar " + command + " --help' for its flags.");
            return 2;
        } catch (OutOfMemoryError e) {
            // what the command held is garbage once this is thrown: there is room to say why
            err.println("ledgerlearn " + command + ": out of memory in a heap of " + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + " MiB; start the JVM with a larger -Xmx");
            return 1;
        }
    }

    private static int generate(GenerateOptions options, PrintStream err) {
        try {
            long started = System.nanoTime();
            if (options.companies() == 0) {
                SyntheticDataset.write(options.out(), (int) options.rows(), options.seed());
            } else {
                new ScaleDataset(options.companies(), options.rows(), options.seed()).write(options.out());
            }
            err.printf(java.util.Locale.ROOT, "wrote %,d rows to %s in %.1f s%n", options.rows(), options.out(),
                    (System.nanoTime() - started) / 1e9);
            return 0;
        } catch (java.io.IOException e) {
            err.println("ledgerlearn generate: cannot write " + options.out() + ": " + e.getMessage());
            return 1;
        }
    }
}
