package ledgerlearn.cli;

import java.util.List;
import java.util.Map;

/**
 * The {@code demo} command's settings: a server on a loopback port and a fresh temporary data directory,
 * fed the embedded synthetic data set by the client.
 *
 * @param port 0 picks any free port
 * @param rate rows per second at most, 0 for as fast as the server takes them
 */
public record DemoOptions(long seed, boolean keepRunning, boolean quiet, int port, int rate) {

    static final List<Flag> FLAGS = Flag.forCommand("demo", List.of(
            new Flag("seed", "SEED", "42", "seed of the random chunk sizes"),
            new Flag("keep-running", null, "false", "keep the server running after the demo (stop with Ctrl-C)"),
            new Flag("quiet", null, "false", "no progress bar"),
            new Flag("port", "PORT", "0", "loopback port of the demo server and its dashboard; 0 picks a free one"),
            new Flag("rate", "ROWS_PER_S", "0", "stream at most this many rows per second (e.g. 500, to watch the dashboard); 0: no limit")));

    public static DemoOptions parse(String[] args, Map<String, String> env) throws UsageException {
        Flags flags = Flags.parse(FLAGS, args, env);
        return new DemoOptions(flags.longIn("seed", Long.MIN_VALUE, Long.MAX_VALUE), flags.bool("keep-running"),
                flags.bool("quiet"), flags.intIn("port", 0, 65535), flags.intIn("rate", 0, ClientOptions.MAX_RATE));
    }
}
