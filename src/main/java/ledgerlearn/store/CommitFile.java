package ledgerlearn.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * {@code samples.commit}: the length of {@code samples.csv} that ends with a whole batch, rewritten
 * in place after every batch. A crash can cut a batch's write anywhere, even between two rows, and
 * then the rows that reached the file look like any others; what lies beyond the committed length
 * is an unfinished batch, cut on start. The record is 32 bytes at offset 0, so a write of it never
 * straddles a page or a disk sector and cannot itself be torn.
 *
 * <p>Forcing the record to disk with every batch would double the cost of each group commit. It is
 * not needed: each record carries the kernel's boot id, and while the machine has not restarted,
 * the page cache holds the record exactly as written, whatever happened to the process. A record
 * from an earlier boot may lag the data it describes (an operating system crash), so it is not
 * trusted, and every complete row is kept: acknowledged batches were forced to disk and survive.
 * Where there is no boot id, the record is forced with the data instead, and always trusted.
 */
final class CommitFile implements Closeable {
    static final String FILE_NAME = "samples.commit";
    /** "LLC2": ledgerlearn commit record, version 2. */
    private static final int MAGIC = 0x4c4c4332;
    private static final int SIZE = 32;
    private static final UUID NO_BOOT = new UUID(0, 0);
    private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");

    private final FileChannel channel;
    private final boolean created;
    private final UUID boot;

    private CommitFile(FileChannel channel, boolean created, UUID boot) {
        this.channel = channel;
        this.created = created;
        this.boot = boot;
    }

    /** Opens (creating when absent) the commit file in {@code dataDir}, its records stamped with {@code disk}'s boot id. */
    static CommitFile open(Path dataDir, Disk disk) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        boolean created = !Files.exists(file);
        return new CommitFile(disk.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE), created, disk.boot());
    }

    /** The kernel's boot id, {@code null} where there is none (not Linux). */
    static UUID currentBoot() {
        try {
            return UUID.fromString(Files.readString(BOOT_ID, StandardCharsets.US_ASCII).strip());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Whether the file did not exist before {@link #open}: its directory entry is not yet durable. */
    boolean created() {
        return created;
    }

    /**
     * The committed length, or -1 when there is none to trust: no valid record (a new or older
     * store, a damaged file), or one written before the machine last started.
     */
    long read() throws IOException {
        ByteBuffer record = ByteBuffer.allocate(SIZE);
        // 32 bytes at offset 0 come in one read; fewer mean no whole record, as in a new file
        channel.read(record, 0);
        if (record.hasRemaining()) {
            return -1;
        }
        record.flip();
        long length = record.getLong(4);
        UUID written = new UUID(record.getLong(12), record.getLong(20));
        boolean valid = record.getInt(0) == MAGIC && length >= 0 && record.getInt(28) == checksum(record);
        return valid && written.equals(boot == null ? NO_BOOT : boot) ? length : -1;
    }

    /** Records {@code length} as committed; durable at the next {@link #force}, if forcing is needed at all. */
    void write(long length) throws IOException {
        UUID stamp = boot == null ? NO_BOOT : boot;
        ByteBuffer record = ByteBuffer.allocate(SIZE).putInt(MAGIC).putLong(length)
                .putLong(stamp.getMostSignificantBits()).putLong(stamp.getLeastSignificantBits());
        record.putInt(checksum(record)).flip();
        while (record.hasRemaining()) {
            channel.write(record, record.position());
        }
    }

    /** Forces the record to disk where it must be (no boot id); see the class comment. */
    void force() throws IOException {
        if (boot == null) {
            channel.force(false);
        }
    }

    /** CRC-32 of the record's first 28 bytes. */
    private static int checksum(ByteBuffer record) {
        CRC32 crc = new CRC32();
        crc.update(record.duplicate().position(0).limit(SIZE - Integer.BYTES));
        return (int) crc.getValue();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
