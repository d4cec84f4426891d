package ledgerlearn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class RequestStatsTest {

    @Test
    void countsByRouteAndStatusInRouteThenStatusOrderWithADurationEach() {
        RequestStats stats = new RequestStats();
        stats.record("/sample", 200, 1_000_000);
        stats.record("/sample", 200, 2_000_000);
        stats.record("/sample", 400, 100_000);
        stats.record(RequestStats.UNMATCHED, 404, 50_000);

        assertEquals(Map.of(new RequestStats.Key("/sample", 200), 2L, new RequestStats.Key("/sample", 400), 1L,
                new RequestStats.Key("unmatched", 404), 1L), stats.requests());
        assertEquals(List.of(new RequestStats.Key("/sample", 200), new RequestStats.Key("/sample", 400),
                new RequestStats.Key("unmatched", 404)), List.copyOf(stats.requests().keySet()));
        assertEquals(3, stats.durations().get("/sample").count());
        assertEquals(0.0031, stats.durations().get("/sample").sumSeconds(), 1e-12);
    }
}
