package ledgerlearn.snapshot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The snapshot files of a data dir, {@code snapshot-<rows>.bin}: a learner's whole state after the store's
 * first {@code rows} rows, so that a start loads it and replays only the rows after it. A file holds a
 * header (format, the settings the state was learnt with, the store position), the state, and a CRC-32C of
 * all of it; it is written beside its final name, forced to disk and renamed, so that a crash leaves either
 * the whole file or none. The newest {@value #KEEP} are kept.
 */
public final class SnapshotFiles {
    /** "LLS1": ledgerlearn snapshot, format 1. */
    private static final int MAGIC = 0x4c4c5331;
    private static final int HEADER = 4 + 8 + 8 + 8 + 4 + 4;
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

    /** A snapshot read back whole: its file, position and state. */
    public record Snapshot(Path file, Position position, byte[] state) {
    }

    /**
     * Writes a snapshot of {@code state} at {@code position}, learnt with {@code settings} (a digest of what
     * the state depends on besides the rows), durably, and deletes all but the newest {@link #KEEP}.
     */
    public static Path write(Path dir, Position position, long settings, byte[] state) throws IOException {
        Path file = dir.resolve(String.format("%s%020d%s", PREFIX, position.rows(), SUFFIX));
        Path partial = dir.resolve(file.getFileName() + PARTIAL);
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        header.putInt(MAGIC).putLong(settings).putLong(position.rows()).putLong(position.bytes())
                .putInt(position.tail()).putInt(state.length).flip();
        CRC32C crc = new CRC32C();
        crc.update(header.duplicate());
        crc.update(state);
        ByteBuffer trailer = ByteBuffer.allocate(4).putInt((int) crc.getValue()).flip();
        try (FileChannel out = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            writeFully(out, header);
            writeFully(out, ByteBuffer.wrap(state));
            writeFully(out, trailer);
            out.force(true);
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
     * Reads a snapshot whole, checking its checksum and that it was learnt with {@code settings}.
     *
     * @throws IOException naming what is wrong: unreadable, torn, damaged, or of other settings
     */
    public static Snapshot read(Path file, long settings) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < HEADER + 4) {
            throw new IOException(file.getFileName() + ": " + bytes.length + " bytes, too short for a snapshot (torn?)");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        int stored = ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt();
        if (in.getInt() != MAGIC) {
            throw new IOException(file.getFileName() + ": not a snapshot of this format");
        }
        if ((int) crc.getValue() != stored) {
            throw new IOException(file.getFileName() + ": checksum mismatch (torn or damaged)");
        }
        long learntWith = in.getLong();
        if (learntWith != settings) {
            throw new IOException(file.getFileName() + ": learnt with other settings");
        }
        Position position = new Position(in.getLong(), in.getLong(), in.getInt());
        int length = in.getInt();
        if (length != bytes.length - HEADER - 4) {
            throw new IOException(file.getFileName() + ": says " + length + " bytes of state, holds " + (bytes.length - HEADER - 4));
        }
        byte[] state = new byte[length];
        in.get(state);
        return new Snapshot(file, position, state);
    }

    /** Deletes every snapshot: the rows they stand after are no longer the store's. */
    public static void deleteAll(Path dir) throws IOException {
        for (Path file : list(dir)) {
            Files.deleteIfExists(file);
        }
        forceDirectory(dir);
    }

    private static void writeFully(FileChannel out, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            out.write(bytes);
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
