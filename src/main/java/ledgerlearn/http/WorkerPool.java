package ledgerlearn.http;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's executor: a thread per connection with a request in progress, up to {@code connections}.
 * The JDK server reads a request's headers and body on the thread it hands the request to, blocking while
 * the client is slow; so each such thread is a connection's, and how many requests are worked on at once
 * is {@link Admission}'s to decide, not this pool's. Threads beyond the first few end after a minute idle.
 * A request that finds every thread taken runs on a tiny overflow pool instead, where {@link #shedding()}
 * is true, so the router answers it 503 at once without reading its body; when even that pool is full the
 * request is refused and the JDK server closes its connection.
 */
final class WorkerPool implements Executor {
    /** Enough to answer a burst of refusals; each one only reads headers and writes a short 503. */
    static final int OVERFLOW_THREADS = 2;
    static final int OVERFLOW_QUEUE = 64;
    private static final int CORE_THREADS = 8;

    private final ThreadPoolExecutor connections;
    private final ThreadPoolExecutor overflow;
    private final ThreadLocal<Boolean> shedding = ThreadLocal.withInitial(() -> false);

    WorkerPool(int connections) {
        overflow = new ThreadPoolExecutor(OVERFLOW_THREADS, OVERFLOW_THREADS, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(OVERFLOW_QUEUE), daemons("ledgerlearn-busy-"));
        this.connections = new ThreadPoolExecutor(Math.min(CORE_THREADS, connections), connections, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), daemons("ledgerlearn-http-"), (task, pool) -> overflow.execute(() -> shed(task)));
    }

    /** Runs {@code task} on a connection thread, or on the overflow pool when every one is taken. */
    @Override
    public void execute(Runnable task) {
        connections.execute(task);
    }

    /** Whether the calling thread is answering a request that found every connection thread taken. */
    boolean shedding() {
        return shedding.get();
    }

    /** The connection threads running a request now. */
    int active() {
        return connections.getActiveCount();
    }

    /** Stops taking tasks and waits up to {@code seconds} for those running to finish. */
    void shutdown(long seconds) throws InterruptedException {
        connections.shutdown();
        overflow.shutdown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        connections.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        overflow.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private void shed(Runnable task) {
        shedding.set(true);
        try {
            task.run();
        } finally {
            shedding.set(false);
        }
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
