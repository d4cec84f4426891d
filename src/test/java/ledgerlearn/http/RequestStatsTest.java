package ledgerlearn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class RequestStatsTest {

    @Test
    void countsByRouteAndStatusInRouteThenStatusOrderWithADurationEach() {
        RequestStats stats = new RequestStats();
        stats.record("/sample", "POST /sample", 200, 1_000_000);
        stats.record("/sample", "POST /sample", 200, 2_000_000);
        stats.record("/sample", "POST /sample", 400, 100_000);
        stats.record(RequestStats.UNMATCHED, null, 404, 50_000);

        assertEquals(Map.of(new RequestStats.Key("/sample", 200), 2L, new RequestStats.Key("/sample", 400), 1L,
                new RequestStats.Key("unmatched", 404), 1L), stats.requests());
        assertEquals(List.of(new RequestStats.Key("/sample", 200), new RequestStats.Key("/sample", 400),
                new RequestStats.Key("unmatched", 404)), List.copyOf(stats.requests().keySet()));
        assertEquals(3, stats.durations().get("/sample").count());
        assertEquals(0.0031, stats.durations().get("/sample").sumSeconds(), 1e-12);
    }

    @Test
    void countsByAnsweringRouteSortedByRouteLeavingOutRequestsNoRouteTook() {
        RequestStats stats = new RequestStats();
        stats.record("/sample", "POST /sample", 200, 1);
        stats.record("/health", "GET /health", 200, 1);
        stats.record("/sample", "POST /sample", 400, 1);
        stats.record("/sample", null, 405, 1);
        stats.record(RequestStats.UNMATCHED, null, 404, 1);

        assertEquals(List.of("GET /health", "POST /sample"), List.copyOf(stats.byEndpoint().keySet()));
        assertEquals(Map.of("GET /health", 1L, "POST /sample", 2L), stats.byEndpoint());
        assertEquals(Map.of(new RequestStats.Key("/health", 200), 1L, new RequestStats.Key("/sample", 200), 1L,
                new RequestStats.Key("/sample", 400), 1L, new RequestStats.Key("/sample", 405), 1L,
                new RequestStats.Key("unmatched", 404), 1L), stats.requests(), "one count, both views");
    }

    @Test
    void losesNoCountWhenManyThreadsCountAtOnce() throws Exception {
        RequestStats stats = new RequestStats();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            String route = t % 2 == 0 ? "/sample" : "/health";
            String endpoint = t % 2 == 0 ? "POST /sample" : "GET /health";
            threads.add(new Thread(() -> {
                for (int i = 0; i < 20_000; i++) {
                    stats.record(route, endpoint, 200, 1);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }

        assertEquals(Map.of("GET /health", 40_000L, "POST /sample", 40_000L), stats.byEndpoint());
        assertEquals(40_000L, stats.durations().get("/sample").count());
    }
}
