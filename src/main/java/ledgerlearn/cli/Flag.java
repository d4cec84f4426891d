package ledgerlearn.cli;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * One command-line flag with its environment-variable twin and default.
 *
 * <p>The server's flags and the connection flags that {@code client}, {@code predict} and {@code metrics}
 * share ({@code --url}, {@code --token-file}, {@code --trust-store}: the same server for all three) have
 * the twin {@code LEDGERLEARN_<FLAG>}. Every other command's flags are its own
 * ({@link #forCommand}): {@code LEDGERLEARN_<COMMAND>_<FLAG>}, so that a variable means one thing,
 * e.g. {@code LEDGERLEARN_CLIENT_LIMIT} and {@code LEDGERLEARN_EVALUATE_LIMIT}.
 *
 * @param valueName how help shows the value, e.g. {@code PORT}; {@code null} for a switch that needs no value
 * @param defaultValue the value when neither flag nor env is given; {@code null} when there is none
 * @param env the environment variable that stands in for the flag
 * @param aliases other names the flag is also given by, e.g. an older name
 */
record Flag(String name, String valueName, String defaultValue, String help, String env, List<String> aliases) {

    /** A flag whose twin is {@code LEDGERLEARN_<NAME>}: {@code --data-dir} → {@code LEDGERLEARN_DATA_DIR}. */
    Flag(String name, String valueName, String defaultValue, String help) {
        this(name, valueName, defaultValue, help, "LEDGERLEARN_" + upper(name), List.of());
    }

    /** The flags of {@code command}, each with the twin {@code LEDGERLEARN_<COMMAND>_<NAME>}. */
    static List<Flag> forCommand(String command, List<Flag> flags) {
        return flags.stream().map(flag -> new Flag(flag.name, flag.valueName, flag.defaultValue, flag.help,
                "LEDGERLEARN_" + upper(command) + "_" + upper(flag.name), flag.aliases)).toList();
    }

    /** This flag, also given as {@code --alias}. */
    Flag alias(String alias) {
        return new Flag(name, valueName, defaultValue, help, env,
                Stream.concat(aliases.stream(), Stream.of(alias)).toList());
    }

    boolean isSwitch() {
        return valueName == null;
    }

    private static String upper(String name) {
        return name.toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
