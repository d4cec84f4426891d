package ledgerlearn.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import ledgerlearn.sample.StoredSample;
import ledgerlearn.testing.Samples;
import org.junit.jupiter.api.Test;

final class ActivityTest {

    @Test
    void keepsOnlyTheLastScoredRowsNewestFirst() {
        Activity activity = new Activity(3);
        List<StoredSample> rows = List.of(row("a", "1", ""), row("a", "2", "1"), row("b", "3", "2"),
                row("a", "4", "3"), row("b", "5", "4"), row("c", "6", "5"));
        rows.forEach(activity::record);

        assertEquals(List.of(rows.get(5), rows.get(4), rows.get(3)), activity.recent());
    }

    @Test
    void keepsFewerRowsThanItsCapacityInOrder() {
        Activity activity = new Activity(5);
        StoredSample first = row("a", "1", "9");
        StoredSample second = row("a", "2", "1");
        activity.record(first);
        activity.record(second);

        assertEquals(List.of(second, first), activity.recent());
    }

    @Test
    void countsEveryRowPerCompanyScoredOrNot() {
        Activity activity = new Activity(1);
        activity.record(row("a", "1", ""));
        activity.record(row("b", "2", "1"));
        activity.record(row("a", "3", "2"));

        assertEquals(Map.of("a", 2L, "b", 1L), activity.samplesByCompany());
    }

    @Test
    void refusesAnEmptyRing() {
        assertThrows(IllegalArgumentException.class, () -> new Activity(0));
    }

    private static StoredSample row(String company, String booked, String predicted) {
        return new StoredSample(Samples.sample(company, booked, "str:x"), predicted);
    }
}
