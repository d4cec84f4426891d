package ledgerlearn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

final class FeatureTableTest {

    private static List<int[]> pairsOf(FeatureTable table, int bucket) {
        List<int[]> pairs = new ArrayList<>();
        for (int p = table.start(bucket), end = table.end(bucket); p < end; p += 2) {
            pairs.add(new int[] {table.classOf(p), table.countOf(p)});
        }
        return pairs;
    }

    @Test
    void countsEachBucketsClassesAndListsThemAscending() {
        FeatureTable table = new FeatureTable(4, 100);
        table.add(3, 7);
        table.add(3, 7);
        table.add(5, 2);
        table.add(3, 1);
        table.add(3, 9);
        table.add(3, 1);

        assertEquals(2, table.distinct());
        assertEquals(4, table.pairs());
        assertEquals(2, table.count(3, 7));
        assertEquals(2, table.count(3, 1));
        assertEquals(1, table.count(3, 9));
        assertEquals(0, table.count(3, 2));
        assertEquals(1, table.count(5, 2));
        assertEquals(0, table.count(4, 2));
        assertTrue(table.seen(5));
        assertFalse(table.seen(4));
        assertEquals(List.of(List.of(1, 2), List.of(7, 2), List.of(9, 1)), asLists(pairsOf(table, 3)));
        assertEquals(List.of(List.of(2, 1)), asLists(pairsOf(table, 5)));
        assertEquals(List.of(), pairsOf(table, 0));
    }

    @Test
    void keepsNoMorePairsBeyondEachBucketsFirstThanItsCap() {
        FeatureTable table = new FeatureTable(4, 2);
        table.add(0, 1);
        table.add(0, 2);
        table.add(1, 5);
        table.add(1, 6);
        table.add(1, 7);
        table.add(0, 3);

        assertEquals(4, table.pairs());
        assertEquals(1, table.count(1, 6));
        assertEquals(0, table.count(1, 7), "a class new to a bucket beyond the cap is not counted");
        assertEquals(0, table.count(0, 3));
        table.add(1, 6);
        table.add(2, 3);
        assertEquals(2, table.count(1, 6), "pairs already kept still count");
        assertEquals(1, table.count(2, 3), "a bucket's first class is always kept");
    }

    @Test
    void agreesWithAPlainMapThroughGrowthAndCompaction() {
        FeatureTable table = new FeatureTable(6, 1 << 20);
        Map<Long, Integer> expected = new HashMap<>();
        Random random = new Random(3);
        for (int i = 0; i < 50_000; i++) {
            int bucket = random.nextInt(64);
            int c = (int) Math.abs(random.nextGaussian() * 60);
            table.add(bucket, c);
            expected.merge((long) bucket << 32 | c, 1, Integer::sum);
        }
        int pairs = 0;
        for (int bucket = 0; bucket < 64; bucket++) {
            int previous = -1;
            for (int[] pair : pairsOf(table, bucket)) {
                assertTrue(pair[0] > previous, "classes ascending");
                previous = pair[0];
                assertEquals(expected.get((long) bucket << 32 | pair[0]), pair[1]);
                pairs++;
            }
        }
        assertEquals(expected.size(), pairs);
        assertEquals(expected.size(), table.pairs());
    }

    @Test
    void equalTablesHaveEqualDigests() {
        FeatureTable first = new FeatureTable(5, 10);
        FeatureTable second = new FeatureTable(5, 10);
        for (int i = 0; i < 200; i++) {
            first.add(i % 32, i % 7);
            second.add(i % 32, i % 7);
        }
        assertEquals(first.digest(1), second.digest(1));
        second.add(3, 3);
        assertNotEquals(first.digest(1), second.digest(1));
    }

    private static List<List<Integer>> asLists(List<int[]> pairs) {
        return pairs.stream().map(p -> List.of(p[0], p[1])).toList();
    }
}
