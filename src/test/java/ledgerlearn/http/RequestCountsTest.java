package ledgerlearn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class RequestCountsTest {

    @Test
    void countsByRouteSortedByRoute() {
        RequestCounts counts = new RequestCounts();
        counts.count("POST /sample");
        counts.count("GET /health");
        counts.count("POST /sample");

        assertEquals(List.of("GET /health", "POST /sample"), List.copyOf(counts.snapshot().keySet()));
        assertEquals(Map.of("GET /health", 1L, "POST /sample", 2L), counts.snapshot());
    }

    @Test
    void losesNoCountWhenManyThreadsCountAtOnce() throws Exception {
        RequestCounts counts = new RequestCounts();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            String route = t % 2 == 0 ? "POST /sample" : "GET /health";
            threads.add(new Thread(() -> {
                for (int i = 0; i < 20_000; i++) {
                    counts.count(route);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }

        assertEquals(Map.of("GET /health", 40_000L, "POST /sample", 40_000L), counts.snapshot());
    }
}
