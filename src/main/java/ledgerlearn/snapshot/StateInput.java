package ledgerlearn.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;

/**
 * Reads what {@link StateOutput} wrote, from memory or from a file, knowing how many bytes the state has. A
 * length that the bytes left cannot hold, or reading past the end, throws {@link CorruptStateException}: a
 * damaged snapshot is refused, never allocated into. An {@link IOException} of the file is thrown as an
 * {@link UncheckedIOException}.
 *
 * <p>A file is read through one direct buffer, and arrays are taken from it as they are: a snapshot at platform
 * scale is hundreds of megabytes, and the copies on the way through a stream (into its buffer, then a chunk's
 * array) were about a tenth of a second of a start at 10,000 companies (docs/SCALING.md).
 */
public final class StateInput implements AutoCloseable {
    private static final int CHUNK = 1 << 20;

    /** Where the bytes come from once {@link #buffer} is read: {@code null} when every byte is in memory. */
    private final ReadableByteChannel channel;
    /** The bytes read from the channel and not yet taken, between its position and its limit (big-endian). */
    private final ByteBuffer buffer;
    private long remaining;
    private int lastLength;
    /** What {@link #end()} checks besides that every byte was read: a file's checksum. */
    private final Runnable atEnd;

    public StateInput(byte[] bytes) {
        this.channel = null;
        this.buffer = ByteBuffer.wrap(bytes);
        this.remaining = bytes.length;
        this.atEnd = () -> { };
    }

    /**
     * The next {@code length} bytes of {@code channel}, read as they are needed; {@link #end()} then runs
     * {@code atEnd}, which throws {@link CorruptStateException} when what was read does not hold.
     */
    public StateInput(ReadableByteChannel channel, long length, Runnable atEnd) {
        this.channel = channel;
        this.buffer = ByteBuffer.allocateDirect(CHUNK).limit(0);
        this.remaining = length;
        this.atEnd = atEnd;
    }

    public int readInt() {
        need(4);
        return available(4).getInt();
    }

    public long readLong() {
        need(8);
        return available(8).getLong();
    }

    public double readDouble() {
        return Double.longBitsToDouble(readLong());
    }

    public boolean readBoolean() {
        int value = readInt();
        if (value != 0 && value != 1) {
            throw new CorruptStateException("expected a boolean, got " + value);
        }
        return value == 1;
    }

    public String readString() {
        int length = readInt();
        if (length == -1) {
            return null;
        }
        return new String(readBytes(length), StandardCharsets.UTF_8);
    }

    /** An array of at least {@code capacity} ints, its first ones as written (see {@link #lastLength()}). */
    public int[] readInts(int capacity) {
        int n = length(4);
        int[] values = new int[Math.max(n, capacity)];
        for (int i = 0; i < n; ) {
            ByteBuffer bytes = available(4);
            int count = Math.min(n - i, bytes.remaining() / 4);
            bytes.asIntBuffer().get(values, i, count);
            bytes.position(bytes.position() + 4 * count);
            i += count;
        }
        lastLength = n;
        return values;
    }

    public long[] readLongs(int capacity) {
        int n = length(8);
        long[] values = new long[Math.max(n, capacity)];
        for (int i = 0; i < n; ) {
            ByteBuffer bytes = available(8);
            int count = Math.min(n - i, bytes.remaining() / 8);
            bytes.asLongBuffer().get(values, i, count);
            bytes.position(bytes.position() + 8 * count);
            i += count;
        }
        lastLength = n;
        return values;
    }

    public double[] readDoubles(int capacity) {
        int n = length(8);
        double[] values = new double[Math.max(n, capacity)];
        for (int i = 0; i < n; ) {
            ByteBuffer bytes = available(8);
            int count = Math.min(n - i, bytes.remaining() / 8);
            bytes.asDoubleBuffer().get(values, i, count);
            bytes.position(bytes.position() + 8 * count);
            i += count;
        }
        lastLength = n;
        return values;
    }

    public float[] readFloats(int capacity) {
        int n = length(4);
        float[] values = new float[Math.max(n, capacity)];
        for (int i = 0; i < n; ) {
            ByteBuffer bytes = available(4);
            int count = Math.min(n - i, bytes.remaining() / 4);
            bytes.asFloatBuffer().get(values, i, count);
            bytes.position(bytes.position() + 4 * count);
            i += count;
        }
        lastLength = n;
        return values;
    }

    /**
     * The buffer, holding at least {@code bytes} (at most 8) of the state's bytes from its position, which the
     * caller has counted with {@link #need}; more are read from the channel when it holds fewer.
     */
    private ByteBuffer available(int bytes) {
        if (buffer.remaining() >= bytes) {
            return buffer;
        }
        if (channel == null) {
            throw new CorruptStateException("needs " + bytes + " bytes, " + buffer.remaining() + " left");
        }
        buffer.compact();
        try {
            while (buffer.position() < bytes) {
                if (channel.read(buffer) < 0) {
                    throw new CorruptStateException("the file ended " + (bytes - buffer.position()) + " bytes early");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            buffer.flip();
        }
        return buffer;
    }

    /**
     * What {@link StateOutput#writeBits} wrote, as a bit set; {@link #lastLength()} is how many bits were written.
     * The packing is {@link BitSet#valueOf(byte[])}'s, so the bytes become the set as they are.
     */
    public BitSet readBits() {
        int n = readInt();
        if (n < 0 || (n + 7L) / 8 > remaining) {
            throw new CorruptStateException("a length of " + n + " with " + remaining + " bytes left");
        }
        byte[] packed = readBytes((n + 7) / 8);
        if (n % 8 != 0 && (packed[packed.length - 1] & 0xff) >>> (n % 8) != 0) {
            throw new CorruptStateException("bits set past the " + n + " written");
        }
        lastLength = n;
        return BitSet.valueOf(packed);
    }

    /** How many values the last array read held. */
    public int lastLength() {
        return lastLength;
    }

    /** Checks that every byte was read, and what the source checks at its end (a file's checksum). */
    public void end() {
        if (remaining != 0) {
            throw new CorruptStateException(remaining + " bytes left over");
        }
        atEnd.run();
    }

    /**
     * After {@code failure} stopped the reading midway: runs the source's check over the bytes not read yet
     * (a file's checksum), which throws, with {@code failure} beside it, when the bytes were damaged.
     */
    void verifyRest(RuntimeException failure) {
        try {
            atEnd.run();
        } catch (CorruptStateException damaged) {
            damaged.addSuppressed(failure);
            throw damaged;
        } catch (RuntimeException other) {
            failure.addSuppressed(other);
        }
    }

    private byte[] readBytes(int length) {
        need(length);
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; ) {
            ByteBuffer from = available(1);
            int count = Math.min(length - i, from.remaining());
            from.get(bytes, i, count);
            i += count;
        }
        return bytes;
    }

    /** The length of an array of values {@code width} bytes wide, whose bytes are then counted as read. */
    private int length(int width) {
        int n = readInt();
        if (n < 0 || (long) n * width > remaining) {
            throw new CorruptStateException("a length of " + n + " with " + remaining + " bytes left");
        }
        need((long) n * width);
        return n;
    }

    private void need(long bytes) {
        if (bytes < 0 || remaining < bytes) {
            throw new CorruptStateException("needs " + bytes + " bytes, " + remaining + " left");
        }
        remaining -= bytes;
    }

    /** Closes the file underneath. */
    @Override
    public void close() {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes do not hold a state as {@link StateOutput} writes it. */
    public static final class CorruptStateException extends RuntimeException {
        public CorruptStateException(String message) {
            super(message);
        }
    }
}
