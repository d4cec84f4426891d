package ledgerlearn.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** A file channel that, once armed, writes part of the next positional write and then fails like a full disk. */
final class FailingChannel extends DelegatingChannel {
    private volatile boolean armed;
    private volatile boolean truncateFails;
    private boolean wrotePart;

    FailingChannel(FileChannel file) {
        super(file);
    }

    void arm() {
        armed = true;
    }

    /** Once armed, cutting the file fails too, as on a disk that has gone away. */
    void armWithTruncate() {
        truncateFails = true;
        armed = true;
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        if (!armed) {
            return file.write(src, position);
        }
        if (!wrotePart && src.remaining() > 1) {
            wrotePart = true;
            ByteBuffer half = src.duplicate();
            half.limit(half.position() + half.remaining() / 2);
            int written = file.write(half, position);
            src.position(src.position() + written);
            return written;
        }
        throw new IOException("No space left on device");
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        if (truncateFails) {
            throw new IOException("Input/output error");
        }
        return super.truncate(size);
    }
}
