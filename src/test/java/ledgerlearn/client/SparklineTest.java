package ledgerlearn.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

final class SparklineTest {

    @Test
    void drawsEachValueFromTheLowestBlockToTheHighest() {
        List<Double> values = List.of(0.1, 0.5, 0.9, 0.2);
        assertEquals("\u2581\u2585\u2588\u2582", Sparkline.of(values, true));
        assertEquals("_=#.", Sparkline.of(values, false));
    }

    @Test
    void drawsAFlatSeriesAtMidHeight() {
        assertEquals("\u2584\u2584\u2584", Sparkline.of(List.of(0.75, 0.75, 0.75), true));
        assertEquals("---", Sparkline.of(List.of(0.75, 0.75, 0.75), false));
    }
}
