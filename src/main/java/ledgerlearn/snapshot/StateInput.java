package ledgerlearn.snapshot;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads what {@link StateOutput} wrote. A length that the bytes left cannot hold, or reading past the end,
 * throws {@link CorruptStateException}: a damaged snapshot is refused, never allocated into.
 */
public final class StateInput {
    private final ByteBuffer in;

    public StateInput(byte[] bytes) {
        this.in = ByteBuffer.wrap(bytes);
    }

    public int readInt() {
        need(4);
        return in.getInt();
    }

    public long readLong() {
        need(8);
        return in.getLong();
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
        need(length);
        byte[] utf8 = new byte[length];
        in.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    /** An array of at least {@code capacity} ints, its first ones as written (see {@link #lastLength()}). */
    public int[] readInts(int capacity) {
        int n = length(4);
        int[] values = new int[Math.max(n, capacity)];
        for (int i = 0; i < n; i++) {
            values[i] = in.getInt();
        }
        lastLength = n;
        return values;
    }

    public long[] readLongs(int capacity) {
        int n = length(8);
        long[] values = new long[Math.max(n, capacity)];
        for (int i = 0; i < n; i++) {
            values[i] = in.getLong();
        }
        lastLength = n;
        return values;
    }

    public double[] readDoubles(int capacity) {
        int n = length(8);
        double[] values = new double[Math.max(n, capacity)];
        for (int i = 0; i < n; i++) {
            values[i] = Double.longBitsToDouble(in.getLong());
        }
        lastLength = n;
        return values;
    }

    public float[] readFloats(int capacity) {
        int n = length(4);
        float[] values = new float[Math.max(n, capacity)];
        for (int i = 0; i < n; i++) {
            values[i] = Float.intBitsToFloat(in.getInt());
        }
        lastLength = n;
        return values;
    }

    public boolean[] readBooleans(int capacity) {
        int n = readInt();
        if (n < 0 || (n + 7) / 8 > in.remaining()) {
            throw new CorruptStateException("a length of " + n + " with " + in.remaining() + " bytes left");
        }
        boolean[] values = new boolean[Math.max(n, capacity)];
        for (int i = 0; i < n; i += 8) {
            int packed = in.get();
            for (int b = 0; b < 8 && i + b < n; b++) {
                values[i + b] = (packed & 1 << b) != 0;
            }
        }
        lastLength = n;
        return values;
    }

    private int lastLength;

    /** How many values the last array read held. */
    public int lastLength() {
        return lastLength;
    }

    /** Checks that every byte was read. */
    public void end() {
        if (in.hasRemaining()) {
            throw new CorruptStateException(in.remaining() + " bytes left over");
        }
    }

    private int length(int width) {
        int n = readInt();
        if (n < 0 || (long) n * width > in.remaining()) {
            throw new CorruptStateException("a length of " + n + " with " + in.remaining() + " bytes left");
        }
        return n;
    }

    private void need(int bytes) {
        if (bytes < 0 || in.remaining() < bytes) {
            throw new CorruptStateException("needs " + bytes + " bytes, " + in.remaining() + " left");
        }
    }

    /** The bytes do not hold a state as {@link StateOutput} writes it. */
    public static final class CorruptStateException extends RuntimeException {
        public CorruptStateException(String message) {
            super(message);
        }
    }
}
