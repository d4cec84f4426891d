package ledgerlearn.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

final class TallyTest {

    @Test
    void keepsTheMostCountedAheadAndTheFirstToReachACountBeforeALaterOne() {
        Tally tally = new Tally(2);
        assertEquals(List.of(), tally.top(2));
        tally.add("a");
        tally.add("b");
        tally.add("c");
        assertEquals(List.of("a", "b"), tally.top(2));
        tally.add("c");
        assertEquals(List.of("c", "a"), tally.top(2));
        tally.add("b");
        assertEquals(List.of("c", "b"), tally.top(2), "b reached two after c");
        tally.add("a");
        tally.add("a");
        assertEquals(List.of("a", "c"), tally.top(5));
        assertEquals(List.of("a"), tally.top(1));
    }
}
