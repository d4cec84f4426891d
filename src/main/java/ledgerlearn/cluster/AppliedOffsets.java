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
 * {@code log-offsets.txt} in the data dir: before a node applies a log record it appends a line
 * {@code TOPIC OFFSET ROWS}, the store's row count before that record. On start the last whole line says where
 * to resume: the store holding exactly {@code ROWS} rows means the record was not applied (apply it again),
 * any other count that it was (resume after it). The store commits a batch whole, so there is no third case.
 * With fsync the line is forced before the batch's rows are, so the store never holds rows the file does not
 * account for.
 */
final class AppliedOffsets implements AutoCloseable {
    static final String FILE = "log-offsets.txt";
    /** Past this size the file is rewritten holding its last line only. */
    private static final long COMPACT_AT = 1 << 20;

    /** One line: the record at {@code offset} of {@code topic} was about to be applied to a store of {@code rowsBefore} rows. */
    record Entry(String topic, long offset, long rowsBefore) {
        String line() {
            return topic + " " + offset + " " + rowsBefore + "\n";
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

    static AppliedOffsets open(Path dataDir, boolean fsync) throws IOException {
        Path file = dataDir.resolve(FILE);
        Entry last = null;
        if (Files.exists(file)) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            String text = Files.readString(file, StandardCharsets.UTF_8);
            // a torn last line (a crash while writing it) has no newline yet: its record was not applied
            int whole = text.endsWith("\n") ? lines.size() : lines.size() - 1;
            for (int i = whole - 1; i >= 0 && last == null; i--) {
                last = parse(lines.get(i));
            }
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        channel.truncate(lengthOfWholeLines(file));
        channel.position(channel.size());
        return new AppliedOffsets(file, fsync, channel, last);
    }

    private static long lengthOfWholeLines(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        return end;
    }

    private static Entry parse(String line) {
        String[] parts = line.trim().split(" ");
        if (parts.length != 3) {
            return null;
        }
        try {
            return new Entry(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The last entry written before this start, or {@code null} when the node never applied a record. */
    Entry last() {
        return last;
    }

    /** Notes that the record at {@code offset} of {@code topic} is about to be applied to a store of {@code rowsBefore} rows. */
    void record(String topic, long offset, long rowsBefore) throws IOException {
        Entry entry = new Entry(topic, offset, rowsBefore);
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
