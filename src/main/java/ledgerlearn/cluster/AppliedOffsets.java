package ledgerlearn.cluster;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * {@code log-offsets.txt} in the data dir: before a node applies log records it appends a line
 * {@code TOPIC FIRST LAST ROWS}: the records from offset FIRST to LAST, learnt as one batch, and the store's row
 * count before them. On start the last whole line says where to resume: the store holding exactly {@code ROWS}
 * rows means the records were not applied (apply them again from FIRST), any other count that they were (resume
 * after LAST). The store commits a batch whole, so there is no third case. With fsync the line is forced before
 * the batch's rows are, so the store never holds rows the file does not account for.
 */
final class AppliedOffsets implements AutoCloseable {
    static final String FILE = "log-offsets.txt";
    /** Past this size the file is rewritten holding its last line only. */
    private static final long COMPACT_AT = 1 << 20;

    /**
     * One line: the records from {@code offset} to {@code lastOffset} of {@code topic} were about to be applied, as one
     * batch, to a store of {@code rowsBefore} rows.
     */
    record Entry(String topic, long offset, long lastOffset, long rowsBefore) {
        String line() {
            return topic + " " + offset + " " + lastOffset + " " + rowsBefore + "\n";
        }
    }

    private final Path file;
    private final boolean fsync;
    private FileChannel channel;
    private final Entry last;

    private AppliedOffsets(Path file, boolean fsync, FileChannel channel, Entry last) {
        this.file = file;
        this.fsync = fsync;
        this.channel = channel;
        this.last = last;
    }

    /** The last entry in {@code dataDir}, read without opening the file for writing; {@code null} when there is none. */
    static Entry peek(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        return Files.exists(file) ? lastEntry(Files.readAllBytes(file)) : null;
    }

    static AppliedOffsets open(Path dataDir, boolean fsync) throws IOException {
        Path file = dataDir.resolve(FILE);
        byte[] bytes = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        channel.truncate(lengthOfWholeLines(bytes));
        channel.position(channel.size());
        return new AppliedOffsets(file, fsync, channel, lastEntry(bytes));
    }

    /** The last entry among the file's whole lines: a torn last line (a crash while writing it) has no newline yet, and its records were not applied. */
    private static Entry lastEntry(byte[] bytes) {
        String[] lines = new String(bytes, 0, lengthOfWholeLines(bytes), StandardCharsets.UTF_8).split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            Entry entry = parse(lines[i]);
            if (entry != null) {
                return entry;
            }
        }
        return null;
    }

    private static int lengthOfWholeLines(byte[] bytes) {
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        return end;
    }

    private static Entry parse(String line) {
        String[] parts = line.trim().split(" ");
        if (parts.length != 4) {
            return null;
        }
        try {
            return new Entry(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2]), Long.parseLong(parts[3]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The last entry written before this start, or {@code null} when the node never applied a record. */
    Entry last() {
        return last;
    }

    /** Notes that the records from {@code offset} to {@code lastOffset} are about to be applied to a store of {@code rowsBefore} rows. */
    void record(String topic, long offset, long lastOffset, long rowsBefore) throws IOException {
        Entry entry = new Entry(topic, offset, lastOffset, rowsBefore);
        if (channel.size() > COMPACT_AT) {
            compact(entry);
            return;
        }
        ByteBuffer bytes = ByteBuffer.wrap(entry.line().getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        if (fsync) {
            channel.force(false);
        }
    }

    /** Replaces the file by one holding only {@code entry}, atomically. */
    private void compact(Entry entry) throws IOException {
        Path temp = file.resolveSibling(FILE + ".tmp");
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(ByteBuffer.wrap(entry.line().getBytes(StandardCharsets.UTF_8)));
            out.force(false);
        }
        channel.close();
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        channel = FileChannel.open(file, StandardOpenOption.WRITE);
        channel.position(channel.size());
        if (fsync) {
            try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
                dir.force(true);
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
