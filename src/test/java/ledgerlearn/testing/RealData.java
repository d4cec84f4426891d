package ledgerlearn.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The real data set beside the clone ({@code ../shared/data}). Without it a test is skipped with a
 * message, except under {@code CI=true}, where a missing file is a failure.
 */
public final class RealData {
    public static final String FILE_NAME = "bank_expenses_obfuscated.csv.zip";
    public static final int ROWS = 737_017;

    private RealData() {}

    public static Path zip() {
        String dir = System.getenv().getOrDefault("LEDGERLEARN_SHARED_DATA", "../shared/data");
        Path file = Path.of(dir, FILE_NAME);
        if (!Files.isReadable(file)) {
            String message = "real data set not found at " + file.toAbsolutePath()
                    + " (get " + FILE_NAME + " from e-conomic/hiring-assignments and put it in ../shared/data)";
            if ("true".equals(System.getenv("CI"))) {
                fail(message);
            }
            Assumptions.assumeTrue(false, message + "; skipping");
        }
        return file;
    }
}
