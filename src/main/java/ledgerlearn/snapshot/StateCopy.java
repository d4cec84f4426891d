package ledgerlearn.snapshot;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * A state written into memory in 1 MiB pieces (never one array as large as the state), so that a learner
 * holds its locks only while it copies itself, and the snapshot file is written, checksummed and forced to
 * disk while it learns on. It costs the state's size in heap for that moment.
 */
public final class StateCopy {
    private static final int PIECE = 1 << 20;

    private final List<byte[]> pieces = new ArrayList<>();
    private int lastLength;

    private StateCopy() {}

    /** The bytes {@code writer} writes. */
    public static StateCopy of(Consumer<StateOutput> writer) {
        StateCopy copy = new StateCopy();
        try (OutputStream pieces = new BufferedOutputStream(copy.new Pieces(), 1 << 16)) {
            StateOutput out = new StateOutput(pieces);
            writer.accept(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return copy;
    }

    /** The number of bytes held. */
    public long length() {
        return pieces.isEmpty() ? 0 : (long) (pieces.size() - 1) * PIECE + lastLength;
    }

    /** Writes the bytes to {@code out}, as {@link StateOutput} would have streamed them. */
    void writeTo(OutputStream out) throws IOException {
        for (int i = 0; i < pieces.size(); i++) {
            out.write(pieces.get(i), 0, i == pieces.size() - 1 ? lastLength : PIECE);
        }
    }

    /** Appends to the last piece, starting another when it is full. */
    private final class Pieces extends OutputStream {
        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            while (len > 0) {
                if (pieces.isEmpty() || lastLength == PIECE) {
                    pieces.add(new byte[PIECE]);
                    lastLength = 0;
                }
                int n = Math.min(len, PIECE - lastLength);
                System.arraycopy(b, off, pieces.get(pieces.size() - 1), lastLength, n);
                lastLength += n;
                off += n;
                len -= n;
            }
        }

        @Override
        public void close() {
            // the last piece keeps only what was written
            if (!pieces.isEmpty() && lastLength < PIECE) {
                pieces.set(pieces.size() - 1, Arrays.copyOf(pieces.get(pieces.size() - 1), lastLength));
            }
        }
    }
}
