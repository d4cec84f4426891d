package ledgerlearn.http;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import ledgerlearn.telemetry.Histogram;

/**
 * The server's one request counter. Each request is counted once, when its answer is ready to send,
 * with its route template, its status, how long it took, and the route that answered it if one did;
 * {@code GET /metrics} reads it by template and status, {@code GET /stats} by answering route.
 * Routes are templates ({@code /metrics/{n}}), never raw paths, so the number of series stays bounded
 * whatever clients send. Thread-safe.
 */
final class RequestStats {
    /** The route of a request answered before or without a route template: a 404, a 401/403, a 503 while draining. */
    static final String UNMATCHED = "unmatched";

    /** One series of the request counter as Prometheus shows it. */
    record Key(String route, int status) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int byRoute = route.compareTo(other.route);
            return byRoute != 0 ? byRoute : Integer.compare(status, other.status);
        }
    }

    /** A series and the route that answered it ({@code "POST /sample"}), {@code null} when none did (404, 405, 401). */
    private record Series(Key key, String endpoint) {
    }

    private final Map<Series, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, Histogram> durations = new ConcurrentHashMap<>();

    /**
     * Counts one answered request.
     *
     * @param route the route template the path matched, or {@link #UNMATCHED}
     * @param endpoint the route that took the request, as {@code "METHOD /template"}; {@code null} when
     *     none did (no path matched, the method did not, or the request was turned away before routing)
     */
    void record(String route, String endpoint, int status, long nanos) {
        requests.computeIfAbsent(new Series(new Key(route, status), endpoint), key -> new LongAdder()).increment();
        durations.computeIfAbsent(route, key -> new Histogram()).observe(nanos);
    }

    /** Requests answered so far, by route template and status, in route then status order. */
    Map<Key, Long> requests() {
        Map<Key, Long> snapshot = new TreeMap<>();
        requests.forEach((series, count) -> snapshot.merge(series.key(), count.sum(), Long::sum));
        return snapshot;
    }

    /** Requests answered so far by the route that took them, e.g. {@code "POST /sample"}, in route order. */
    Map<String, Long> byEndpoint() {
        Map<String, Long> snapshot = new TreeMap<>();
        requests.forEach((series, count) -> {
            if (series.endpoint() != null) {
                snapshot.merge(series.endpoint(), count.sum(), Long::sum);
            }
        });
        return snapshot;
    }

    /** Request durations by route template, in route order. */
    Map<String, Histogram.Snapshot> durations() {
        Map<String, Histogram.Snapshot> snapshot = new TreeMap<>();
        durations.forEach((route, histogram) -> snapshot.put(route, histogram.snapshot()));
        return snapshot;
    }
}
