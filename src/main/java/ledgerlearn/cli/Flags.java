package ledgerlearn.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The resolved values of one subcommand's flags, each taken from the flag, else its
 * {@code LEDGERLEARN_*} environment twin, else its default; the typed getters validate and
 * name the source in their errors.
 */
final class Flags {
    private final Map<String, String> values = new HashMap<>();
    private final Map<String, String> sources = new HashMap<>();

    private Flags() {}

    static Flags parse(List<Flag> flags, String[] args, Map<String, String> env) throws UsageException {
        Map<String, Flag> byName = new LinkedHashMap<>();
        for (Flag flag : flags) {
            byName.put(flag.name(), flag);
            flag.aliases().forEach(alias -> byName.put(alias, flag));
        }
        Flags result = new Flags();
        for (Flag flag : flags) {
            String fromEnv = env.get(flag.env());
            if (fromEnv != null) {
                result.values.put(flag.name(), fromEnv);
                result.sources.put(flag.name(), flag.env());
            } else if (flag.defaultValue() != null) {
                result.values.put(flag.name(), flag.defaultValue());
                result.sources.put(flag.name(), "default of --" + flag.name());
            }
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("unexpected argument \"" + arg + "\"");
            }
            int equals = arg.indexOf('=');
            String given = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
            Flag flag = byName.get(given);
            if (flag == null) {
                throw new UsageException("unknown flag --" + given);
            }
            String name = flag.name();
            String value;
            if (equals >= 0) {
                value = arg.substring(equals + 1);
            } else if (flag.isSwitch()) {
                // "--quiet false" as well as "--quiet": no command takes a word that is not a flag, so a
                // true or false after a switch can only be its value
                value = i + 1 < args.length && booleanWord(args[i + 1]) != null ? args[++i] : "true";
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new UsageException("--" + given + ": needs a value (" + flag.valueName() + ")");
            }
            result.values.put(name, value);
            result.sources.put(name, "--" + given);
        }
        return result;
    }

    String string(String name) {
        return values.get(name);
    }

    int intIn(String name, int min, int max) throws UsageException {
        long value = longIn(name, min, max);
        return (int) value;
    }

    long longIn(String name, long min, long max) throws UsageException {
        String text = values.get(name);
        try {
            long value = Long.parseLong(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException | NullPointerException e) {
            // reported below
        }
        throw problem(name, "expected an integer " + min + ".." + max);
    }

    /** A whole number of at least 1, or {@code all} ({@link Long#MAX_VALUE}). */
    long countOrAll(String name) throws UsageException {
        return "all".equalsIgnoreCase(values.get(name).trim()) ? Long.MAX_VALUE : longIn(name, 1, Long.MAX_VALUE - 1);
    }

    /** A byte size: a whole number with an optional k, m or g suffix (powers of 1024). */
    long bytes(String name, long min, long max) throws UsageException {
        String text = values.get(name).trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (text.endsWith("k") || text.endsWith("m") || text.endsWith("g")) {
            unit = switch (text.charAt(text.length() - 1)) {
                case 'k' -> 1L << 10;
                case 'm' -> 1L << 20;
                default -> 1L << 30;
            };
            text = text.substring(0, text.length() - 1);
        }
        try {
            long value = Math.multiplyExact(Long.parseLong(text), unit);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // reported below
        }
        throw problem(name, "expected a size in bytes " + min + ".." + max + " (suffix k, m or g allowed)");
    }

    /** The switch value {@code text} says, or {@code null} when it is no such word. */
    private static Boolean booleanWord(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> null;
        };
    }

    boolean bool(String name) throws UsageException {
        String text = values.get(name);
        if (text == null) {
            return false;
        }
        Boolean value = booleanWord(text);
        if (value == null) {
            throw problem(name, "expected true or false");
        }
        return value;
    }

    /**
     * A file path, or {@code null} when none is set. An empty environment twin counts as unset, but an empty
     * flag is an error: {@code --auth-file "$UNSET"} must not start a server without its tokens.
     */
    Path path(String name) throws UsageException {
        String text = values.get(name);
        if (text != null && text.isBlank() && sources.get(name).startsWith("--")) {
            throw new UsageException(sources.get(name) + ": expected a path, got an empty value");
        }
        return pathOrNone(name);
    }

    /**
     * As {@link #path}, for a file that must be there when the command starts: a path to nothing, or to a
     * directory, is a wrong value like any other (exit 2), named with the flag that gave it.
     */
    Path existingFile(String name) throws UsageException {
        Path path = path(name);
        if (path != null && Files.isDirectory(path)) {
            throw new UsageException(sources.get(name) + ": " + path + " is a directory, not a file");
        }
        if (path != null && !Files.exists(path)) {
            throw new UsageException(sources.get(name) + ": no such file: " + path);
        }
        return path;
    }

    /** A file path, or {@code null} when none is set or the value is empty, for a flag whose help says empty means none. */
    Path pathOrNone(String name) throws UsageException {
        String text = values.get(name);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw problem(name, "expected a file path");
        }
    }

    URI httpUrl(String name) throws UsageException {
        String text = values.get(name).trim();
        try {
            URI uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw problem(name, "expected an http:// or https:// URL such as http://127.0.0.1:5000");
    }

    String choice(String name, List<String> choices) throws UsageException {
        String text = values.get(name).trim().toLowerCase(Locale.ROOT);
        if (choices.contains(text)) {
            return text;
        }
        throw problem(name, "expected one of " + String.join(", ", choices));
    }

    /** A wrong value of flag {@code name}, in words of the caller's that already quote what is wrong in it. */
    UsageException wrong(String name, String message) {
        return new UsageException(sources.get(name) + ": " + message);
    }

    /** Whether flag {@code name} was given on the command line (not by its environment twin or its default). */
    boolean onCommandLine(String name) {
        String source = sources.get(name);
        return source != null && source.startsWith("--");
    }

    UsageException problem(String name, String expected) {
        return new UsageException(sources.get(name) + ": " + expected + ", got \"" + values.get(name) + "\"");
    }
}
