package ledgerlearn.cluster;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import ledgerlearn.sample.Column;
import ledgerlearn.sample.Sample;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The log's records: a batch is one record whose value is its rows, each the sample's values in {@link Column}
 * order (see {@link #encode}); headers say what kind of record it is, which node sent it and the client's idempotency key.
 */
final class Records {
    static final String TYPE = "ledgerlearn-type";
    static final String NODE = "ledgerlearn-node";
    static final String KEY = "ledgerlearn-key";
    static final String BATCH = "batch";
    /** A company's deletion; header {@link #COMPANY}. */
    static final String DELETE = "delete";
    /** The end of a generation: nothing after it is applied; header {@link #NEXT}. */
    static final String SEAL = "seal";
    /** Where the log goes on after a seal: headers {@link #NEXT} and {@link #AT}. */
    static final String MOVED = "moved";
    /** After a seal: a node finishes the rewrite of a node that stopped; the first such record of a generation wins. */
    static final String TAKE_OVER = "take-over";
    static final String COMPANY = "ledgerlearn-company";
    static final String NEXT = "ledgerlearn-next";
    static final String AT = "ledgerlearn-at";
    /** On a record copied into a new generation: its offset in the generation before. */
    static final String ORIGIN = "ledgerlearn-origin";
    /** On a record copied into a new generation: the offset of the deletion that made it, in the generation before. */
    static final String DELETED_AT = "ledgerlearn-deleted-at";
    /** The first byte of a batch record: its format, so that a later one can be told apart. */
    static final byte FORMAT = 1;

    private Records() {}

    /** A record that cannot be read; every node passes over it the same way. */
    static final class UnreadableRecordException extends RuntimeException {
        UnreadableRecordException(String message) {
            super(message);
        }
    }

    /**
     * A batch as bytes: a format byte, the row count, then each row's values in {@link Column} order, each as its
     * UTF-8 length and bytes. Binary rather than JSON because every node decodes every batch, and this costs a
     * fraction of a JSON parse.
     */
    static byte[] encode(List<Sample> batch) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(batch.size() * 160);
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeInt(batch.size());
            for (Sample sample : batch) {
                for (Column column : Column.ALL) {
                    byte[] value = sample.value(column).getBytes(StandardCharsets.UTF_8);
                    out.writeInt(value.length);
                    out.write(value);
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // never: the stream is in memory
        }
        return bytes.toByteArray();
    }

    static List<Sample> decode(byte[] value) {
        if (value == null || value.length < 5) {
            throw new UnreadableRecordException("a batch record of " + (value == null ? "no" : value.length) + " bytes");
        }
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(value);
        if (in.get() != FORMAT) {
            throw new UnreadableRecordException("a batch record of an unknown format " + value[0]);
        }
        int rows = in.getInt();
        if (rows <= 0 || rows > value.length) {
            throw new UnreadableRecordException("a batch record of " + rows + " rows");
        }
        List<Sample> batch = new ArrayList<>(rows);
        String[] values = new String[Column.ALL.size()];
        try {
            for (int row = 0; row < rows; row++) {
                for (int i = 0; i < values.length; i++) {
                    int length = in.getInt();
                    if (length < 0 || length > in.remaining()) {
                        throw new UnreadableRecordException("row " + row + " has a value of " + length + " bytes");
                    }
                    values[i] = new String(value, in.position(), length, StandardCharsets.UTF_8);
                    in.position(in.position() + length);
                }
                batch.add(Sample.ofValues(values));
            }
        } catch (java.nio.BufferUnderflowException e) {
            throw new UnreadableRecordException("a batch record cut short");
        }
        if (in.hasRemaining()) {
            throw new UnreadableRecordException("a batch record with " + in.remaining() + " bytes after its rows");
        }
        return batch;
    }

    /** The header's value as UTF-8, or {@code null} when the record has none. */
    static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
