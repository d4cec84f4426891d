package ledgerlearn.sample;

import com.eclipsesource.json.JsonValue;
import java.util.List;

/** Turns a parsed JSON body into validated samples or a query, whole batch or nothing. */
public final class SampleParser {
    private SampleParser() {}

    /** A POST /sample body: a non-empty array of sample objects. */
    public static List<Sample> parseBatch(JsonValue body) {
        throw new UnsupportedOperationException("not yet");
    }

    /** A POST /predict body: one object whose feature keys are all optional. */
    public static Transaction parseQuery(JsonValue body) {
        throw new UnsupportedOperationException("not yet");
    }
}
