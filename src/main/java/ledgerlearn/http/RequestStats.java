package ledgerlearn.http;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import ledgerlearn.telemetry.Histogram;

/**
 * Live request counts by route template and status, and request durations by route template;
 * thread-safe. Routes are templates ({@code /metrics/{n}}), never raw paths, so the number of
 * series stays bounded whatever clients send.
 */
final class RequestStats {
    /** The route of a request answered before or without a route template: a 404, a 401/403, a 503 while draining. */
    static final String UNMATCHED = "unmatched";

    /** One series of the request counter. */
    record Key(String route, int status) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int byRoute = route.compareTo(other.route);
            return byRoute != 0 ? byRoute : Integer.compare(status, other.status);
        }
    }

    private final Map<Key, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, Histogram> durations = new ConcurrentHashMap<>();

    /** Counts one answered request and how long it took to answer. */
    void record(String route, int status, long nanos) {
        requests.computeIfAbsent(new Key(route, status), key -> new LongAdder()).increment();
        durations.computeIfAbsent(route, key -> new Histogram()).observe(nanos);
    }

    /** Requests answered so far, by route and status, in route then status order. */
    Map<Key, Long> requests() {
        Map<Key, Long> snapshot = new TreeMap<>();
        requests.forEach((key, count) -> snapshot.put(key, count.sum()));
        return snapshot;
    }

    /** Request durations by route, in route order. */
    Map<String, Histogram.Snapshot> durations() {
        Map<String, Histogram.Snapshot> snapshot = new TreeMap<>();
        durations.forEach((route, histogram) -> snapshot.put(route, histogram.snapshot()));
        return snapshot;
    }
}
