package ledgerlearn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import ledgerlearn.snapshot.StateInput;
import org.junit.jupiter.api.Test;

final class FeatureTableTest {

    private static List<int[]> pairsOf(FeatureTable table, int feature) {
        List<int[]> pairs = new ArrayList<>();
        for (int p = table.start(feature), end = table.end(feature); p < end; p += 2) {
            pairs.add(new int[] {table.classOf(p), table.countOf(p)});
        }
        return pairs;
    }

    @Test
    void countsEachBucketsClassesAndListsThemAscending() {
        FeatureTable table = new FeatureTable(100);
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
        FeatureTable table = new FeatureTable(2);
        table.add(0, 1);
        table.add(0, 2);
        table.add(1, 5);
        table.add(1, 6);
        table.add(1, 7);
        table.add(0, 3);

        assertEquals(4, table.pairs());
        assertEquals(1, table.count(1, 6));
        assertEquals(0, table.count(1, 7), "a class new to a feature beyond the cap is not counted");
        assertEquals(0, table.count(0, 3));
        table.add(1, 6);
        table.add(2, 3);
        assertEquals(2, table.count(1, 6), "pairs already kept still count");
        assertEquals(1, table.count(2, 3), "a feature's first class is always kept");
    }

    @Test
    void agreesWithAPlainMapThroughGrowthAndCompaction() {
        FeatureTable table = new FeatureTable(1 << 20);
        Map<Long, Integer> expected = new HashMap<>();
        Random random = new Random(3);
        for (int i = 0; i < 50_000; i++) {
            int feature = random.nextInt(64);
            int c = (int) Math.abs(random.nextGaussian() * 60);
            table.add(feature, c);
            expected.merge((long) feature << 32 | c, 1, Integer::sum);
        }
        int pairs = 0;
        for (int feature = 0; feature < 64; feature++) {
            int previous = -1;
            for (int[] pair : pairsOf(table, feature)) {
                assertTrue(pair[0] > previous, "classes ascending");
                previous = pair[0];
                assertEquals(expected.get((long) feature << 32 | pair[0]), pair[1]);
                pairs++;
            }
        }
        assertEquals(expected.size(), pairs);
        assertEquals(expected.size(), table.pairs());
    }

    @Test
    void growsForFeatureIdsBeyondItsFirstCapacityAndDigestsAsIfItHadAlwaysBeenThatLarge() {
        FeatureTable grown = new FeatureTable(10);
        FeatureTable small = new FeatureTable(10);
        small.add(3, 1);
        grown.add(3, 1);
        grown.add(50_000, 2);
        grown.add(50_000, 2);

        assertEquals(2, grown.count(50_000, 2));
        assertEquals(0, grown.count(70_000, 2), "a feature beyond the table is unseen");
        assertFalse(grown.seen(70_000));
        assertEquals(0, grown.end(70_000) - grown.start(70_000));
        small.add(50_000, 2);
        small.add(50_000, 2);
        assertEquals(small.digest(1), grown.digest(1));
    }

    @Test
    void equalTablesHaveEqualDigests() {
        FeatureTable first = new FeatureTable(10);
        FeatureTable second = new FeatureTable(10);
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

    @Test
    void aFeatureNeverAddedIsUnseenAndCountsNothingWhereverItLies() {
        FeatureTable table = new FeatureTable(100);
        // feature 7's row is the first in the pool
        table.add(7, 1);
        table.add(7, 2);
        table.add(9, 7);
        for (int feature = 0; feature < 3000; feature++) {
            if (feature == 7 || feature == 9) {
                continue;
            }
            assertFalse(table.seen(feature), "feature " + feature);
            assertEquals(table.start(feature), table.end(feature), "feature " + feature);
            for (int c = 0; c < 10; c++) {
                assertEquals(0, table.count(feature, c), "feature " + feature + " class " + c);
            }
        }
    }

    @Test
    void theCapAlsoStopsAFeaturesSecondClass() {
        FeatureTable table = new FeatureTable(1);
        table.add(0, 1);
        table.add(0, 2);
        table.add(1, 5);
        table.add(1, 6);

        assertEquals(3, table.pairs());
        assertEquals(1, table.count(0, 2));
        assertEquals(0, table.count(1, 6), "the one extra pair went to feature 0");
        assertEquals(List.of(List.of(5, 1)), asLists(pairsOf(table, 1)));
    }

    @Test
    void aFeatureSeenWithAThousandClassesCountsEachOne() {
        FeatureTable table = new FeatureTable(1 << 20);
        for (int c = 999; c >= 0; c--) {
            table.add(4, c);
            table.add(4, c);
            table.add(5, c % 3);
        }
        for (int c = 0; c < 1000; c++) {
            assertEquals(2, table.count(4, c), "class " + c);
        }
        assertEquals(1000, pairsOf(table, 4).size());
        assertEquals(List.of(List.of(0, 334), List.of(1, 333), List.of(2, 333)), asLists(pairsOf(table, 5)));
    }

    @Test
    void equalCountsHaveEqualDigestsWhateverTheOrderTheirRowsWereMadeIn() {
        FeatureTable first = new FeatureTable(10);
        FeatureTable second = new FeatureTable(10);
        first.add(0, 1);
        first.add(0, 2);
        first.add(1, 1);
        first.add(1, 2);
        second.add(1, 2);
        second.add(1, 1);
        second.add(0, 2);
        second.add(0, 1);

        assertEquals(first.digest(1), second.digest(1));
        second.add(0, 1);
        assertNotEquals(first.digest(1), second.digest(1));
    }

    private static FeatureTable readBack(FeatureTable table) {
        return States.roundTrip(table::write, FeatureTable::read);
    }

    @Test
    void aTableReadBackCountsAndGrowsOnAsTheOriginal() {
        FeatureTable original = new FeatureTable(1500);
        Random random = new Random(4);
        for (int i = 0; i < 5000; i++) {
            original.add(random.nextInt(40), random.nextInt(30));
        }
        FeatureTable read = readBack(original);

        assertEquals(original.digest(7), read.digest(7));
        assertEquals(original.pairs(), read.pairs());
        assertEquals(original.distinct(), read.distinct());
        for (FeatureTable table : List.of(original, read)) {
            Random same = new Random(5);
            for (int i = 0; i < 5000; i++) {
                table.add(same.nextInt(80), same.nextInt(60));
            }
        }
        assertEquals(original.digest(7), read.digest(7));
        assertEquals(80 + 1500, read.pairs(), "the cap holds across the read");
        for (int feature = 0; feature < 80; feature++) {
            assertEquals(asLists(pairsOf(original, feature)), asLists(pairsOf(read, feature)));
        }
        assertEquals(new FeatureTable(3).digest(1), readBack(new FeatureTable(3)).digest(1));
    }

    @Test
    void aStateWithMoreHeadsThanCountsIsRefused() {
        byte[] bytes = States.bytes(out -> out.writeLong(10).writeInt(0).writeLong(0).writeInt(0)
                .writeInts(new int[4], 4).writeInts(new int[3], 3).writeInts(new int[0], 0));

        assertThrows(StateInput.CorruptStateException.class, () -> FeatureTable.read(new StateInput(bytes)));
    }
}
