package ledgerlearn.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import ledgerlearn.store.SampleStore;
import ledgerlearn.sample.StoredSample;

/** Rows as the store writes them, to fake what a crash leaves in a store file. */
public final class StoreRows {
    private StoreRows() {}

    /** The bytes the store appends for {@code rows}, taken from a scratch store. */
    public static byte[] encode(List<StoredSample> rows) throws IOException {
        Path scratch = TempDirs.create("ledgerlearn-rows-");
        try {
            long header;
            try (SampleStore store = SampleStore.open(scratch, false, row -> {})) {
                header = store.bytes();
                store.append(rows);
            }
            byte[] all = Files.readAllBytes(scratch.resolve(SampleStore.FILE_NAME));
            return Arrays.copyOfRange(all, (int) header, all.length);
        } finally {
            TempDirs.delete(scratch);
        }
    }
}
