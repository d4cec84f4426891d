package ledgerlearn.snapshot;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;

/**
 * Reads what {@link StateOutput} wrote, from memory or streamed from a file, knowing how many bytes the state
 * has. A length that the bytes left cannot hold, or reading past the end, throws {@link CorruptStateException}:
 * a damaged snapshot is refused, never allocated into. An {@link IOException} of the stream underneath is
 * thrown as an {@link UncheckedIOException}.
 */
public final class StateInput implements AutoCloseable {
    private final DataInputStream in;
    private long remaining;
    private int lastLength;
    /** Arrays are read a chunk at a time through this. */
    private final ByteBuffer chunk = ByteBuffer.allocate(1 << 16);

    public StateInput(byte[] bytes) {
        this(new ByteArrayInputStream(bytes), bytes.length);
    }

    /** The next {@code length} bytes of {@code stream} (buffered by the caller). */
    public StateInput(InputStream stream, long length) {
        this.in = new DataInputStream(stream);
        this.remaining = length;
    }

    public int readInt() {
        need(4);
        try {
            return in.readInt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long readLong() {
        need(8);
        try {
            return in.readLong();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
            int count = Math.min(n - i, chunk.capacity() / 4);
            fill(count * 4).asIntBuffer().get(values, i, count);
            i += count;
        }
        lastLength = n;
        return values;
    }

    public long[] readLongs(int capacity) {
        int n = length(8);
        long[] values = new long[Math.max(n, capacity)];
        for (int i = 0; i < n; ) {
            int count = Math.min(n - i, chunk.capacity() / 8);
            fill(count * 8).asLongBuffer().get(values, i, count);
            i += count;
        }
        lastLength = n;
        return values;
    }

    public double[] readDoubles(int capacity) {
        int n = length(8);
        double[] values = new double[Math.max(n, capacity)];
        for (int i = 0; i < n; ) {
            int count = Math.min(n - i, chunk.capacity() / 8);
            fill(count * 8).asDoubleBuffer().get(values, i, count);
            i += count;
        }
        lastLength = n;
        return values;
    }

    public float[] readFloats(int capacity) {
        int n = length(4);
        float[] values = new float[Math.max(n, capacity)];
        for (int i = 0; i < n; ) {
            int count = Math.min(n - i, chunk.capacity() / 4);
            fill(count * 4).asFloatBuffer().get(values, i, count);
            i += count;
        }
        lastLength = n;
        return values;
    }

    /** The chunk holding the next {@code bytes} bytes (at most its capacity), ready to read. */
    private ByteBuffer fill(int bytes) {
        need(bytes);
        chunk.clear();
        try {
            in.readFully(chunk.array(), 0, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return chunk.limit(bytes);
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

    /** Checks that every byte was read. */
    public void end() {
        if (remaining != 0) {
            throw new CorruptStateException(remaining + " bytes left over");
        }
    }

    private byte[] readBytes(int length) {
        need(length);
        byte[] bytes = new byte[length];
        try {
            in.readFully(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes;
    }

    private int length(int width) {
        int n = readInt();
        if (n < 0 || (long) n * width > remaining) {
            throw new CorruptStateException("a length of " + n + " with " + remaining + " bytes left");
        }
        return n;
    }

    private void need(long bytes) {
        if (bytes < 0 || remaining < bytes) {
            throw new CorruptStateException("needs " + bytes + " bytes, " + remaining + " left");
        }
        remaining -= bytes;
    }

    /** Closes the stream underneath. */
    @Override
    public void close() {
        try {
            in.close();
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
