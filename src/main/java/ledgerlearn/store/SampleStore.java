package ledgerlearn.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import ledgerlearn.csv.Csv;
import ledgerlearn.sample.Column;
import ledgerlearn.sample.Sample;
import ledgerlearn.sample.StoredSample;
import ledgerlearn.telemetry.Histogram;

/**
 * The append-only CSV of every accepted sample and its prediction, {@code samples.csv} in the data
 * directory: the source of truth that the model and metrics are rebuilt from on start. Beside it,
 * {@code samples.commit} marks where the last whole batch ends, and {@code ledgerlearn.lock} keeps a
 * second server out of the directory.
 */
public final class SampleStore implements Closeable {

    /** The store's file name inside the data directory. */
    public static final String FILE_NAME = "samples.csv";

    /** The header of the column that holds the prediction made before the sample was learnt. */
    static final String PREDICTED_HEADER = "PredictedAccountNumber";
    /** The header of the column that holds the probability the model gave that prediction. */
    static final String PROBABILITY_HEADER = "PredictedProbability";
    /** The file {@link #probe} writes to see whether the disk takes writes again. */
    static final String PROBE_NAME = "ledgerlearn.probe";
    private static final int PROBE_BYTES = 1 << 20;
    /** How many characters of rows {@link #append} encodes before it writes them. */
    private static final int WRITE_PIECE = 1 << 16;
    /** Where a store of the format before {@link #PROBABILITY_HEADER} is rewritten in the current one. */
    static final String REWRITE_NAME = "samples.csv.rewrite";

    private static final System.Logger LOG = System.getLogger("ledgerlearn.store");
    private static final String[] HEADER = header();
    /** The header of stores written before they kept the prediction's probability; such a store is rewritten on open. */
    private static final String[] HEADER_WITHOUT_PROBABILITY = Arrays.copyOf(HEADER, HEADER.length - 1);
    private static final byte[] HEADER_BYTES = encode(HEADER);

    private final Path file;
    private final FileChannel channel;
    private final CommitFile commits;
    private final Disk disk;
    /** The number of columns of the file's rows: those of {@link #HEADER}, or one fewer for a store of the old format. */
    private final int columns;
    private final DataDirLock lock;
    private final boolean fsync;
    /** Taken inside {@link #syncLock} where both are needed, never the other way round. */
    private final Object appendLock = new Object();
    private final Object syncLock = new Object();
    private final Histogram syncDurations = new Histogram();
    private volatile long rows;
    private volatile long length;
    private volatile long durable;
    /** The rows up to {@link #durable}. */
    private volatile long durableRows;
    /** Why the store refuses appends since a write or force failed, until {@link #resume}; {@code null} when it does not. */
    private volatile String failure;
    /** Whether that failure was of a force: then nothing written before it is trusted to a later force. */
    private volatile boolean forceFailed;
    private volatile boolean closed;
    /** The identities (device and inode) the store file and lock file had when opened; {@code null} where there are none. */
    private final Object fileKey;
    private final Object lockKey;

    private SampleStore(OpenFiles files, boolean fsync, long rows, long length) {
        this(files, fsync, rows, length, HEADER.length);
    }

    private SampleStore(OpenFiles files, boolean fsync, long rows, long length, int columns) {
        this.columns = columns;
        this.disk = files.disk;
        this.file = files.file;
        this.channel = files.channel;
        this.commits = files.commits;
        this.lock = files.lock;
        this.fsync = fsync;
        this.rows = rows;
        this.length = length;
        this.durable = length;
        this.durableRows = rows;
        this.fileKey = fileKey(files.file);
        this.lockKey = fileKey(files.file.resolveSibling(DataDirLock.FILE_NAME));
    }

    /** The open files of one store, passed around while it is opened. */
    private record OpenFiles(Path file, FileChannel channel, CommitFile commits, DataDirLock lock, Disk disk) {
    }

    /**
     * Opens (creating when absent) the store in {@code dataDir}, hands every stored row to
     * {@code replay} in store order, and cuts off what follows the last whole batch (a torn last
     * line, or the rows of a batch whose write a crash interrupted) with a log line.
     *
     * @param fsync whether {@link #sync} forces the file to disk (off only for throwaway runs)
     * @throws IOException also when another server holds the data directory
     */
    public static SampleStore open(Path dataDir, boolean fsync, Consumer<StoredSample> replay) throws IOException {
        return open(dataDir, fsync, replay, Disk.local());
    }

    /** As {@link #open(Path, boolean, Consumer)}, on {@code disk} (tests pass recording or failing channels). */
    public static SampleStore open(Path dataDir, boolean fsync, Consumer<StoredSample> replay, Disk disk) throws IOException {
        Files.createDirectories(dataDir);
        DataDirLock lock = DataDirLock.acquire(dataDir, disk);
        FileChannel channel = null;
        CommitFile commits = null;
        try {
            Path file = dataDir.resolve(FILE_NAME);
            channel = disk.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            // a rewrite that a crash interrupted: the store it was made from is still whole
            Files.deleteIfExists(dataDir.resolve(REWRITE_NAME));
            commits = CommitFile.open(dataDir, disk);
            OpenFiles files = new OpenFiles(file, channel, commits, lock, disk);
            SampleStore store = channel.size() == 0
                    ? create(files, fsync)
                    : replayExisting(files, fsync, replay);
            if (store.columns < HEADER.length) {
                // the old files are closed by then (closing them again on a failure is harmless)
                store = store.rewriteWithProbabilities(dataDir);
                channel = store.channel;
                commits = store.commits;
            }
            // from here on every open finds a commit record, even for a store written before they existed
            commits.write(store.length);
            if (fsync) {
                commits.force();
                if (commits.created()) {
                    forceDirectory(disk, dataDir);
                }
            }
            return store;
        } catch (IOException | RuntimeException e) {
            closeAfterFailure(e, channel, commits, lock);
            throw e;
        }
    }

    private static void closeAfterFailure(Exception failure, Closeable... opened) {
        for (Closeable closeable : opened) {
            if (closeable != null) {
                try {
                    closeable.close();
                } catch (IOException | RuntimeException e) {
                    failure.addSuppressed(e);
                }
            }
        }
    }

    private static SampleStore create(OpenFiles files, boolean fsync) throws IOException {
        writeFully(files.channel, ByteBuffer.wrap(HEADER_BYTES), 0);
        if (fsync) {
            files.channel.force(true);
            forceDirectory(files.disk, files.file.toAbsolutePath().getParent());
        }
        return new SampleStore(files, fsync, 0, HEADER_BYTES.length);
    }

    private static SampleStore replayExisting(OpenFiles files, boolean fsync, Consumer<StoredSample> replay)
            throws IOException {
        long size = files.channel.size();
        long committed = trustedCommit(files, size);
        Csv.Reader reader = new Csv.Reader(Channels.newInputStream(files.channel.position(0)));
        String[] header = reader.next();
        if (!reader.lastRecordTerminated()) {
            if (!isHeaderPrefix(files.channel, size)) {
                throw foreignHeader(files.file, header);
            }
            // a crash while the header was being written: the store holds no row yet
            logCut(files.file, 0, size, 0);
            files.channel.truncate(0);
            return create(files, fsync);
        }
        if (!Arrays.equals(header, HEADER) && !Arrays.equals(header, HEADER_WITHOUT_PROBABILITY)) {
            throw foreignHeader(files.file, header);
        }
        Replayed replayed = replayRows(files.file, reader, committed, header.length, replay);
        if (replayed.end() == size) {
            return new SampleStore(files, fsync, replayed.rows(), size, header.length);
        }
        // a torn last line, or the rows of a batch whose write never finished (counted for the log line)
        return cut(files, fsync, replayed.rows(), replayed.end(), size, completeRecords(reader), header.length);
    }

    /** The committed length where it can be trusted, else -1 (keep every complete row). */
    private static long trustedCommit(OpenFiles files, long size) throws IOException {
        long committed = files.commits.read();
        if (committed > size) {
            // the file was cut by something other than this store
            LOG.log(System.Logger.Level.WARNING, "store: " + CommitFile.FILE_NAME + " says " + committed
                    + " bytes but " + files.file.getFileName() + " has " + size + "; keeping every complete row");
            return -1;
        }
        return committed;
    }

    /** How far a replay got: the rows it replayed, and the byte offset just after the last of them. */
    private record Replayed(long rows, long end) {
    }

    /**
     * Replays the complete rows that follow the header, up to the committed length ({@code -1}: up to
     * the last complete row). Stops at that length, at the end of the file, or before a torn row.
     *
     * @throws IOException naming the row and its offset when a complete row has the wrong field count
     */
    private static Replayed replayRows(Path file, Csv.Reader reader, long committed, int columns,
                                       Consumer<StoredSample> replay) throws IOException {
        long commit = committed;
        long rows = 0;
        long end = reader.recordEnd();
        String[] fields;
        while (end != commit && (fields = reader.next()) != null && reader.lastRecordTerminated()) {
            if (end < commit && commit < reader.recordEnd()) {
                LOG.log(System.Logger.Level.WARNING, "store: " + CommitFile.FILE_NAME + " says " + commit
                        + " bytes, inside the row at byte " + end + "; keeping every complete row");
                commit = -1;
            }
            if (fields.length != columns) {
                throw new IOException(file + ": row " + (rows + 1) + " at byte " + end + " has "
                        + fields.length + " fields, expected " + columns
                        + "; the file is corrupt (not a torn last line), so it was left as it is");
            }
            replay.accept(row(file, rows + 1, fields));
            rows++;
            end = reader.recordEnd();
        }
        return new Replayed(rows, end);
    }

    /** A stored row from its fields, in either format. */
    private static StoredSample row(Path file, long number, String[] fields) throws IOException {
        Double probability = null;
        if (fields.length > Column.ALL.size() + 1 && !fields[Column.ALL.size() + 1].isEmpty()) {
            try {
                probability = Double.valueOf(fields[Column.ALL.size() + 1]);
            } catch (NumberFormatException e) {
                throw new IOException(file + ": row " + number + ": " + PROBABILITY_HEADER + " is not a number: \""
                        + fields[Column.ALL.size() + 1] + "\"; the file is corrupt, so it was left as it is");
            }
        }
        try {
            return new StoredSample(Sample.ofValues(Arrays.copyOf(fields, Column.ALL.size())), fields[Column.ALL.size()],
                    probability);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": row " + number + ": " + e.getMessage() + "; the file is corrupt, so it was left as it is");
        }
    }

    /** Cuts the file at {@code at}: what follows is a torn line or rows of a batch never committed. */
    private static SampleStore cut(OpenFiles files, boolean fsync, long rows, long at, long size, int completeRows,
                                   int columns) throws IOException {
        logCut(files.file, at, size, completeRows);
        files.channel.truncate(at);
        if (fsync) {
            files.channel.force(true);
        }
        return new SampleStore(files, fsync, rows, at, columns);
    }

    /**
     * Rewrites a store of the old format (no {@link #PROBABILITY_HEADER}) in the current one, every row with
     * an empty probability, and returns the store on the new file; this store is closed but for its lock.
     * Crash-safe: the new file is made whole and durable beside the old one, the commit record is removed
     * (a store without one keeps every complete row, and every row of this one is committed), and only then
     * does a rename put the new file in the old one's place; an interrupted rewrite leaves the old store.
     */
    private SampleStore rewriteWithProbabilities(Path dataDir) throws IOException {
        Path rewrite = dataDir.resolve(REWRITE_NAME);
        long rowsWritten = 0;
        long newLength;
        try (FileChannel out = disk.open(rewrite, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            Csv.Reader reader = new Csv.Reader(Channels.newInputStream(channel.position(0)));
            reader.next();
            long at = 0;
            at += writeFully(out, ByteBuffer.wrap(HEADER_BYTES), at);
            StringBuilder text = new StringBuilder(1 << 16);
            String[] fields;
            while (reader.recordEnd() < length && (fields = reader.next()) != null) {
                String[] withProbability = Arrays.copyOf(fields, HEADER.length);
                withProbability[HEADER.length - 1] = "";
                Csv.appendRecord(text, withProbability);
                rowsWritten++;
                if (text.length() > 1 << 15) {
                    at += writeFully(out, ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)), at);
                    text.setLength(0);
                }
            }
            at += writeFully(out, ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)), at);
            out.force(true);
            newLength = at;
        }
        if (rowsWritten != rows) {
            throw new IOException(file + ": rewrote " + rowsWritten + " rows of " + rows + "; left the store as it was");
        }
        commits.close();
        channel.close();
        Files.deleteIfExists(dataDir.resolve(CommitFile.FILE_NAME));
        forceDirectory(disk, dataDir);
        Files.move(rewrite, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        forceDirectory(disk, dataDir);
        FileChannel newChannel = disk.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        CommitFile newCommits = CommitFile.open(dataDir, disk);
        LOG.log(System.Logger.Level.INFO, "store: rewrote " + rows + " rows of " + file.getFileName()
                + " with the new column " + PROBABILITY_HEADER + " (empty for rows stored before it)");
        return new SampleStore(new OpenFiles(file, newChannel, newCommits, lock, disk), fsync, rows, newLength);
    }

    private static int completeRecords(Csv.Reader reader) throws IOException {
        int complete = 0;
        while (reader.next() != null && reader.lastRecordTerminated()) {
            complete++;
        }
        return complete;
    }

    /**
     * Writes the rows at the end of the file and then moves the commit record past them (neither yet
     * durable); returns the file's length after them.
     */
    public long append(List<StoredSample> rows) throws IOException {
        synchronized (appendLock) {
            if (closed) {
                throw new IllegalStateException("store is closed");
            }
            if (failure != null) {
                throw new IOException("store refuses appends since a failure: " + failure);
            }
            if (rows.isEmpty()) {
                return length;
            }
            long start = length;
            long at = start;
            try {
                // encoded and written a piece at a time: a large batch never has a second copy as one text
                StringBuilder text = new StringBuilder(Math.min(rows.size() * 160, WRITE_PIECE + 4096));
                String[] fields = new String[HEADER.length];
                for (StoredSample row : rows) {
                    for (Column column : Column.ALL) {
                        fields[column.ordinal()] = row.sample().value(column);
                    }
                    fields[Column.ALL.size()] = row.predicted();
                    // Double.toString gives back the very same double when parsed: a replay sees what was decided
                    fields[Column.ALL.size() + 1] = row.probability() == null ? "" : row.probability().toString();
                    Csv.appendRecord(text, fields);
                    if (text.length() >= WRITE_PIECE) {
                        at += writeFully(channel, ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)), at);
                        text.setLength(0);
                    }
                }
                at += writeFully(channel, ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)), at);
                commits.write(at);
            } catch (IOException | RuntimeException e) {
                // What reached the disk is unknown: cut it off so a refused batch leaves no row
                // behind, and refuse more appends until a resume, since the file may still hold part of it.
                failure = "write failed: " + e.getMessage();
                try {
                    channel.truncate(start);
                } catch (IOException | RuntimeException truncateFailure) {
                    e.addSuppressed(truncateFailure);
                }
                throw e;
            }
            length = at;
            this.rows += rows.size();
            return length;
        }
    }

    /**
     * Makes everything up to {@code length} durable. Concurrent callers share one fsync (group
     * commit): a caller whose bytes another caller's fsync already covered returns at once.
     */
    public void sync(long length) throws IOException {
        if (isDurable(length)) {
            return;
        }
        synchronized (syncLock) {
            // a force that started after this caller's write, while it waited here, covered it
            if (isDurable(length)) {
                return;
            }
            if (length > this.length) {
                throw new IOException("store cut its unacknowledged batches after a failure: " + failure);
            }
            if (forceFailed) {
                // after a failed force the kernel may have dropped what it could not write and report the
                // next force clean: bytes written before such a failure are never trusted to a later force
                throw new IOException("store refuses appends since a failure: " + failure);
            }
            long written;
            long writtenRows;
            synchronized (appendLock) {
                written = this.length;
                writtenRows = this.rows;
            }
            long started = System.nanoTime();
            try {
                channel.force(false);
                // after the data, so that a record on disk never claims more than is there
                commits.force();
            } catch (IOException | RuntimeException e) {
                failure = "fsync failed: " + e.getMessage();
                forceFailed = true;
                throw e;
            }
            syncDurations.observe(System.nanoTime() - started);
            durableRows = writtenRows;
            durable = written;
        }
    }

    /** Whether everything up to {@code length} survives a crash already (always, without fsync). */
    public boolean isDurable(long length) {
        return !fsync || durable >= length;
    }

    /** Why the store refuses appends since a write or force failed; {@code null} while it takes them. */
    public String failure() {
        return failure;
    }

    /**
     * After a failed force: cuts the file back to what was made durable (every batch after it was refused,
     * or is about to be, as its {@link #sync} fails) and records that length as committed. After a failed
     * write there is nothing to cut: the write cut its own batch. The store still refuses appends until
     * {@link #resume}.
     */
    public void cutToDurable() throws IOException {
        synchronized (syncLock) {
            synchronized (appendLock) {
                long keep = forceFailed ? durable : length;
                if (keep < length) {
                    LOG.log(System.Logger.Level.WARNING, "store: cut " + (length - keep) + " bytes of unacknowledged"
                            + " batches after a failure, back to byte " + keep + " of " + file.getFileName());
                    channel.truncate(keep);
                    length = keep;
                    rows = durableRows;
                }
                commits.write(length);
            }
        }
    }

    /**
     * Whether the disk takes writes again: writes and forces a probe file beside the store, then deletes it.
     * It is as large as a big batch, so a disk with a few bytes free does not pass for a healthy one.
     */
    public void probe() throws IOException {
        Path probe = file.resolveSibling(PROBE_NAME);
        try (FileChannel out = disk.open(probe, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(out, ByteBuffer.allocate(PROBE_BYTES), 0);
            out.force(true);
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    /** Takes appends again after a failure, once {@link #cutToDurable} and a {@link #probe} succeeded. */
    public void resume() throws IOException {
        synchronized (syncLock) {
            synchronized (appendLock) {
                if (forceFailed && length != durable) {
                    throw new IllegalStateException("resume before cutToDurable");
                }
                commits.write(length);
                if (fsync) {
                    channel.force(false);
                    commits.force();
                    durable = length;
                    durableRows = rows;
                }
                forceFailed = false;
                failure = null;
            }
        }
    }

    /**
     * Checks that the store file and the lock file on the data dir's path are still the ones this store
     * opened. Deleting the data dir (or moving another in its place) leaves the store appending to a file
     * nobody can find, unlocked, so a second server could open the path and take over the store.
     *
     * @throws DataDirLostException naming the file that is gone or replaced
     */
    public void checkIdentity() throws DataDirLostException {
        checkIdentity(file, fileKey);
        checkIdentity(file.resolveSibling(DataDirLock.FILE_NAME), lockKey);
    }

    private static void checkIdentity(Path path, Object key) throws DataDirLostException {
        if (key == null) {
            return;
        }
        Object now;
        try {
            now = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            throw new DataDirLostException(path + " is gone");
        }
        if (!key.equals(now)) {
            throw new DataDirLostException(path + " is another file than the one this server opened");
        }
    }

    /** A file's identity (device and inode on Unix), or {@code null} where the file system has none. */
    private static Object fileKey(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Hands every row the store holds to {@code replay}, in store order: what a learner rebuilds its model
     * from after a failure. Call it with no append in progress.
     */
    public void replay(Consumer<StoredSample> replay) throws IOException {
        synchronized (appendLock) {
            Csv.Reader reader = new Csv.Reader(Channels.newInputStream(channel.position(0)));
            reader.next();
            Replayed replayed = replayRows(file, reader, length, columns, replay);
            if (replayed.rows() != rows) {
                throw new IOException(file + ": replayed " + replayed.rows() + " rows, the store holds " + rows);
            }
        }
    }

    /** The number of rows stored. */
    public long rows() {
        return rows;
    }

    /** The file's length in bytes. */
    public long bytes() {
        return length;
    }

    /** How long each group-commit fsync of {@link #sync} took; empty when fsync is off. */
    public Histogram.Snapshot syncDurations() {
        return syncDurations.snapshot();
    }

    /** The store's file. */
    public Path file() {
        return file;
    }

    /** The length known to be on disk: everything before it survives a crash (all of it without fsync). */
    long durableBytes() {
        return fsync ? durable : length;
    }

    @Override
    public void close() throws IOException {
        synchronized (appendLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        synchronized (syncLock) {
            try {
                // after a failed force, a later one proves nothing: it is not tried
                if (fsync && channel.isOpen() && !forceFailed) {
                    channel.force(false);
                    commits.force();
                    durable = length;
                }
            } finally {
                try (DataDirLock unlock = lock; CommitFile c = commits; FileChannel f = channel) {
                    // closes the store's files and lets another server have the directory
                }
            }
        }
    }

    /** Writes every byte at {@code position}; returns how many. */
    private static long writeFully(FileChannel channel, ByteBuffer bytes, long position) throws IOException {
        long at = position;
        while (bytes.hasRemaining()) {
            at += channel.write(bytes, at);
        }
        return at - position;
    }

    /** Makes the new file's directory entry durable, so a crash cannot lose the file itself. */
    private static void forceDirectory(Disk disk, Path dir) throws IOException {
        try (FileChannel directory = disk.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException e) {
            // Windows cannot open a directory this way; there the file's own fsync is all there is
            if (!System.getProperty("os.name", "").startsWith("Windows")) {
                throw e;
            }
        }
    }

    /**
     * Whether the file, shorter than the header, holds the header's first bytes: a header whose write a
     * crash cut. Anything else, a short read included, is not, and the store refuses the file rather
     * than overwrite it.
     */
    private static boolean isHeaderPrefix(FileChannel channel, long size) throws IOException {
        if (size >= HEADER_BYTES.length) {
            return false;
        }
        ByteBuffer start = ByteBuffer.allocate((int) size);
        channel.read(start, 0);
        return !start.hasRemaining() && Arrays.equals(start.array(), 0, (int) size, HEADER_BYTES, 0, (int) size);
    }

    private static void logCut(Path file, long at, long size, int completeRows) {
        String what = completeRows == 0 ? "torn last line"
                : "unfinished batch (" + completeRows + " complete rows, never acknowledged)";
        LOG.log(System.Logger.Level.WARNING, "store: cut " + what + " at byte " + at + " of "
                + file.getFileName() + " (" + (size - at) + " bytes)");
    }

    private static IOException foreignHeader(Path file, String[] header) {
        String found = String.join(",", header);
        if (found.length() > 200) {
            found = found.substring(0, 200) + "...";
        }
        return new IOException(file + ": not a sample store: expected the header \""
                + new String(HEADER_BYTES, 0, HEADER_BYTES.length - 1, StandardCharsets.UTF_8)
                + "\", got \"" + found + "\"; refusing to overwrite it");
    }

    private static String[] header() {
        String[] header = new String[Column.ALL.size() + 2];
        for (Column column : Column.ALL) {
            header[column.ordinal()] = column.header();
        }
        header[Column.ALL.size()] = PREDICTED_HEADER;
        header[Column.ALL.size() + 1] = PROBABILITY_HEADER;
        return header;
    }

    private static byte[] encode(String[] fields) {
        StringBuilder line = new StringBuilder();
        Csv.appendRecord(line, fields);
        return line.toString().getBytes(StandardCharsets.UTF_8);
    }
}
