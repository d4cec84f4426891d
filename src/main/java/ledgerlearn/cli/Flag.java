package ledgerlearn.cli;

import java.util.Locale;

/**
 * One command-line flag with its environment-variable twin and default.
 *
 * @param valueName how help shows the value, e.g. {@code PORT}; {@code null} for a switch that needs no value
 * @param defaultValue the value when neither flag nor env is given; {@code null} when there is none
 */
record Flag(String name, String valueName, String defaultValue, String help) {

    /** The environment variable that stands in for the flag: {@code --data-dir} → {@code LEDGERLEARN_DATA_DIR}. */
    String env() {
        return "LEDGERLEARN_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    boolean isSwitch() {
        return valueName == null;
    }
}
