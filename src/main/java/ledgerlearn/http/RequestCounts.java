package ledgerlearn.http;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many requests each route has had since the server started, counted when the router hands a
 * request to the route's endpoint (whatever the endpoint then answers); thread-safe.
 */
public final class RequestCounts {
    private final Map<String, LongAdder> byRoute = new ConcurrentHashMap<>();

    /** Counts one request to {@code route}, e.g. {@code "POST /sample"}. */
    void count(String route) {
        byRoute.computeIfAbsent(route, key -> new LongAdder()).increment();
    }

    /** The counts so far by route, sorted by route; routes without a request are absent. */
    public Map<String, Long> snapshot() {
        Map<String, Long> counts = new TreeMap<>();
        byRoute.forEach((route, count) -> counts.put(route, count.sum()));
        return counts;
    }
}
