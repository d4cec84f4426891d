package ledgerlearn.secret;

import java.util.Map;
import java.util.Objects;

/** A password or API token taken from the environment; its {@code toString} never shows it, so it cannot leak into a log line. */
public record Secret(String value) {
    public Secret {
        Objects.requireNonNull(value, "value");
    }

    /** The variable's value as a secret, {@code null} when it is unset or empty. */
    public static Secret fromEnv(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isEmpty() ? null : new Secret(value);
    }

    @Override
    public String toString() {
        return "Secret[redacted]";
    }
}
