package ledgerlearn.store;

import java.io.IOException;

/** The store's files are no longer on the data dir's path: the directory was deleted, or another put in its place. */
public final class DataDirLostException extends IOException {
    public DataDirLostException(String message) {
        super(message);
    }
}
