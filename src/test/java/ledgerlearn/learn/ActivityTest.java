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
        rows.forEach(row -> activity.record(row, false));

        assertEquals(List.of(rows.get(5), rows.get(4), rows.get(3)), rows(activity.recent()));
    }

    @Test
    void keepsFewerRowsThanItsCapacityInOrder() {
        Activity activity = new Activity(5);
        StoredSample first = row("a", "1", "9");
        StoredSample second = row("a", "2", "1");
        activity.record(first, true);
        activity.record(second, false);

        assertEquals(List.of(new Activity.Entry(second, false), new Activity.Entry(first, true)), activity.recent());
    }

    @Test
    void countsEveryRowPerCompanyScoredOrNot() {
        Activity activity = new Activity(1);
        activity.record(row("a", "1", ""), false);
        activity.record(row("b", "2", "1"), false);
        activity.record(row("a", "3", "2"), false);

        assertEquals(Map.of("a", 2L, "b", 1L), activity.samplesByCompany());
    }

    @Test
    void keepsEachCompanysOwnLastScoredRowsNewestFirst() {
        Activity activity = new Activity(2);
        List<StoredSample> rows = List.of(row("a", "1", "9"), row("b", "2", "1"), row("a", "3", "2"),
                row("a", "4", "3"), row("b", "5", ""));
        rows.forEach(row -> activity.record(row, false));

        assertEquals(List.of(rows.get(3), rows.get(2)), rows(activity.recent("a")));
        assertEquals(List.of(rows.get(1)), rows(activity.recent("b")), "an unscored row is not recent");
        assertEquals(List.of(), activity.recent("never"));
    }

    @Test
    void keepsRowsOfTheMostRecentlyActiveCompaniesOnly() {
        Activity activity = new Activity(1);
        for (int c = 0; c <= Activity.COMPANIES_WITH_RECENT; c++) {
            activity.record(row("c" + c, "1", "1"), false);
        }

        assertEquals(List.of(), activity.recent("c0"), "the least recently active company's rows are let go");
        assertEquals(1, activity.recent("c1").size());
        assertEquals(Activity.COMPANIES_WITH_RECENT + 1, activity.samplesByCompany().size(), "counts are kept for all");
    }

    @Test
    void refusesAnEmptyRing() {
        assertThrows(IllegalArgumentException.class, () -> new Activity(0));
    }

    private static List<StoredSample> rows(List<Activity.Entry> entries) {
        return entries.stream().map(Activity.Entry::row).toList();
    }

    private static StoredSample row(String company, String booked, String predicted) {
        return new StoredSample(Samples.sample(company, booked, "str:x"), predicted);
    }
}
