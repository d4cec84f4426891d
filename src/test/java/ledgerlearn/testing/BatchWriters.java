package ledgerlearn.testing;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Threads that each post up to {@code quota} batches to a server, one at a time, and record every
 * outcome: acknowledged (with the {@code total} the 200 reported), refused (any other status), or
 * failed without an answer. A writer stops after its first failure: the server is gone.
 */
public final class BatchWriters {
    private final HttpTarget server;
    private final IntFunction<Batch> batches;
    private final AtomicInteger nextId;
    private final int quota;
    private final List<Thread> threads = new ArrayList<>();
    private final Map<Integer, Long> acks = new ConcurrentHashMap<>();
    private final Map<Integer, String> refused = new ConcurrentHashMap<>();
    private final Map<Integer, String> failed = new ConcurrentHashMap<>();
    private final Set<Integer> sent = ConcurrentHashMap.newKeySet();
    private final Object progress = new Object();
    private volatile boolean stopping;

    private BatchWriters(HttpTarget server, IntFunction<Batch> batches, AtomicInteger nextId, int quota) {
        this.server = server;
        this.batches = batches;
        this.nextId = nextId;
        this.quota = quota;
    }

    /**
     * Starts {@code writers} threads posting {@code batches.apply(id)} for ids drawn from {@code nextId}.
     *
     * @param quota batches per writer; {@link Integer#MAX_VALUE} to post until stopped or failed
     */
    public static BatchWriters start(HttpTarget server, int writers, int quota, AtomicInteger nextId,
                                     IntFunction<Batch> batches) {
        BatchWriters result = new BatchWriters(server, batches, nextId, quota);
        for (int i = 0; i < writers; i++) {
            Thread thread = new Thread(result::write, "batch-writer-" + i);
            result.threads.add(thread);
            thread.start();
        }
        return result;
    }

    private void write() {
        for (int k = 0; k < quota && !stopping; k++) {
            int id = nextId.getAndIncrement();
            Batch batch = batches.apply(id);
            sent.add(id);
            try {
                HttpResponse<String> response = server.trySend(HttpRequest.newBuilder(server.uri("/sample"))
                        .POST(HttpRequest.BodyPublishers.ofString(batch.body())));
                if (response.statusCode() == 200) {
                    JsonObject answer = Json.parse(response.body()).asObject();
                    if (answer.getInt("accepted", -1) != batch.size()) {
                        refused.put(id, "200 with the wrong count: " + response.body());
                    }
                    acks.put(id, answer.getLong("total", -1));
                } else {
                    refused.put(id, response.statusCode() + " " + response.body());
                }
            } catch (IOException | RuntimeException e) {
                failed.put(id, e.toString());
                return;
            } finally {
                synchronized (progress) {
                    progress.notifyAll();
                }
            }
        }
    }

    /** Waits until at least {@code n} batches were acknowledged, or every writer ended, or the time is up. */
    public boolean awaitAcks(int n, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        synchronized (progress) {
            while (acks.size() < n && threads.stream().anyMatch(Thread::isAlive)) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                progress.wait(Math.min(left, 100));
            }
        }
        return acks.size() >= n;
    }

    /** Waits for every writer to end by itself (quota done, or the server gone). */
    public void join(long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (Thread thread : threads) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            if (thread.isAlive()) {
                throw new AssertionError(thread.getName() + " still running after " + seconds + " s");
            }
        }
    }

    /** Asks the writers to stop after the batch each is sending, and waits for them. */
    public void stop(long seconds) throws InterruptedException {
        stopping = true;
        join(seconds);
    }

    /** Acknowledged batches: id → the {@code total} their 200 reported. */
    public Map<Integer, Long> acks() {
        return Map.copyOf(acks);
    }

    /** Batches answered with another status: id → status and body. */
    public Map<Integer, String> refused() {
        return Map.copyOf(refused);
    }

    /** Batches that got no answer at all: id → the failure. */
    public Map<Integer, String> failed() {
        return Map.copyOf(failed);
    }

    /** Every batch id a writer started to send. */
    public Set<Integer> sent() {
        return Set.copyOf(sent);
    }
}
