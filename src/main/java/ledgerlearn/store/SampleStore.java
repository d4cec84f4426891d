package ledgerlearn.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The append-only CSV of every accepted sample and its prediction, {@code samples.csv} in the data
 * directory: the source of truth that the model and metrics are rebuilt from on start.
 */
public final class SampleStore implements Closeable {

    /** The store's file name inside the data directory. */
    public static final String FILE_NAME = "samples.csv";

    private SampleStore() {}

    /**
     * Opens (creating when absent) the store in {@code dataDir}, hands every stored row to
     * {@code replay} in store order, and cuts a torn last line off with a log line.
     *
     * @param fsync whether {@link #sync} forces the file to disk (off only for throwaway runs)
     */
    public static SampleStore open(Path dataDir, boolean fsync, Consumer<StoredSample> replay) throws IOException {
        throw new UnsupportedOperationException("not yet");
    }

    /** Writes the rows at the end of the file (not yet durable); returns the file's length after them. */
    public long append(List<StoredSample> rows) throws IOException {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Makes everything up to {@code length} durable. Concurrent callers share one fsync (group
     * commit): a caller whose bytes another caller's fsync already covered returns at once.
     */
    public void sync(long length) throws IOException {
        throw new UnsupportedOperationException("not yet");
    }

    /** The number of rows stored. */
    public long rows() {
        throw new UnsupportedOperationException("not yet");
    }

    /** The file's length in bytes. */
    public long bytes() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public void close() throws IOException {
        throw new UnsupportedOperationException("not yet");
    }
}
