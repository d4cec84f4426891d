package ledgerlearn.snapshot;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Writes a state's numbers, strings and arrays into bytes, in the order {@link StateInput} reads them. */
public final class StateOutput {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
    private final DataOutputStream out = new DataOutputStream(bytes);

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
        bytes.write(utf8, 0, utf8.length);
        return this;
    }

    /** The first {@code n} ints of {@code values}. */
    public StateOutput writeInts(int[] values, int n) {
        writeInt(n);
        for (int i = 0; i < n; i++) {
            writeInt(values[i]);
        }
        return this;
    }

    public StateOutput writeLongs(long[] values, int n) {
        writeInt(n);
        for (int i = 0; i < n; i++) {
            writeLong(values[i]);
        }
        return this;
    }

    public StateOutput writeDoubles(double[] values, int n) {
        writeInt(n);
        for (int i = 0; i < n; i++) {
            writeDouble(values[i]);
        }
        return this;
    }

    public StateOutput writeFloats(float[] values, int n) {
        writeInt(n);
        for (int i = 0; i < n; i++) {
            writeInt(Float.floatToRawIntBits(values[i]));
        }
        return this;
    }

    public StateOutput writeBooleans(boolean[] values, int n) {
        writeInt(n);
        for (int i = 0; i < n; i += 8) {
            int packed = 0;
            for (int b = 0; b < 8 && i + b < n; b++) {
                packed |= values[i + b] ? 1 << b : 0;
            }
            bytes.write(packed);
        }
        return this;
    }

    /** The bytes written so far. */
    public byte[] toByteArray() {
        return bytes.toByteArray();
    }
}
