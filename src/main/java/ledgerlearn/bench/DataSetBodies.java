package ledgerlearn.bench;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import ledgerlearn.client.SampleJson;
import ledgerlearn.dataset.DatasetReader;
import ledgerlearn.sample.Sample;

/** The data set read in order and written as request bodies, exactly as the streaming client writes them. */
final class DataSetBodies implements Closeable {
    /** A POST /sample body and how many rows it holds. */
    record Batch(int rows, byte[] body) {
    }

    private final DatasetReader reader;
    private final StringBuilder text = new StringBuilder(1 << 17);

    private DataSetBodies(DatasetReader reader) {
        this.reader = reader;
    }

    static DataSetBodies open(Path data) throws IOException {
        return new DataSetBodies(DatasetReader.open(data));
    }

    /** The next {@code size} rows (fewer at the end, none when all were read) as one POST /sample body. */
    Batch next(int size) throws IOException {
        text.setLength(0);
        text.append('[');
        int n = 0;
        Sample sample;
        while (n < size && (sample = reader.next()) != null) {
            if (n > 0) {
                text.append(',');
            }
            SampleJson.appendSample(text, sample);
            n++;
        }
        text.append(']');
        return new Batch(n, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** POST /predict bodies of every {@code every}-th row of the data set, at most {@code max} of them. */
    static List<byte[]> queries(Path data, int every, int max) throws IOException {
        List<byte[]> queries = new ArrayList<>();
        try (DatasetReader reader = DatasetReader.open(data)) {
            StringBuilder query = new StringBuilder(256);
            long row = 0;
            Sample sample;
            while (queries.size() < max && (sample = reader.next()) != null) {
                if (row++ % every == 0) {
                    query.setLength(0);
                    SampleJson.appendQuery(query, sample);
                    queries.add(query.toString().getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        return queries;
    }

    /** POST /predict/batch bodies: the queries taken {@code size} at a time, as JSON arrays; a short rest is dropped. */
    static List<byte[]> batches(List<byte[]> queries, int size) {
        List<byte[]> bodies = new ArrayList<>();
        for (int from = 0; from + size <= queries.size(); from += size) {
            ByteArrayOutputStream body = new ByteArrayOutputStream(size * 160);
            body.write('[');
            for (int i = from; i < from + size; i++) {
                if (i > from) {
                    body.write(',');
                }
                body.writeBytes(queries.get(i));
            }
            body.write(']');
            bodies.add(body.toByteArray());
        }
        return bodies;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
