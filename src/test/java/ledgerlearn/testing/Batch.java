package ledgerlearn.testing;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonArray;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ledgerlearn.sample.Sample;

/**
 * A batch whose rows carry their identity in the index column, {@code b<id>r<row>of<size>}, so
 * a store can be checked for whole, contiguous, unduplicated batches without other bookkeeping.
 */
public record Batch(int id, List<Sample> samples) {
    private static final Pattern TAG = Pattern.compile("b([0-9]+)r([0-9]+)of([0-9]+)");

    /** {@code rows} tagged as batch {@code id}. */
    public static Batch of(int id, List<Sample> rows) {
        List<Sample> tagged = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Sample s = rows.get(i);
            tagged.add(new Sample("b" + id + "r" + i + "of" + rows.size(), s.companyId(), s.date(), s.text(),
                    s.amount(), s.accountName(), s.accountNumber(), s.accountTypeName()));
        }
        return new Batch(id, List.copyOf(tagged));
    }

    public int size() {
        return samples.size();
    }

    /** The POST /sample body, the tags in the index column {@code ""}. */
    public String body() {
        JsonArray array = Json.array();
        samples.forEach(sample -> array.add(Samples.json(sample).add("", sample.index())));
        return array.toString();
    }

    /** Where a stored row came from: its batch, its place in it, and the batch's size. */
    public record Tag(int batch, int row, int size) {
        /** The tag in a row's index column; an error for a row that no {@link Batch} wrote. */
        public static Tag of(Sample sample) {
            Matcher matcher = TAG.matcher(sample.index());
            if (!matcher.matches()) {
                throw new AssertionError("row without a batch tag: index \"" + sample.index() + "\"");
            }
            return new Tag(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                    Integer.parseInt(matcher.group(3)));
        }
    }
}
