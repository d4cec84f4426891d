package ledgerlearn.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.UUID;

/**
 * How the store reaches the disk: the channels it opens its files (and its directory, to force) with,
 * and the machine's boot id ({@code null} where there is none), which dates what the page cache holds.
 * Tests pass channels that record what is written and forced, or that fail.
 */
public record Disk(Opener opener, UUID boot) {

    /** Opens a channel as {@link FileChannel#open(Path, OpenOption...)} does. */
    @FunctionalInterface
    public interface Opener {
        FileChannel open(Path path, OpenOption... options) throws IOException;
    }

    /** This machine's file system and boot id. */
    public static Disk local() {
        return new Disk(FileChannel::open, CommitFile.currentBoot());
    }

    /** This machine's boot id, with channels from {@code opener} (tests pass ones that fail like a full disk). */
    public static Disk with(Opener opener) {
        return new Disk(opener, CommitFile.currentBoot());
    }

    FileChannel open(Path path, OpenOption... options) throws IOException {
        return opener.open(path, options);
    }
}
