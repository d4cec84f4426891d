package ledgerlearn.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A fixed number of connections, each a thread sending prebuilt requests: back to back (closed loop:
 * the next request leaves when the previous answer is in), or paced at a fixed total rate. Paced, a
 * request is also timed from when it was due, so a stall is not hidden by the requests it delayed;
 * but that time includes how late the generator's own thread woke up, which on shared cores is the
 * generator's delay, not the server's, so it is kept apart too.
 */
final class LoadGenerator {
    private final InetSocketAddress address;
    private final List<byte[]> requests;
    private final int connections;
    /** Nanoseconds between two requests of one connection; 0 for a closed loop. */
    private final long intervalNanos;
    private final List<Worker> workers = new ArrayList<>();
    private volatile boolean running;
    private long startedNanos;

    /** A closed loop: each connection sends its next request as soon as the previous one is answered. */
    LoadGenerator(InetSocketAddress address, List<byte[]> requests, int connections) {
        this(address, requests, connections, 0);
    }

    /** Paced at {@code perSecond} requests a second over all connections; 0 for a closed loop. */
    LoadGenerator(InetSocketAddress address, List<byte[]> requests, int connections, double perSecond) {
        if (requests.isEmpty() || connections < 1 || perSecond < 0) {
            throw new IllegalArgumentException("need requests, at least one connection and a rate >= 0");
        }
        this.address = address;
        this.requests = List.copyOf(requests);
        this.connections = connections;
        this.intervalNanos = perSecond == 0 ? 0 : (long) (1e9 * connections / perSecond);
    }

    /** Runs the load for {@code duration} and returns what it measured. */
    static LoadResult run(InetSocketAddress address, List<byte[]> requests, int connections, Duration duration)
            throws IOException, InterruptedException {
        LoadGenerator load = new LoadGenerator(address, requests, connections);
        load.start();
        Thread.sleep(duration.toMillis());
        return load.stop();
    }

    /** Opens every connection, then lets them all loose at once. */
    void start() throws IOException {
        running = true;
        for (int i = 0; i < connections; i++) {
            // each connection starts at another place in the requests, so they do not ask the same in step
            workers.add(new Worker(new HttpConnection(address), i * requests.size() / connections));
        }
        startedNanos = System.nanoTime();
        for (int i = 0; i < workers.size(); i++) {
            // paced connections take turns, spread evenly over one interval
            workers.get(i).due = startedNanos + intervalNanos * i / connections;
            workers.get(i).thread.start();
        }
    }

    /** Stops every connection after its request in flight and adds up their measurements. */
    LoadResult stop() throws InterruptedException {
        running = false;
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        LatencyHistogram latencies = new LatencyHistogram();
        LatencyHistogram fromDue = new LatencyHistogram();
        LatencyHistogram late = new LatencyHistogram();
        long failures = 0;
        String firstFailure = null;
        for (Worker worker : workers) {
            worker.thread.join();
            latencies.add(worker.latencies);
            fromDue.add(worker.fromDue);
            late.add(worker.late);
            failures += worker.failures;
            if (firstFailure == null) {
                firstFailure = worker.firstFailure;
            }
        }
        return new LoadResult(connections, latencies, fromDue, late, failures, firstFailure, seconds);
    }

    private final class Worker implements Runnable {
        final Thread thread;
        final HttpConnection connection;
        final LatencyHistogram latencies = new LatencyHistogram();
        final LatencyHistogram fromDue = new LatencyHistogram();
        final LatencyHistogram late = new LatencyHistogram();
        int next;
        long due;
        long failures;
        String firstFailure;

        Worker(HttpConnection connection, int first) {
            this.connection = connection;
            this.next = first;
            this.thread = new Thread(this, "bench-load-" + workers.size());
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            try (connection) {
                while (running) {
                    byte[] request = requests.get(next);
                    next = next + 1 == requests.size() ? 0 : next + 1;
                    long dueNow = due;
                    if (intervalNanos > 0) {
                        long now = System.nanoTime();
                        if (dueNow > now) {
                            Thread.sleep((dueNow - now) / 1_000_000, (int) ((dueNow - now) % 1_000_000));
                            if (!running) {
                                break;
                            }
                        }
                        due += intervalNanos;
                    }
                    long start = System.nanoTime();
                    int status = connection.exchange(request);
                    long end = System.nanoTime();
                    if (status == 200) {
                        latencies.record(end - start);
                        if (intervalNanos > 0) {
                            fromDue.record(end - dueNow);
                            late.record(Math.max(0, start - dueNow));
                        }
                    } else {
                        fail("HTTP " + status + ": " + connection.body());
                    }
                }
            } catch (IOException e) {
                fail(e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void fail(String why) {
            failures++;
            if (firstFailure == null) {
                firstFailure = why;
            }
        }
    }

    /**
     * What a load run measured: the latency of every answered request, how many failed, over how long.
     *
     * @param latencies from sending each request to its whole answer
     * @param fromDue paced only: from when each request was due to its whole answer
     * @param late paced only: how long after it was due each request left
     * @param firstFailure why the first failed request failed, or {@code null}
     */
    record LoadResult(int connections, LatencyHistogram latencies, LatencyHistogram fromDue, LatencyHistogram late,
                      long failures, String firstFailure, double seconds) {
        double perSecond() {
            return seconds > 0 ? latencies.count() / seconds : 0;
        }
    }
}
