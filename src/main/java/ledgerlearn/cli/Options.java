package ledgerlearn.cli;

import java.net.URI;
import java.nio.file.Path;

/** The settings of each subcommand, one record each, built from flag, then {@code LEDGERLEARN_*} env, then default. */
public final class Options {
    private Options() {}

    /**
     * The streaming client's settings.
     *
     * @param url the server's base URL, e.g. {@code http://127.0.0.1:5000}
     * @param file a data set CSV or zip; {@code null} streams the embedded synthetic data set
     * @param limit how many rows to stream at most ({@link Long#MAX_VALUE} for all)
     * @param seed seeds the random chunk sizes
     * @param maxChunk chunk sizes are drawn uniformly from 1..maxChunk
     * @param quiet no progress bar
     */
    public record Client(URI url, Path file, long limit, long seed, int maxChunk, boolean quiet) {
    }
}
