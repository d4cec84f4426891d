package ledgerlearn.store;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import ledgerlearn.csv.Csv;
import ledgerlearn.sample.Column;
import ledgerlearn.sample.Sample;
import ledgerlearn.sample.StoredSample;
import ledgerlearn.snapshot.SnapshotFiles;
import ledgerlearn.telemetry.Histogram;

/**
 * The append-only CSV of every accepted sample and its prediction, {@code samples.csv} in the data
 * directory: the source of truth that the model and metrics are rebuilt from on start. Beside it,
 * {@code samples.commit} marks where the last whole batch ends, {@code batch-keys.csv} holds the idempotency
 * keys of the batches that came with one, and {@code ledgerlearn.lock} keeps a second server out of the
 * directory. Rows are only appended, except by a {@link #rewrite}, which replaces the whole file crash-safely.
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
    /** Where a {@link #rewrite} writes the new store until a rename puts it in the old one's place. */
    static final String REWRITE_NAME = "samples.csv.rewrite";

    private static final System.Logger LOG = System.getLogger("ledgerlearn.store");
    private static final String[] HEADER = header();
    /** The header of stores written before they kept the prediction's probability; such a store is rewritten on open. */
    private static final String[] HEADER_WITHOUT_PROBABILITY = Arrays.copyOf(HEADER, HEADER.length - 1);
    private static final byte[] HEADER_BYTES = encode(HEADER);

    private final Path dataDir;
    private final Path file;
    // The open files: replaced by a rewrite, which holds both locks, so appends and syncs see one set or the other.
    private FileChannel channel;
    private CommitFile commits;
    private KeyLog keyLog;
    private final Disk disk;
    /** The number of columns of the file's rows: those of {@link #HEADER}, or one fewer for a store of the old format. */
    private int columns;
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
    /** Whether a rewrite failed while it swapped the files: the store refuses appends until a restart replays it. */
    private volatile boolean failed;
    private volatile boolean closed;
    /**
     * The identities (device and inode) the store file (as opened, or as a rewrite renamed it into place) and
     * the lock file have; {@code null} where there are none.
     */
    private volatile Object fileKey;
    private final Object lockKey;

    private SampleStore(OpenFiles files, boolean fsync, long rows, long length) {
        this(files, fsync, rows, length, HEADER.length);
    }

    private SampleStore(OpenFiles files, boolean fsync, long rows, long length, int columns) {
        this.columns = columns;
        this.disk = files.disk;
        this.file = files.file;
        this.dataDir = files.file.toAbsolutePath().getParent();
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
        return open(dataDir, fsync, null, replay, Disk.local());
    }

    /**
     * As {@link #open(Path, boolean, Consumer)}, but hands {@code replay} only the rows after {@code resumeAt}
     * (a snapshot's position, {@code null}: none), which must be the store's: this many rows, ending at that
     * byte, whose last bytes have that checksum (see {@link #matches}).
     *
     * @throws IOException also when the store does not hold the rows of {@code resumeAt}
     */
    public static SampleStore open(Path dataDir, boolean fsync, SnapshotFiles.Position resumeAt,
                                   Consumer<StoredSample> replay) throws IOException {
        return open(dataDir, fsync, resumeAt, replay, Disk.local());
    }

    /** As {@link #open(Path, boolean, Consumer)}, on {@code disk} (tests pass recording or failing channels). */
    public static SampleStore open(Path dataDir, boolean fsync, Consumer<StoredSample> replay, Disk disk) throws IOException {
        return open(dataDir, fsync, null, replay, disk);
    }

    /** As {@link #open(Path, boolean, SnapshotFiles.Position, Consumer)}, on {@code disk}. */
    public static SampleStore open(Path dataDir, boolean fsync, SnapshotFiles.Position resumeAt,
                                   Consumer<StoredSample> replay, Disk disk) throws IOException {
        return open(DataDirLock.acquire(dataDir, disk), dataDir, fsync, resumeAt, replay, disk);
    }

    /**
     * As {@link #open(Path, boolean, SnapshotFiles.Position, Consumer)}, on {@code disk}, under {@code lock}, the
     * data dir's lock taken before: the store holds it from here on, and releases it when it closes or fails to open.
     */
    public static SampleStore open(DataDirLock lock, Path dataDir, boolean fsync, SnapshotFiles.Position resumeAt,
                                   Consumer<StoredSample> replay, Disk disk) throws IOException {
        FileChannel channel = null;
        CommitFile commits = null;
        KeyLog keyLog = null;
        try {
            Path file = dataDir.resolve(FILE_NAME);
            finishOrUndoRewrite(dataDir, disk);
            channel = disk.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            commits = CommitFile.open(dataDir, disk);
            OpenFiles files = new OpenFiles(file, channel, commits, lock, disk);
            if (resumeAt != null && !matches(channel, resumeAt)) {
                throw new IOException(file + " does not hold the " + resumeAt.rows() + " rows of the snapshot");
            }
            SampleStore store = channel.size() == 0
                    ? create(files, fsync)
                    : replayExisting(files, fsync, resumeAt, replay);
            keyLog = KeyLog.open(dataDir, disk, store.rows);
            store.keyLog = keyLog;
            if (store.columns < HEADER.length) {
                store.rewrite(UnaryOperator.identity());
                LOG.log(System.Logger.Level.INFO, "store: rewrote " + store.rows + " rows of " + FILE_NAME
                        + " with the new column " + PROBABILITY_HEADER + " (empty for rows stored before it)");
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
        } catch (IOException | RuntimeException | Error e) {
            // an OutOfMemoryError replaying into a learner too large for the heap included: the dir is let go
            closeAfterFailure(e, channel, commits, keyLog, lock);
            throw e;
        }
    }

    /**
     * Settles a {@link #rewrite} that a crash interrupted. Before the store's rename, the old store and key log
     * are whole: the new files are deleted. After it, the key log's rename is all that is left to do.
     */
    private static void finishOrUndoRewrite(Path dataDir, Disk disk) throws IOException {
        Path keysRewrite = dataDir.resolve(KeyLog.REWRITE_NAME);
        if (Files.exists(dataDir.resolve(REWRITE_NAME))) {
            Files.deleteIfExists(keysRewrite);
            Files.delete(dataDir.resolve(REWRITE_NAME));
            LOG.log(System.Logger.Level.WARNING, "store: a rewrite of " + FILE_NAME
                    + " was interrupted before its rename; kept the store as it was");
        } else if (Files.exists(keysRewrite)) {
            Files.move(keysRewrite, dataDir.resolve(KeyLog.FILE_NAME), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            forceDirectory(disk, dataDir);
            LOG.log(System.Logger.Level.WARNING, "store: a rewrite of " + FILE_NAME
                    + " was interrupted after its rename; put its key log in place");
        }
    }

    private static void closeAfterFailure(Throwable failure, Closeable... opened) {
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

    private static SampleStore replayExisting(OpenFiles files, boolean fsync, SnapshotFiles.Position resumeAt,
                                              Consumer<StoredSample> replay) throws IOException {
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
        if (resumeAt != null && resumeAt.bytes() > reader.recordEnd()) {
            reader = new Csv.Reader(Channels.newInputStream(files.channel.position(resumeAt.bytes())));
        }
        long base = resumeAt == null || resumeAt.bytes() <= HEADER_BYTES.length ? 0 : resumeAt.bytes();
        long rowsBefore = base == 0 ? 0 : resumeAt.rows();
        Replayed replayed = replayRows(files.file, reader, base, rowsBefore, committed, header.length, replay);
        if (replayed.end() == size) {
            return new SampleStore(files, fsync, replayed.rows(), size, header.length);
        }
        if (replayed.end() < committed) {
            // a stray quote or a damaged block makes the rows after it look like one unfinished row: cutting
            // there would drop rows that were acknowledged
            throw new IOException(files.file + ": row " + (replayed.rows() + 1) + " at byte " + replayed.end()
                    + " is not a whole row, but " + CommitFile.FILE_NAME + " says the rows up to byte " + committed
                    + " were committed; the file is corrupt (not a torn last line), so it was left as it is");
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
    private static Replayed replayRows(Path file, Csv.Reader reader, long base, long rowsBefore, long committed,
                                       int columns, Consumer<StoredSample> replay) throws IOException {
        long commit = committed;
        long rows = rowsBefore;
        long end = base + reader.recordEnd();
        String[] fields;
        while (end != commit && (fields = reader.next()) != null && reader.lastRecordTerminated()) {
            if (end < commit && commit < base + reader.recordEnd()) {
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
            end = base + reader.recordEnd();
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

    /** How many bytes before a position {@link #tailChecksum} covers. */
    private static final int TAIL = 4096;

    /**
     * Whether the store file of {@code dataDir} holds the rows of {@code position}: at least its bytes, ending
     * with its tail checksum. Rows are only ever appended (or cut back to a committed length, which a snapshot's
     * position never lies beyond), so that is enough; a store rewritten deletes its snapshots.
     */
    public static boolean matches(Path dataDir, SnapshotFiles.Position position) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return matches(channel, position);
        }
    }

    private static boolean matches(FileChannel channel, SnapshotFiles.Position position) throws IOException {
        return position.bytes() <= channel.size() && position.bytes() >= HEADER_BYTES.length
                && tailChecksum(channel, position.bytes()) == position.tail();
    }

    /** The CRC-32C of the {@value #TAIL} bytes (fewer at the start) before byte {@code end} of the file. */
    private static int tailChecksum(FileChannel channel, long end) throws IOException {
        int length = (int) Math.min(TAIL, end);
        ByteBuffer tail = ByteBuffer.allocate(length);
        while (tail.hasRemaining()) {
            if (channel.read(tail, end - length + tail.position()) < 0) {
                throw new IOException("store file shorter than " + end + " bytes");
            }
        }
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(tail.flip());
        return (int) crc.getValue();
    }

    /** Where the store stands now: its rows, its length, and the checksum of its last bytes. */
    public SnapshotFiles.Position position() throws IOException {
        synchronized (appendLock) {
            return new SnapshotFiles.Position(rows, length, tailChecksum(channel, length));
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

    /** What a {@link #rewrite} did: the rows it kept and the rows it dropped. */
    public record Rewritten(long rows, long dropped) {
    }

    /**
     * Rewrites the store row by row: each committed row, in store order, goes through {@code edit}, which returns
     * the row to store in its place (itself or another) or {@code null} to drop it. The idempotency keys move
     * with their batches' rows; the keys of batches that keep no row are dropped. Every snapshot is deleted,
     * since the rows they stand after are no longer the store's. Appends wait meanwhile; syncs go on.
     *
     * <p>Crash-safe: the new store and key log are written beside the old ones and forced to disk; then the
     * commit record and the snapshots are deleted (a store without a commit record keeps every complete row,
     * and every row of both files is committed), a rename puts the new store in the old one's place, and
     * another the new key log. A crash before the store's rename leaves the old store and key log whole, and
     * the next open deletes the new files; a crash after it leaves the new store, and the next open finishes
     * the key log's rename. The old file's bytes are no longer in the data directory once this returns.
     *
     * @throws IOException when the rewrite failed: before the rename the store is as it was and still open;
     *     after it (a failing disk) the store refuses appends until a restart
     */
    public Rewritten rewrite(UnaryOperator<StoredSample> edit) throws IOException {
        synchronized (appendLock) {
            if (closed || failed) {
                throw new IllegalStateException(closed ? "store is closed" : "store is failed; restart to replay");
            }
            if (failure != null) {
                throw new IOException("store refuses a rewrite since a failure: " + failure);
            }
            Path rewrite = dataDir.resolve(REWRITE_NAME);
            Path keysRewrite = dataDir.resolve(KeyLog.REWRITE_NAME);
            List<BatchKey> keys = keyLog.keys();
            Copied copied;
            List<BatchKey> moved;
            try {
                long[] boundaries = boundaries(keys);
                long[] movedTo = new long[boundaries.length];
                copied = copyRows(rewrite, edit, boundaries, movedTo);
                if (copied.read() != rows) {
                    throw new IOException(file + ": rewrote " + copied.read() + " rows of " + rows
                            + "; left the store as it was");
                }
                moved = moved(keys, boundaries, movedTo);
                if (!keys.isEmpty()) {
                    KeyLog.write(disk, keysRewrite, moved);
                }
                forceDirectory(disk, dataDir);
            } catch (IOException | RuntimeException | OutOfMemoryError e) {
                // the rewriter ran out of heap (a deletion's second state): the store stays as it was
                deleteAfterFailure(e, keysRewrite, rewrite);
                throw e;
            }
            synchronized (syncLock) {
                swap(rewrite, keys.isEmpty() ? null : keysRewrite, copied, moved.size());
            }
            return new Rewritten(copied.rows(), copied.read() - copied.rows());
        }
    }

    /** How far a copy got: the rows it kept, the rows it read, the new file's length. */
    private record Copied(long rows, long read, long length) {
    }

    /**
     * Writes the rows {@code edit} keeps to {@code rewrite}, forced to disk; on the way, notes in {@code movedTo}
     * how many rows were kept before each old row count in {@code boundaries} (sorted).
     */
    private Copied copyRows(Path rewrite, UnaryOperator<StoredSample> edit, long[] boundaries, long[] movedTo)
            throws IOException {
        Files.deleteIfExists(rewrite);
        long read = 0;
        long kept = 0;
        int boundary = 0;
        try (FileChannel in = disk.open(file, StandardOpenOption.READ);
             FileChannel out = disk.open(rewrite, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            Csv.Reader reader = new Csv.Reader(Channels.newInputStream(in));
            reader.next();
            long at = writeFully(out, ByteBuffer.wrap(HEADER_BYTES), 0);
            StringBuilder text = new StringBuilder(1 << 16);
            String[] row = new String[HEADER.length];
            String[] fields;
            while (reader.recordEnd() < length && (fields = reader.next()) != null) {
                while (boundary < boundaries.length && boundaries[boundary] == read) {
                    movedTo[boundary++] = kept;
                }
                StoredSample edited = edit.apply(row(file, read + 1, fields));
                read++;
                if (edited != null) {
                    Csv.appendRecord(text, fields(edited, row));
                    kept++;
                    if (text.length() > 1 << 15) {
                        at += writeFully(out, ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)), at);
                        text.setLength(0);
                    }
                }
            }
            while (boundary < boundaries.length) {
                movedTo[boundary++] = kept;
            }
            at += writeFully(out, ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)), at);
            out.force(true);
            return new Copied(kept, read, at);
        }
    }

    /** Every row count where a key's rows start or end, sorted, each once. */
    private static long[] boundaries(List<BatchKey> keys) {
        long[] all = new long[keys.size() * 2];
        for (int i = 0; i < keys.size(); i++) {
            all[2 * i] = keys.get(i).from();
            all[2 * i + 1] = keys.get(i).to();
        }
        return Arrays.stream(all).sorted().distinct().toArray();
    }

    /** The keys at their rows' new places; a key none of whose rows was kept is dropped. */
    private static List<BatchKey> moved(List<BatchKey> keys, long[] boundaries, long[] movedTo) {
        List<BatchKey> moved = new ArrayList<>(keys.size());
        for (BatchKey key : keys) {
            long from = movedTo[Arrays.binarySearch(boundaries, key.from())];
            long to = movedTo[Arrays.binarySearch(boundaries, key.to())];
            if (to > from) {
                moved.add(key.movedTo(from, to));
            }
        }
        return moved;
    }

    /** Puts the new files in the old ones' places (see {@link #rewrite}); a failure here fails the store. */
    private void swap(Path rewrite, Path keysRewrite, Copied copied, int keys) throws IOException {
        try {
            commits.close();
            channel.close();
            Files.deleteIfExists(dataDir.resolve(CommitFile.FILE_NAME));
            // the rows keep their order but not their byte offsets: no snapshot may point into the new file
            SnapshotFiles.deleteAll(dataDir);
            Files.move(rewrite, file, StandardCopyOption.ATOMIC_MOVE);
            forceDirectory(disk, dataDir);
            if (keysRewrite != null) {
                keyLog.close();
                Files.move(keysRewrite, dataDir.resolve(KeyLog.FILE_NAME), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
                forceDirectory(disk, dataDir);
                keyLog.reopen(keys);
            }
            channel = disk.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            commits = CommitFile.open(dataDir, disk);
            commits.write(copied.length());
            if (fsync) {
                commits.force();
                forceDirectory(disk, dataDir);
            }
        } catch (IOException | RuntimeException e) {
            failed = true;
            throw e;
        }
        rows = copied.rows();
        length = copied.length();
        durable = copied.length();
        durableRows = copied.rows();
        columns = HEADER.length;
        fileKey = fileKey(file);
    }

    private static void deleteAfterFailure(Throwable failure, Path... files) {
        for (Path path : files) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException | RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
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
        return append(rows, null);
    }

    /**
     * As {@link #append(List)}, for a batch that came with an idempotency key: the key's line is written first
     * (see {@link KeyLog}), and forced by the same {@link #sync}.
     *
     * @param key the batch's key, naming rows {@code rows() + 1} to {@code rows() + rows.size()}; {@code null}: none
     */
    public long append(List<StoredSample> rows, BatchKey key) throws IOException {
        synchronized (appendLock) {
            if (closed) {
                throw new IllegalStateException("store is closed");
            }
            if (failed) {
                throw new IllegalStateException("store is failed; restart to replay");
            }
            if (failure != null) {
                throw new IOException("store refuses appends since a failure: " + failure);
            }
            if (rows.isEmpty()) {
                return length;
            }
            if (key != null) {
                if (key.from() != this.rows || key.to() != this.rows + rows.size()) {
                    throw new IllegalArgumentException("key names rows " + key.from() + ".." + key.to()
                            + ", the batch is rows " + this.rows + ".." + (this.rows + rows.size()));
                }
                try {
                    keyLog.append(key);
                } catch (IOException | RuntimeException e) {
                    // the key log cut its own line; appends are refused until a resume all the same
                    failure = "key log write failed: " + e.getMessage();
                    throw e;
                }
            }
            long start = length;
            long at = start;
            try {
                // encoded and written a piece at a time: a large batch never has a second copy as one text
                StringBuilder text = new StringBuilder(Math.min(rows.size() * 160, WRITE_PIECE + 4096));
                String[] fields = new String[HEADER.length];
                for (StoredSample row : rows) {
                    Csv.appendRecord(text, fields(row, fields));
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

    /** The store's fields of {@code row}, in {@code fields} (which it returns). */
    private static String[] fields(StoredSample row, String[] fields) {
        for (Column column : Column.ALL) {
            fields[column.ordinal()] = row.sample().value(column);
        }
        fields[Column.ALL.size()] = row.predicted();
        // Double.toString gives back the very same double when parsed: a replay sees what was decided
        fields[Column.ALL.size() + 1] = row.probability() == null ? "" : row.probability().toString();
        return fields;
    }

    /**
     * Writes the header and the committed rows that {@code which} picks, each as {@code shown} makes it, in store
     * order, as CSV to {@code out}, every cell made {@link Csv#formulaSafe}, so a spreadsheet shows them as text. It reads the rows that were
     * stored when it began; appends and a rewrite meanwhile do not disturb it, nor wait for it. Returns how many
     * rows it wrote.
     */
    public long export(Predicate<Sample> which, UnaryOperator<StoredSample> shown, OutputStream out) throws IOException {
        FileChannel in;
        long end;
        // the sync lock, not the append lock: a rewrite holds the latter while it copies, and swaps the files
        // only under both, so the file opened here and the length read here are one file's
        synchronized (syncLock) {
            if (closed) {
                throw new IllegalStateException("store is closed");
            }
            in = disk.open(file, StandardOpenOption.READ);
            end = length;
        }
        long written = 0;
        try (in) {
            Csv.Reader reader = new Csv.Reader(Channels.newInputStream(in));
            reader.next();
            StringBuilder text = new StringBuilder(1 << 16).append(new String(HEADER_BYTES, StandardCharsets.UTF_8));
            String[] row = new String[HEADER.length];
            String[] fields;
            long number = 0;
            while (reader.recordEnd() < end && (fields = reader.next()) != null) {
                StoredSample stored = row(file, ++number, fields);
                if (which.test(stored.sample())) {
                    fields(shown.apply(stored), row);
                    for (int i = 0; i < row.length; i++) {
                        row[i] = Csv.formulaSafe(row[i]);
                    }
                    Csv.appendRecord(text, row);
                    written++;
                    if (text.length() > 1 << 15) {
                        out.write(text.toString().getBytes(StandardCharsets.UTF_8));
                        text.setLength(0);
                    }
                }
            }
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        }
        return written;
    }

    /** The idempotency keys of the stored batches that came with one, in store order. */
    public List<BatchKey> keys() throws IOException {
        synchronized (appendLock) {
            return keyLog.keys();
        }
    }

    /** How many idempotency keys the key log holds. */
    public int keyCount() {
        synchronized (appendLock) {
            return keyLog.count();
        }
    }

    /**
     * Keeps only {@code keep} in the key log (the newest keys, in store order), so that it does not grow for ever;
     * crash-safe (see {@link KeyLog#compact}).
     */
    public void compactKeys(List<BatchKey> keep) throws IOException {
        synchronized (appendLock) {
            synchronized (syncLock) {
                keyLog.compact(keep);
            }
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
                keyLog.force();
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
                // a key whose batch was cut (or never written) would answer a retry of that batch as stored
                keyLog.cutTo(rows);
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
                    keyLog.force();
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
            Replayed replayed = replayRows(file, reader, 0, 0, length, columns, replay);
            if (replayed.rows() != rows) {
                throw new IOException(file + ": replayed " + replayed.rows() + " rows, the store holds " + rows);
            }
        }
    }

    /** Whether a rewrite failed while it swapped the files: the store refuses appends until a restart replays it. */
    public boolean isFailed() {
        return failed;
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
                    keyLog.force();
                    commits.force();
                    durable = length;
                }
            } finally {
                try (DataDirLock unlock = lock; CommitFile c = commits; FileChannel f = channel; KeyLog k = keyLog) {
                    // closes the store's files and lets another server have the directory
                }
            }
        }
    }

    /** Writes every byte at {@code position}; returns how many. */
    static long writeFully(FileChannel channel, ByteBuffer bytes, long position) throws IOException {
        long at = position;
        while (bytes.hasRemaining()) {
            at += channel.write(bytes, at);
        }
        return at - position;
    }

    /** Makes the new file's directory entry durable, so a crash cannot lose the file itself. */
    static void forceDirectory(Disk disk, Path dir) throws IOException {
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
