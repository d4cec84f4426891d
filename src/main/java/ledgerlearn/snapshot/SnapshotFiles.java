package ledgerlearn.snapshot;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * The snapshot files of a data dir, {@code snapshot-<rows>.bin}: a learner's whole state after the store's
 * first {@code rows} rows, so that a start loads it and replays only the rows after it. A file holds a
 * header (format, the settings the state was learnt with, the store position), the state, its length and a
 * CRC-32C of all of it. It is written beside its final name (streamed as it is made, or from a
 * {@link StateCopy}), forced to disk and renamed, so that a crash leaves either the whole file or none. The
 * newest {@value #KEEP} are kept.
 */
public final class SnapshotFiles {
    /**
     * "LLS2": ledgerlearn snapshot, format 2 (the feature ids' hash tables as they were). A snapshot of another
     * format is passed over, and the store replayed.
     */
    private static final int MAGIC = 0x4c4c5332;
    /** Magic, settings, rows, bytes, tail checksum. */
    private static final int HEADER = 4 + 8 + 8 + 8 + 4;
    /** The state's length, then the CRC-32C of everything before it. */
    private static final int TRAILER = 8 + 4;
    private static final String PREFIX = "snapshot-";
    private static final String SUFFIX = ".bin";
    private static final String PARTIAL = ".partial";
    /** A snapshot is written after this many rows stored since the last one, unless told otherwise. */
    public static final long DEFAULT_EVERY = 500_000;
    /** How many snapshots are kept: the newest and one before it, should the newest turn out damaged. */
    public static final int KEEP = 2;

    private SnapshotFiles() {}

    /**
     * Where in the store a state stands: after its first {@code rows} rows, which end at byte {@code bytes} of
     * the store file, whose last bytes up to there have the checksum {@code tail}.
     */
    public record Position(long rows, long bytes, int tail) {
    }

    /**
     * A snapshot whose header and length held: its file, position, the length of its state, and the checksum its
     * bytes must have, which is checked as the state is read ({@link #read}).
     */
    public record Snapshot(Path file, Position position, long stateLength, int checksum) {
        /**
         * The state, streamed from the file; its {@link StateInput#end()} checks the file's checksum over every
         * byte that was read. Prefer {@link #read}, which says so when a damaged byte made the state unreadable.
         */
        public StateInput open() throws IOException {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            try {
                ByteBuffer header = ByteBuffer.allocate(HEADER);
                readFully(channel, header, 0);
                CRC32C crc = new CRC32C();
                crc.update(header.flip());
                channel.position(HEADER);
                // the state's length after it is under the checksum too
                ChecksummedChannel checked = new ChecksummedChannel(channel, crc, stateLength + 8);
                return new StateInput(checked, stateLength, () -> checked.verify(checksum, file));
            } catch (IOException | RuntimeException | OutOfMemoryError e) {
                channel.close();
                throw e;
            }
        }

        /**
         * What {@code reader} reads of the state, which it must read whole, once the file's checksum held. A file
         * is read once: a checksum pass of its own before the state was the whole file read twice, a tenth of a
         * second of a start at 10,000 companies with the file in the page cache, and twice the disk's time
         * without. When the state could not be read and the checksum does not hold either, the damage is what
         * the exception says.
         *
         * @throws StateInput.CorruptStateException when the bytes are damaged or do not hold a state
         */
        public <T> T read(Function<StateInput, T> reader) throws IOException {
            try (StateInput in = open()) {
                try {
                    T state = reader.apply(in);
                    in.end();
                    return state;
                } catch (StateInput.CorruptStateException | UncheckedIOException e) {
                    in.verifyRest(e);
                    throw e;
                }
            }
        }
    }

    /**
     * The file's bytes from the state on, at most {@code left} of them (the state and its length), each also
     * added to the checksum {@code crc}, which holds the header's already.
     */
    private static final class ChecksummedChannel implements ReadableByteChannel {
        private final FileChannel channel;
        private final CRC32C crc;
        private long left;

        ChecksummedChannel(FileChannel channel, CRC32C crc, long left) {
            this.channel = channel;
            this.crc = crc;
            this.left = left;
        }

        @Override
        public int read(ByteBuffer into) throws IOException {
            if (left == 0) {
                return -1;
            }
            int limit = into.limit();
            int start = into.position();
            into.limit((int) Math.min(limit, start + left));
            int read;
            try {
                read = channel.read(into);
            } finally {
                into.limit(limit);
            }
            if (read > 0) {
                crc.update(into.duplicate().position(start).limit(start + read));
                left -= read;
            }
            return read;
        }

        /** Reads what is left up to the checksum and compares; a mismatch is a damaged or torn file. */
        void verify(int checksum, Path file) {
            try {
                ByteBuffer rest = ByteBuffer.allocate(1 << 13);
                while (left > 0) {
                    rest.clear();
                    if (read(rest) < 0) {
                        break;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (left != 0 || (int) crc.getValue() != checksum) {
                throw new StateInput.CorruptStateException(file.getFileName() + ": checksum mismatch (torn or damaged)");
            }
        }

        @Override
        public boolean isOpen() {
            return channel.isOpen();
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /**
     * Writes a snapshot at {@code position} of the state {@code writer} writes, learnt with {@code settings}
     * (a digest of what the state depends on besides the rows), durably, and deletes all but the newest
     * {@link #KEEP}.
     */
    public static Path write(Path dir, Position position, long settings, Consumer<StateOutput> writer)
            throws IOException {
        return writeBytes(dir, position, settings, out -> {
            try {
                StateOutput state = new StateOutput(out);
                writer.accept(state);
                state.flush();
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        });
    }

    /** As {@link #write(Path, Position, long, Consumer)} of a state copied into memory before. */
    public static Path write(Path dir, Position position, long settings, StateCopy state) throws IOException {
        return writeBytes(dir, position, settings, state::writeTo);
    }

    /** Writes a state's bytes to the stream it is given. */
    private interface StateBytes {
        void writeTo(OutputStream out) throws IOException;
    }

    private static Path writeBytes(Path dir, Position position, long settings, StateBytes writer) throws IOException {
        Path file = dir.resolve(String.format("%s%020d%s", PREFIX, position.rows(), SUFFIX));
        Path partial = dir.resolve(file.getFileName() + PARTIAL);
        try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            CRC32C crc = new CRC32C();
            CountingStream counted = new CountingStream(new CheckedOutputStream(Channels.newOutputStream(channel), crc));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(counted, 1 << 16));
            out.writeInt(MAGIC);
            out.writeLong(settings);
            out.writeLong(position.rows());
            out.writeLong(position.bytes());
            out.writeInt(position.tail());
            out.flush();
            long stateStart = counted.count;
            writer.writeTo(out);
            out.flush();
            out.writeLong(counted.count - stateStart);
            out.flush();
            // the checksum covers everything written so far, the state's length included
            out.writeInt((int) crc.getValue());
            out.flush();
            channel.force(true);
        }
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(dir);
        List<Path> all = list(dir);
        for (Path old : all.subList(Math.min(KEEP, all.size()), all.size())) {
            Files.deleteIfExists(old);
        }
        return file;
    }

    /** The snapshot files, newest first; a partial file a crash left behind is deleted. */
    public static List<Path> list(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, PREFIX + "*")) {
            for (Path path : stream) {
                String name = path.getFileName().toString();
                if (name.endsWith(PARTIAL)) {
                    Files.deleteIfExists(path);
                } else if (name.endsWith(SUFFIX)) {
                    files.add(path);
                }
            }
        }
        files.sort((a, b) -> b.getFileName().toString().compareTo(a.getFileName().toString()));
        return files;
    }

    /**
     * Reads a snapshot file's header and trailer and checks that it was learnt with {@code settings}; its
     * checksum is checked as its state is read ({@link Snapshot#read}).
     *
     * @throws IOException naming what is wrong: unreadable, too short, of another format or of other settings
     */
    public static Snapshot read(Path file, long settings) throws IOException {
        long size = Files.size(file);
        if (size < HEADER + TRAILER) {
            throw new IOException(file.getFileName() + ": " + size + " bytes, too short for a snapshot (torn?)");
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        ByteBuffer trailer = ByteBuffer.allocate(TRAILER);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            readFully(channel, header, 0);
            readFully(channel, trailer, size - TRAILER);
        }
        if (header.getInt(0) != MAGIC) {
            throw new IOException(file.getFileName() + ": not a snapshot of this format");
        }
        header.position(4);
        if (header.getLong() != settings) {
            throw new IOException(file.getFileName() + ": learnt with other settings");
        }
        Position position = new Position(header.getLong(), header.getLong(), header.getInt());
        long length = trailer.getLong(0);
        if (length != size - HEADER - TRAILER) {
            throw new IOException(file.getFileName() + ": says " + length + " bytes of state, holds "
                    + (size - HEADER - TRAILER) + " (torn or damaged)");
        }
        return new Snapshot(file, position, length, trailer.getInt(8));
    }

    /** Deletes every snapshot: the rows they stand after are no longer the store's. */
    public static void deleteAll(Path dir) throws IOException {
        for (Path file : list(dir)) {
            Files.deleteIfExists(file);
        }
        forceDirectory(dir);
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long at) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, at + buffer.position()) < 0) {
                throw new IOException("snapshot shorter than its size (changed while read?)");
            }
        }
    }

    /** Counts the bytes that reach the stream underneath. */
    private static final class CountingStream extends FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }

    private static void forceDirectory(Path dir) throws IOException {
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException e) {
            if (!System.getProperty("os.name", "").startsWith("Windows")) {
                throw e;
            }
        }
    }
}
