package ledgerlearn.snapshot;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;
import java.util.function.IntUnaryOperator;

/**
 * Writes a state's numbers, strings and arrays as bytes, in the order {@link StateInput} reads them: into
 * memory, or streamed to a file or a {@link StateCopy}. An
 * {@link IOException} of the stream underneath is thrown as an {@link UncheckedIOException}.
 */
public final class StateOutput {
    private final ByteArrayOutputStream bytes;
    private final DataOutputStream out;
    /** Arrays are written a chunk at a time through this. */
    private final ByteBuffer chunk = ByteBuffer.allocate(1 << 16);

    /** Into memory: {@link #toByteArray()} gives the bytes. */
    public StateOutput() {
        this.bytes = new ByteArrayOutputStream(1 << 16);
        this.out = new DataOutputStream(bytes);
    }

    /** Streamed to {@code stream} (buffered by the caller). */
    public StateOutput(OutputStream stream) {
        this.bytes = null;
        this.out = new DataOutputStream(stream);
    }


    public StateOutput writeInt(int value) {
        try {
            out.writeInt(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public StateOutput writeLong(long value) {
        try {
            out.writeLong(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public StateOutput writeDouble(double value) {
        return writeLong(Double.doubleToRawLongBits(value));
    }

    public StateOutput writeBoolean(boolean value) {
        return writeInt(value ? 1 : 0);
    }

    /** A string, {@code null} included. */
    public StateOutput writeString(String value) {
        if (value == null) {
            return writeInt(-1);
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        writeInt(utf8.length);
        try {
            out.write(utf8, 0, utf8.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** The first {@code n} ints of {@code values}. */
    public StateOutput writeInts(int[] values, int n) {
        writeInt(n);
        for (int i = 0; i < n; ) {
            int count = Math.min(n - i, chunk.capacity() / 4);
            chunk.clear().asIntBuffer().put(values, i, count);
            drain(count * 4);
            i += count;
        }
        return this;
    }

    /** Writes {@code n} ints given one at a time, as {@link #writeInts(int[], int)} writes an array of them. */
    public StateOutput writeInts(IntUnaryOperator values, int n) {
        writeInt(n);
        for (int i = 0; i < n; ) {
            int count = Math.min(n - i, chunk.capacity() / 4);
            IntBuffer ints = chunk.clear().asIntBuffer();
            for (int k = 0; k < count; k++) {
                ints.put(values.applyAsInt(i + k));
            }
            drain(count * 4);
            i += count;
        }
        return this;
    }

    public StateOutput writeLongs(long[] values, int n) {
        writeInt(n);
        for (int i = 0; i < n; ) {
            int count = Math.min(n - i, chunk.capacity() / 8);
            chunk.clear().asLongBuffer().put(values, i, count);
            drain(count * 8);
            i += count;
        }
        return this;
    }

    public StateOutput writeDoubles(double[] values, int n) {
        writeInt(n);
        for (int i = 0; i < n; ) {
            int count = Math.min(n - i, chunk.capacity() / 8);
            chunk.clear().asDoubleBuffer().put(values, i, count);
            drain(count * 8);
            i += count;
        }
        return this;
    }

    public StateOutput writeFloats(float[] values, int n) {
        writeInt(n);
        for (int i = 0; i < n; ) {
            int count = Math.min(n - i, chunk.capacity() / 4);
            chunk.clear().asFloatBuffer().put(values, i, count);
            drain(count * 4);
            i += count;
        }
        return this;
    }

    private void drain(int bytes) {
        try {
            out.write(chunk.array(), 0, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes bits 0 to n - 1 of {@code bits}, eight to a byte, the first in its lowest bit, as
     * {@link BitSet#toByteArray} packs them: {@link StateInput#readBits} reads them back.
     */
    public StateOutput writeBits(BitSet bits, int n) {
        writeInt(n);
        try {
            out.write(Arrays.copyOf(bits.get(0, n).toByteArray(), (n + 7) / 8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** The bytes written so far, when written into memory. */
    public byte[] toByteArray() {
        if (bytes == null) {
            throw new IllegalStateException("streamed, not in memory");
        }
        return bytes.toByteArray();
    }

    /** Flushes what is buffered to the stream underneath. */
    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
