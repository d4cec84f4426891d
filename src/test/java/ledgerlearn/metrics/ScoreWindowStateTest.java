package ledgerlearn.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import ledgerlearn.snapshot.StateInput;
import ledgerlearn.snapshot.StateOutput;
import org.junit.jupiter.api.Test;

/** The auto-book figures of a window, its company curves at their edges, and a window written and read back. */
final class ScoreWindowStateTest {

    @Test
    void autoBookCountsTheSamplesToBeBookedUnseenAndHowManyOfThemWereRight() {
        ScoreWindow window = new ScoreWindow();
        window.add("b", "x", "x", true);
        window.add("a", "x", "x", true);
        window.add("a", "x", "y", true);
        window.add("b", "y", "y", false);
        window.add("a", "y", "y", false);

        assertEquals(new AutoBooked(0.6, 2 / 3.0, 3), window.scores(5, Average.MICRO).autoBook());
        assertEquals(new AutoBooked(0.5, 0.5, 2), window.scores(4, Average.MICRO).autoBook(), "the last four");
        assertEquals(new AutoBooked(2 / 3.0, 0.5, 2), window.scores(5, Average.MICRO, "a").autoBook());
        assertEquals(new AutoBooked(0.0, null, 0), window.scores(1, Average.MICRO).autoBook(), "none to be booked unseen");
        assertEquals(new AutoBooked(null, null, 0), AutoBooked.of(0, 0, 0), "an empty window");
        assertEquals(new AutoBooked(0.25, 1.0, 1), AutoBooked.of(1, 1, 4));
    }

    @Test
    void aCompanysCurveHasNoEmptyWindowAndAWindowLargerThanTheStreamHoldsItAll() {
        ScoreWindow window = new ScoreWindow();
        for (int i = 0; i < 4; i++) {
            window.add("a", "x", i % 2 == 0 ? "x" : "y");
            window.add("b", "y", "y");
        }
        window.add("c", "x", "x");

        assertEquals(2, window.curve(2, Average.MICRO, "a").size(), "four samples in windows of two");
        assertEquals(List.of(window.scores(4, Average.MICRO, "a")), window.curve(Integer.MAX_VALUE, Average.MICRO, "a"));
        assertEquals(List.of(window.scores(1, Average.MICRO, "c")), window.curve(5, Average.MICRO, "c"));
        assertEquals(List.of(window.scoresWithout(Average.MICRO, "b")),
                window.curveWithout(Integer.MAX_VALUE, Average.MICRO, "b"));
        assertThrows(IllegalArgumentException.class, () -> window.curve(0, Average.MICRO, "a"));
        assertThrows(IllegalArgumentException.class, () -> window.curveWithout(0, Average.MICRO, "a"));
    }

    private static ScoreWindow readBack(ScoreWindow window) {
        StateOutput out = new StateOutput();
        window.write(out);
        StateInput in = new StateInput(out.toByteArray());
        ScoreWindow read = ScoreWindow.read(in);
        in.end();
        return read;
    }

    @Test
    void aWindowReadBackScoresAndGrowsAsTheOriginal() {
        ScoreWindow original = new ScoreWindow();
        String[] labels = {"6100", "6900", "1000", "4000"};
        for (int i = 0; i < 3000; i++) {
            String booked = labels[i * 7 % 4];
            original.add("c" + i % 11, booked, i % 5 == 0 ? labels[i % 4] : booked, i % 3 == 0);
        }
        ScoreWindow read = readBack(original);

        assertEquals(original.size(), read.size());
        for (Average average : Average.values()) {
            assertEquals(original.scores(3000, average), read.scores(3000, average));
            assertEquals(original.curve(700, average), read.curve(700, average));
            assertEquals(original.scores(100, average, "c3"), read.scores(100, average, "c3"));
            assertEquals(original.curveWithout(500, average, "c4"), read.curveWithout(500, average, "c4"));
        }
        for (int i = 0; i < 20; i++) {
            for (ScoreWindow window : new ScoreWindow[] {original, read}) {
                window.add("c" + i, labels[i % 4], "new label", i % 2 == 0);
            }
        }
        assertEquals(original.sizeOf(Set.of("c1", "c19")), read.sizeOf(Set.of("c1", "c19")));
        for (Average average : Average.values()) {
            assertEquals(original.curve(300, average), read.curve(300, average));
            assertEquals(original.curve(50, average, "c12"), read.curve(50, average, "c12"));
        }
        assertEquals(0, readBack(new ScoreWindow()).size());
    }

    @Test
    void moreLabelsThanTwoBytesHoldAreScoredAndReadBackAsWell() {
        // 70,000 accounts: the window's label ids outgrow two bytes part way through
        ScoreWindow window = new ScoreWindow();
        for (int i = 0; i < 70_000; i++) {
            window.add("c" + i % 3, "a" + i, i % 4 == 0 ? "a" + i : "b" + i, i % 3 == 0);
        }
        window.add("c0", "a69999", "a69999", true);
        window.add("c1", "a1", "a69998", false);
        ScoreWindow read = readBack(window);

        Scores last = window.scores(2, Average.MICRO);
        assertEquals(0.5, last.accuracy());
        for (Average average : Average.values()) {
            assertEquals(window.scores(70_002, average), read.scores(70_002, average));
            assertEquals(window.scores(5, average, "c1"), read.scores(5, average, "c1"));
            assertEquals(window.curve(9_999, average), read.curve(9_999, average));
        }
        // every fourth pair predicted right: the micro accuracy says the wide ids kept their values
        assertEquals((17_500 + 1) / 70_002.0, window.scores(70_002, Average.MICRO).accuracy(), 1e-12);
    }

    @Test
    void bitsReadBackAsWrittenEightToAByteAndNoneMayBeSetPastTheirCount() {
        Random random = new Random(7);
        for (int n : new int[] {0, 1, 7, 8, 9, 63, 64, 65, 130, 1000}) {
            BitSet bits = new BitSet();
            for (int i = 0; i < n; i++) {
                bits.set(i, random.nextBoolean());
            }
            BitSet written = (BitSet) bits.clone();
            // bits past n, which must not be written
            bits.set(n, n + 64);
            byte[] state = state(out -> out.writeBits(bits, n));
            assertEquals(4 + (n + 7) / 8, state.length, "n " + n);

            StateInput in = new StateInput(state);
            assertEquals(written, in.readBits(), "n " + n);
            assertEquals(n, in.lastLength());
            in.end();
        }
        byte[] pastTheCount = state(out -> out.writeInt(3).writeInt(0b1000 << 24));
        assertThrows(StateInput.CorruptStateException.class, () -> new StateInput(Arrays.copyOf(pastTheCount, 5)).readBits());
    }

    private static byte[] state(Consumer<StateOutput> write) {
        StateOutput out = new StateOutput();
        write.accept(out);
        return out.toByteArray();
    }

    /** A window of two labels ("x" then "y") and one company, its pairs as given. */
    private static byte[] pairs(int[] booked, int[] predicted, boolean[] autoBooked) {
        BitSet marks = new BitSet();
        for (int i = 0; i < autoBooked.length; i++) {
            marks.set(i, autoBooked[i]);
        }
        return state(out -> {
            out.writeInt(2).writeString("x").writeString("y").writeInt(1).writeString("a");
            out.writeInts(booked, booked.length).writeInts(predicted, predicted.length)
                    .writeBits(marks, autoBooked.length);
            out.writeInts(new int[] {0, 1}, 2);
        });
    }

    @Test
    void aStateThatCannotBeAWindowIsRefused() {
        boolean[] two = {false, true};
        byte[][] states = {
            state(out -> out.writeInt(-1)),
            state(out -> out.writeInt(0).writeInt(-2)),
            pairs(new int[] {0, 1}, new int[] {1, 0}, new boolean[] {true}),
            pairs(new int[] {0, 1}, new int[2000], two),
            // fewer predicted labels than booked ones: the missing ones must not read as label 0
            pairs(new int[] {0, 1}, new int[] {1}, two),
            pairs(new int[] {-1, 1}, new int[] {1, 0}, two),
            pairs(new int[] {0, 2}, new int[] {1, 0}, two),
            pairs(new int[] {0, 1}, new int[] {1, -1}, two),
            pairs(new int[] {0, 1}, new int[] {2, 0}, two),
        };
        for (byte[] state : states) {
            assertThrows(StateInput.CorruptStateException.class, () -> ScoreWindow.read(new StateInput(state)));
        }
        ScoreWindow read = ScoreWindow.read(new StateInput(pairs(new int[] {0, 1}, new int[] {1, 1}, two)));
        assertEquals(new AutoBooked(0.5, 1.0, 1), read.scores(2, Average.MICRO, "a").autoBook());
        assertEquals(0.5, read.scores(2, Average.MICRO).accuracy());
    }
}
