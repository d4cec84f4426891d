package ledgerlearn.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.LongConsumer;

/**
 * A request body as characters, decoded as it arrives: strict UTF-8 (a bad byte is a 400 naming its offset),
 * at most {@code maxBytes} (a 413 once one more arrives), and each chunk of bytes announced to
 * {@code arriving} before it is decoded, so that the caller can account for it first.
 */
final class Utf8Reader extends Reader {
    private static final int CHUNK = 16 << 10;

    private final InputStream in;
    private final long maxBytes;
    private final LongConsumer arriving;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(CHUNK).flip();
    /** Bytes read before the first one still in {@link #bytes}. */
    private long consumed;
    private long total;
    private boolean endOfInput;
    private boolean flushed;

    Utf8Reader(InputStream in, long maxBytes, LongConsumer arriving) {
        this.in = in;
        this.maxBytes = maxBytes;
        this.arriving = arriving;
    }

    /** The body's bytes read so far. */
    long bytesRead() {
        return total;
    }

    /** Whether the body was read to its end. */
    boolean atEnd() {
        return endOfInput && !bytes.hasRemaining();
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        CharBuffer out = CharBuffer.wrap(buffer, offset, length);
        while (out.position() == offset) {
            if (flushed) {
                return -1;
            }
            if (!endOfInput && bytes.remaining() < 4) {
                fill();
            }
            int before = bytes.position();
            CoderResult result = decoder.decode(bytes, out, endOfInput);
            consumed += bytes.position() - before;
            if (result.isError()) {
                throw HttpError.badRequest("body is not valid UTF-8 (bad byte at offset " + consumed + ")");
            }
            if (endOfInput && !bytes.hasRemaining() && result.isUnderflow()) {
                // flushed once: a decoder takes nothing after its flush, so a later read only says "end"
                decoder.flush(out);
                flushed = true;
                if (out.position() == offset) {
                    return -1;
                }
            }
        }
        return out.position() - offset;
    }

    private void fill() throws IOException {
        bytes.compact();
        int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (read < 0) {
            endOfInput = true;
        } else {
            total += read;
            if (total > maxBytes) {
                throw HttpError.payloadTooLarge(maxBytes);
            }
            arriving.accept(read);
            bytes.position(bytes.position() + read);
        }
        bytes.flip();
    }

    /** Reads the rest of the body without decoding it, still within the cap (a 413 past it). */
    void skipRest() throws IOException {
        while (!endOfInput) {
            bytes.position(bytes.limit());
            fill();
        }
    }

    @Override
    public void close() {
        // the exchange owns the stream
    }
}
