package ledgerlearn.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * {@code samples.commit}: the length of {@code samples.csv} that ends with a whole batch, rewritten
 * in place after every batch. A crash can cut a batch's write anywhere, even between two rows, and
 * then the rows that reached the file look like any others; what lies beyond the committed length
 * is an unfinished batch, cut on start. The record is 16 bytes at offset 0, so a write of it never
 * straddles a page or a disk sector and cannot itself be torn.
 */
final class CommitFile implements Closeable {
    static final String FILE_NAME = "samples.commit";
    /** "LLC1": ledgerlearn commit, version 1. */
    private static final int MAGIC = 0x4c4c4331;
    private static final int SIZE = 16;

    private final FileChannel channel;
    private final boolean created;

    private CommitFile(FileChannel channel, boolean created) {
        this.channel = channel;
        this.created = created;
    }

    static CommitFile open(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        boolean created = !Files.exists(file);
        return new CommitFile(FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE), created);
    }

    /** Whether the file did not exist before {@link #open}: its directory entry is not yet durable. */
    boolean created() {
        return created;
    }

    /** The committed length, or -1 when there is no valid record (a new or older store, or a damaged file). */
    long read() throws IOException {
        ByteBuffer record = ByteBuffer.allocate(SIZE);
        while (record.hasRemaining()) {
            if (channel.read(record, record.position()) < 0) {
                return -1;
            }
        }
        record.flip();
        if (record.getInt(0) != MAGIC) {
            return -1;
        }
        long length = record.getLong(4);
        return length >= 0 && record.getInt(12) == checksum(length) ? length : -1;
    }

    /** Records {@code length} as committed (not yet durable: see {@link #force}). */
    void write(long length) throws IOException {
        ByteBuffer record = ByteBuffer.allocate(SIZE).putInt(MAGIC).putLong(length).putInt(checksum(length)).flip();
        while (record.hasRemaining()) {
            channel.write(record, record.position());
        }
    }

    void force() throws IOException {
        channel.force(false);
    }

    private static int checksum(long length) {
        CRC32 crc = new CRC32();
        crc.update(ByteBuffer.allocate(Long.BYTES).putLong(length).flip());
        return (int) crc.getValue();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
