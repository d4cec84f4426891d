package ledgerlearn.client;

import java.io.PrintStream;
import ledgerlearn.cli.Options;

/** Streams a data set to a server's POST /sample, then prints /metrics/1000 and one /predict. */
public final class StreamingClient {
    private StreamingClient() {}

    /** Runs the client; returns the process exit code (0 ok, 1 when the server fails or cannot be reached). */
    public static int run(Options.Client options, PrintStream out, PrintStream err) {
        throw new UnsupportedOperationException("not yet");
    }
}
