package ledgerlearn.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

final class AverageTest {

    @Test
    void parsesEachAverageByNameInAnyCase() {
        assertEquals(Average.MACRO, Average.parse("macro"));
        assertEquals(Average.MICRO, Average.parse("MICRO"));
        assertEquals(Average.WEIGHTED, Average.parse("Weighted"));
    }

    @Test
    void refusesAnUnknownAverageNamingTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Average.parse("mean"));
        assertEquals("average must be macro, micro or weighted, got \"mean\"", e.getMessage());
    }

    @Test
    void labelsEachAverageAsTheApiWritesIt() {
        assertEquals("macro", Average.MACRO.label());
        assertEquals("micro", Average.MICRO.label());
        assertEquals("weighted", Average.WEIGHTED.label());
    }
}
