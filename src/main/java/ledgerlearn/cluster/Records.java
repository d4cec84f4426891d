package ledgerlearn.cluster;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonArray;
import com.eclipsesource.json.JsonValue;
import ledgerlearn.sample.Column;
import ledgerlearn.sample.Sample;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The log's records: a batch is one record whose value is its rows, each the sample's values in {@link Column}
 * order, as JSON; headers say what kind of record it is, which node sent it and the client's idempotency key.
 */
final class Records {
    static final String TYPE = "ledgerlearn-type";
    static final String NODE = "ledgerlearn-node";
    static final String KEY = "ledgerlearn-key";
    static final String BATCH = "batch";

    private Records() {}

    /** A record that cannot be read; every node passes over it the same way. */
    static final class UnreadableRecordException extends RuntimeException {
        UnreadableRecordException(String message) {
            super(message);
        }
    }

    static byte[] encode(List<Sample> batch) {
        JsonArray rows = new JsonArray();
        for (Sample sample : batch) {
            JsonArray row = new JsonArray();
            for (Column column : Column.ALL) {
                row.add(sample.value(column));
            }
            rows.add(row);
        }
        return rows.toString().getBytes(StandardCharsets.UTF_8);
    }

    static List<Sample> decode(byte[] value) {
        if (value == null) {
            throw new UnreadableRecordException("a batch record without a value");
        }
        try {
            JsonArray rows = Json.parse(new String(value, StandardCharsets.UTF_8)).asArray();
            List<Sample> batch = new ArrayList<>(rows.size());
            for (JsonValue row : rows) {
                JsonArray cells = row.asArray();
                String[] values = new String[Column.ALL.size()];
                if (cells.size() != values.length) {
                    throw new UnreadableRecordException("a row of " + cells.size() + " values, expected " + values.length);
                }
                for (int i = 0; i < values.length; i++) {
                    values[i] = cells.get(i).asString();
                }
                batch.add(Sample.ofValues(values));
            }
            if (batch.isEmpty()) {
                throw new UnreadableRecordException("an empty batch");
            }
            return batch;
        } catch (RuntimeException e) {
            if (e instanceof UnreadableRecordException u) {
                throw u;
            }
            throw new UnreadableRecordException("not a batch of rows: " + e.getMessage());
        }
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
