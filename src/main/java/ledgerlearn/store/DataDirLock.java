package ledgerlearn.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a data directory's lock file, held while a store is open, so two servers
 * never append to the same store. The operating system drops it when the process dies, however it dies.
 * A learner takes it before it reads a snapshot, and hands it to the store it opens then.
 */
public final class DataDirLock implements Closeable {
    /** The lock file's name inside the data directory; it holds the owner's process id, for people. */
    public static final String FILE_NAME = "ledgerlearn.lock";

    private final FileChannel channel;

    private DataDirLock(FileChannel channel) {
        this.channel = channel;
    }

    /**
     * Takes the lock, creating the directory when missing, or fails at once naming the directory (and the owner's
     * pid) when it is taken.
     */
    public static DataDirLock acquire(Path dataDir, Disk disk) throws IOException {
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve(FILE_NAME);
        FileChannel channel = disk.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this very JVM
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new IOException("data dir " + dataDir.toAbsolutePath() + " is in use by another ledgerlearn server"
                    + owner(file) + "; stop it or choose another --data-dir");
        }
        byte[] pid = ("pid " + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(pid), 0);
        return new DataDirLock(channel);
    }

    private static String owner(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return text.matches("pid [0-9]{1,10}") ? " (" + text + ")" : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** Closes the lock file, which releases the lock with it. */
    @Override
    public void close() throws IOException {
        channel.close();
    }
}
