package ledgerlearn.dataset;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import ledgerlearn.sample.Sample;

/** Reads a data set's rows in file order from a CSV file, a zip holding one, or the embedded synthetic set. */
public final class DatasetReader implements Closeable {

    /** Where the synthetic data set lies on the class path (the build copies {@code data/} there). */
    public static final String EMBEDDED_RESOURCE = "/ledgerlearn/data/synthetic-expenses.csv";

    private DatasetReader() {}

    /** Opens a {@code .csv} file or a {@code .zip} holding one CSV; the header names the columns. */
    public static DatasetReader open(Path file) throws IOException {
        throw new UnsupportedOperationException("not yet");
    }

    /** Opens the synthetic data set packaged in the jar. */
    public static DatasetReader openEmbedded() throws IOException {
        throw new UnsupportedOperationException("not yet");
    }

    /** The next row, or {@code null} at the end. */
    public Sample next() throws IOException {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public void close() throws IOException {
        throw new UnsupportedOperationException("not yet");
    }
}
