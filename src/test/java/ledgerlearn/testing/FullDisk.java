package ledgerlearn.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import ledgerlearn.store.DelegatingChannel;
import ledgerlearn.store.Disk;

/**
 * The machine's file system, except that while it is {@link #fill() full} every write to a file that grows
 * fails with "No space left on device", as ENOSPC does, and while {@link #failForces() failing} every force
 * fails with "Input/output error"; cutting a file and rewriting the commit record in place still work.
 */
public final class FullDisk {
    private volatile boolean full;
    /** A file that still takes writes while the disk is full (e.g. one that grows into blocks it already has). */
    private volatile String spared = "";
    private volatile boolean forcesFail;

    /** The disk to open a store or learner on. */
    public Disk disk() {
        return Disk.with((path, options) -> new Channel(FileChannel.open(path, options), path));
    }

    public void fill() {
        full = true;
    }

    /** Full for every file but the one named {@code name}. */
    public void fillBut(String name) {
        spared = name;
        full = true;
    }

    public void failForces() {
        forcesFail = true;
    }

    /** Space is freed and the disk works again. */
    public void free() {
        full = false;
        spared = "";
        forcesFail = false;
    }

    private final class Channel extends DelegatingChannel {
        private final Path path;

        Channel(FileChannel file, Path path) {
            super(file);
            this.path = path;
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            // the commit record is rewritten in place, which takes no new block
            if (full && position + src.remaining() > file.size() && !path.getFileName().toString().equals(spared)) {
                throw new IOException("No space left on device");
            }
            return file.write(src, position);
        }

        @Override
        public void force(boolean metaData) throws IOException {
            if (forcesFail && !path.getFileName().toString().equals("ledgerlearn.lock")) {
                throw new IOException("Input/output error");
            }
            file.force(metaData);
        }
    }
}
