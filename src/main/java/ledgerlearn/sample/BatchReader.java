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
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Reads a batch body (POST /sample's samples, POST /predict/batch's queries) as it arrives, without its JSON
 * tree: each element of the top-level array is built as a small tree of its own (a container nested in it
 * stands in as an empty one, which is all its refusal needs to say), turned into what the batch holds and
 * dropped, so what stays is the batch's elements. A body that is not an array keeps only what its refusal
 * needs to say what to send instead. The whole body is read either way, so a syntax error anywhere wins over
 * an invalid element, as it did when the body was parsed whole. Nesting deeper than {@code maxDepth} is
 * refused as soon as it is seen, which also keeps the recursive parser's stack short.
 */
final class BatchReader<T> extends JsonHandler<Object, Object> {
    /**
     * What a batch holds: its elements' name ({@code sample}, {@code query}; the refusals are worded with it), the
     * most a batch may hold, how an element is read ({@link InvalidSampleException} refuses it; {@code where} is
     * {@code "sample 3: "}), and the refusal of a body that is an object: a pandas column dict ({@code columnar})
     * or a single element.
     */
    record Kind<T>(String noun, String plural, int max, BiFunction<JsonValue, String, T> element,
                   Function<Boolean, String> objectInsteadOfArray) {
    }

    private final Kind<T> kind;
    private final int maxDepth;
    private final List<T> elements = new ArrayList<>();
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

    private BatchReader(Kind<T> kind, int maxDepth) {
        this.kind = kind;
        this.maxDepth = maxDepth;
    }

    /** The body's elements, whole batch or nothing, with the refusals {@code kind} gives. */
    static <T> List<T> read(Reader body, Kind<T> kind, int maxDepth) throws IOException {
        BatchReader<T> reader = new BatchReader<>(kind, maxDepth);
        new JsonParser(reader).parse(body, 16 << 10);
        return reader.result();
    }

    private List<T> result() {
        if (topIsObject) {
            throw new InvalidSampleException(kind.objectInsteadOfArray().apply(topMembers > 0 && columnar));
        }
        if (!topIsArray) {
            throw new InvalidSampleException(SampleParser.notAnArray(topScalar, kind.plural()));
        }
        if (index == 0) {
            throw new InvalidSampleException("empty batch: send at least one " + kind.noun());
        }
        if (index > kind.max()) {
            throw new InvalidSampleException("batch of " + index + " " + kind.plural() + "; at most " + kind.max()
                    + " a request: split it");
        }
        if (invalid != null) {
            throw invalid;
        }
        // one list class whatever the size (List.copyOf has one for one or two elements and one for more):
        // the learner's compiled batch loops, specialised on the class they saw, are not thrown away
        // the first time a one-row batch comes
        return Collections.unmodifiableList(elements);
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
            // past the most a batch may hold, elements are only counted, for the refusal
            if (invalid == null && index < kind.max()) {
                try {
                    elements.add(kind.element().apply(completed, kind.noun() + " " + index + ": "));
                } catch (InvalidSampleException e) {
                    // read on: a syntax error later in the body is reported first
                    invalid = e;
                    elements.clear();
                }
            } else if (index == kind.max()) {
                elements.clear();
            }
            completed = null;
            index++;
        } else if (topIsArray && depth == 2) {
            completed = null;
        }
    }
}
