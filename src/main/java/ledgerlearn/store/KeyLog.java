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
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import ledgerlearn.csv.Csv;

/**
 * {@code batch-keys.csv}: one line per batch stored with an idempotency key, in store order, written before the
 * batch's rows and forced with them. A line is only as good as the rows it names: on open, the lines of
 * batches beyond the store's rows (a crash between the line and the rows' commit) are cut, and a torn last
 * line too; so a key is known after a restart exactly when its batch is stored. Created with the first key.
 */
final class KeyLog implements Closeable {
    static final String FILE_NAME = "batch-keys.csv";
    /** Where a store rewrite puts the new key log until the store's own rename has happened. */
    static final String REWRITE_NAME = FILE_NAME + ".rewrite";
    /** Where a compaction writes the keys it keeps; deleted on open, since the key log beside it is whole. */
    static final String COMPACT_NAME = FILE_NAME + ".compact";

    private static final System.Logger LOG = System.getLogger("ledgerlearn.store");
    private static final String[] HEADER = {"FromRow", "ToRow", "Accepted", "Total", "BodyDigest", "IdempotencyKey"};
    private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{1,128}");

    private final Path file;
    private final Disk disk;
    // set by the first append, under the store's append lock; forced under its sync lock
    private volatile FileChannel channel;
    private long length;
    private int count;
    private volatile boolean unforced;

    private KeyLog(Path file, Disk disk, FileChannel channel, long length, int count) {
        this.file = file;
        this.disk = disk;
        this.channel = channel;
        this.length = length;
        this.count = count;
    }

    /**
     * Opens the key log of {@code dataDir} for a store of {@code storeRows} rows, cutting the lines of batches
     * the store does not hold and a torn last line.
     *
     * @throws IOException naming the line when a complete line is not a key record (the file is left as it is)
     */
    static KeyLog open(Path dataDir, Disk disk, long storeRows) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        Files.deleteIfExists(dataDir.resolve(COMPACT_NAME));
        if (!Files.exists(file)) {
            return new KeyLog(file, disk, null, 0, 0);
        }
        FileChannel channel = disk.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            Read read = read(file, channel, storeRows);
            if (read.end() < channel.size()) {
                LOG.log(System.Logger.Level.WARNING, "store: cut " + (read.beyond() > 0
                        ? read.beyond() + " idempotency keys of batches never committed" : "a torn last line")
                        + " at byte " + read.end() + " of " + FILE_NAME);
                channel.truncate(read.end());
                channel.force(false);
            }
            return new KeyLog(file, disk, channel, read.end(), read.keys().size());
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The keys a file holds, up to the first of a batch beyond {@code storeRows}, and where they end. */
    private record Read(List<BatchKey> keys, long end, int beyond) {
    }

    private static Read read(Path file, FileChannel channel, long storeRows) throws IOException {
        List<BatchKey> keys = new ArrayList<>();
        Csv.Reader reader = new Csv.Reader(Channels.newInputStream(channel.position(0)));
        String[] header = reader.next();
        if (header == null || !reader.lastRecordTerminated()) {
            // a crash while the header was written: no key yet
            return new Read(keys, 0, 0);
        }
        if (!java.util.Arrays.equals(header, HEADER)) {
            throw new IOException(file + ": not a key log (header \"" + String.join(",", header)
                    + "\"); the file was left as it is");
        }
        long end = reader.recordEnd();
        int beyond = 0;
        String[] fields;
        while ((fields = reader.next()) != null && reader.lastRecordTerminated()) {
            BatchKey key = parse(file, keys.size() + 2, fields);
            if (key.to() > storeRows || beyond > 0) {
                beyond++;
                continue;
            }
            keys.add(key);
            end = reader.recordEnd();
        }
        return new Read(keys, end, beyond);
    }

    private static BatchKey parse(Path file, int line, String[] fields) throws IOException {
        try {
            if (fields.length != HEADER.length || !DIGEST.matcher(fields[4]).matches()) {
                throw new IllegalArgumentException(fields.length + " fields");
            }
            return new BatchKey(fields[5], fields[4], Integer.parseInt(fields[2]), Long.parseLong(fields[3]),
                    Long.parseLong(fields[0]), Long.parseLong(fields[1]));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": line " + line + " is not a key record (" + e.getMessage()
                    + "); the file is corrupt, so it was left as it is");
        }
    }

    /** Every key the log holds, in store order. */
    List<BatchKey> keys() throws IOException {
        if (channel == null) {
            return List.of();
        }
        return read(file, channel, Long.MAX_VALUE).keys();
    }

    /** How many keys the log holds. */
    int count() {
        return count;
    }

    /** Writes a key's line at the end of the log, creating the log with the first; durable at {@link #force}. */
    void append(BatchKey key) throws IOException {
        if (channel == null) {
            channel = disk.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            length = 0;
        }
        if (length == 0) {
            channel.truncate(0);
            length = write(channel, 0, header());
            // the new file's directory entry must be durable before any 200 relies on the file
            channel.force(true);
            SampleStore.forceDirectory(disk, file.getParent());
        }
        StringBuilder line = new StringBuilder(64 + key.key().length());
        append(line, key);
        long start = length;
        try {
            length += write(channel, start, line);
        } catch (IOException | RuntimeException e) {
            try {
                channel.truncate(start);
            } catch (IOException | RuntimeException truncateFailure) {
                e.addSuppressed(truncateFailure);
            }
            throw e;
        }
        count++;
        unforced = true;
    }

    /**
     * Cuts the lines of batches beyond the store's first {@code storeRows} rows: after the store cut batches
     * that were refused, their keys must not answer a retry as if they were stored.
     */
    void cutTo(long storeRows) throws IOException {
        if (channel == null) {
            return;
        }
        Read read = read(file, channel, storeRows);
        if (read.end() < length) {
            LOG.log(System.Logger.Level.WARNING, "store: cut " + read.beyond() + " idempotency keys of refused batches"
                    + " at byte " + read.end() + " of " + FILE_NAME);
            channel.truncate(read.end());
            length = read.end();
            count = read.keys().size();
            unforced = true;
        }
    }

    /** Forces what {@link #append} wrote to disk. */
    void force() throws IOException {
        if (unforced) {
            unforced = false;
            channel.force(false);
        }
    }

    /** Writes {@code keys} as a whole key log to {@code target}, forced to disk; the caller renames it into place. */
    static void write(Disk disk, Path target, List<BatchKey> keys) throws IOException {
        try (FileChannel out = disk.open(target, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            StringBuilder text = header();
            long at = 0;
            for (BatchKey key : keys) {
                append(text, key);
                if (text.length() > 1 << 15) {
                    at += write(out, at, text);
                    text.setLength(0);
                }
            }
            write(out, at, text);
            out.force(true);
        }
    }

    /**
     * Replaces the log with {@code keep} (its newest keys), crash-safely: written beside it, forced, renamed over
     * it. A crash before the rename leaves the log as it was.
     */
    void compact(List<BatchKey> keep) throws IOException {
        Path compact = file.resolveSibling(COMPACT_NAME);
        write(disk, compact, keep);
        Files.move(compact, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        SampleStore.forceDirectory(disk, file.getParent());
        reopen(keep.size());
    }

    /** Opens the file now at the log's name (after a rename put it there), holding {@code keys} keys. */
    void reopen(int keys) throws IOException {
        close();
        if (Files.exists(file)) {
            channel = disk.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            length = channel.size();
        }
        count = keys;
        unforced = false;
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    private static StringBuilder header() {
        StringBuilder text = new StringBuilder(1 << 16);
        Csv.appendRecord(text, HEADER);
        return text;
    }

    private static void append(StringBuilder text, BatchKey key) {
        Csv.appendRecord(text, Long.toString(key.from()), Long.toString(key.to()), Integer.toString(key.accepted()),
                Long.toString(key.total()), key.digest(), key.key());
    }

    private static long write(FileChannel channel, long position, CharSequence text) throws IOException {
        return SampleStore.writeFully(channel, ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)), position);
    }
}
