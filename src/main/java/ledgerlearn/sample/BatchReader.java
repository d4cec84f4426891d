package ledgerlearn.sample;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonArray;
import com.eclipsesource.json.JsonHandler;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonParser;
import com.eclipsesource.json.JsonValue;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads a POST /sample body as it arrives, without its JSON tree: each element of the top-level array is
 * built as a small tree of its own (a container nested in it stands in as an empty one, which is all its
 * refusal needs to say), turned into a {@link Sample} and dropped, so what stays is the batch's samples.
 * A body that is not an array keeps only what {@link SampleParser} needs to say what to send instead. The
 * whole body is read either way, so a syntax error anywhere wins over an invalid sample, as it did when
 * the body was parsed whole. Nesting deeper than {@code maxDepth} is refused as soon as it is seen, which
 * also keeps the recursive parser's stack short.
 */
final class BatchReader extends JsonHandler<Object, Object> {
    private final int maxDepth;
    private final List<Sample> samples = new ArrayList<>();
    private InvalidSampleException invalid;
    /** The number of containers open. */
    private int depth;
    private int index;
    private boolean topIsArray;
    private boolean topIsObject;
    /** A top-level scalar, kept for its refusal. */
    private JsonValue topScalar;
    /** For a top-level object: its members, and whether every one's value is a container (a pandas column dict). */
    private int topMembers;
    private boolean columnar = true;
    /** The element being built (at depth 2), and the value completed last for its parent. */
    private JsonValue element;
    private JsonValue completed;

    private BatchReader(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    /** The body's samples, whole batch or nothing, with the messages {@link SampleParser#parseBatch(JsonValue)} gives. */
    static List<Sample> read(Reader body, int maxDepth) throws IOException {
        BatchReader reader = new BatchReader(maxDepth);
        new JsonParser(reader).parse(body, 16 << 10);
        return reader.result();
    }

    private List<Sample> result() {
        if (topIsObject) {
            throw new InvalidSampleException(SampleParser.objectInsteadOfArray(topMembers > 0 && columnar));
        }
        if (!topIsArray) {
            throw new InvalidSampleException(SampleParser.notAnArray(topScalar));
        }
        if (invalid != null) {
            throw invalid;
        }
        if (samples.isEmpty()) {
            throw new InvalidSampleException("empty batch: send at least one sample");
        }
        // one list class whatever the size (List.copyOf has one for one or two elements and one for more):
        // the learner's compiled batch loops, specialised on the class they saw, are not thrown away
        // the first time a one-row batch comes
        return Collections.unmodifiableList(samples);
    }

    @Override
    public Object startArray() {
        open(false);
        return null;
    }

    @Override
    public Object startObject() {
        open(true);
        return null;
    }

    @Override
    public void endArray(Object array) {
        close(false);
    }

    @Override
    public void endObject(Object object) {
        close(true);
    }

    private void open(boolean object) {
        if (++depth > maxDepth) {
            throw new InvalidSampleException("JSON nested deeper than " + maxDepth + " levels");
        }
        if (depth == 1) {
            topIsArray = !object;
            topIsObject = object;
        } else if (depth == 2 && topIsArray) {
            // an element; of one that is an array, only its being one counts
            element = object ? new JsonObject() : new JsonArray();
        }
    }

    private void close(boolean object) {
        if (topIsArray && depth == 2) {
            completed = element;
            element = null;
        } else if (topIsArray && depth == 3) {
            // a container inside an element stands in as an empty one: it is refused for being one
            completed = object ? new JsonObject() : new JsonArray();
        }
        depth--;
    }

    @Override
    public void endNull() {
        scalar(Json.NULL);
    }

    @Override
    public void endBoolean(boolean value) {
        scalar(Json.value(value));
    }

    @Override
    public void endString(String string) {
        scalar(Json.value(string));
    }

    @Override
    public void endNumber(String string) {
        scalar(Json.parse(string));
    }

    private void scalar(JsonValue value) {
        if (depth == 0) {
            topScalar = value;
        } else if (topIsObject && depth == 1) {
            columnar = false;
        } else if (topIsArray && depth <= 2) {
            completed = value;
        }
    }

    @Override
    public void endObjectValue(Object object, String name) {
        if (topIsObject && depth == 1) {
            topMembers++;
        } else if (topIsArray && depth == 2 && element instanceof JsonObject members) {
            members.add(name, completed);
            completed = null;
        }
    }

    @Override
    public void endArrayValue(Object array) {
        if (topIsArray && depth == 1) {
            if (invalid == null) {
                try {
                    samples.add(SampleParser.sample(completed, "sample " + index + ": "));
                } catch (InvalidSampleException e) {
                    // read on: a syntax error later in the body is reported first
                    invalid = e;
                    samples.clear();
                }
            }
            completed = null;
            index++;
        } else if (topIsArray && depth == 2) {
            completed = null;
        }
    }
}
