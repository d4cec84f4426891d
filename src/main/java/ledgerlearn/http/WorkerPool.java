package ledgerlearn.http;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's executor: a fixed number of workers behind a bounded queue. A request that finds the
 * queue full runs on a tiny overflow pool instead, where {@link #shedding()} is true, so the router
 * answers it 503 at once without reading its body; when even that pool is full the request is
 * refused and the JDK server closes its connection.
 */
final class WorkerPool implements Executor {
    /** Enough to answer a burst of refusals; each one only reads headers and writes a short 503. */
    static final int OVERFLOW_THREADS = 2;
    static final int OVERFLOW_QUEUE = 64;

    private final ThreadPoolExecutor workers;
    private final ThreadPoolExecutor overflow;
    private final ThreadLocal<Boolean> shedding = ThreadLocal.withInitial(() -> false);

    WorkerPool(int threads, int queue) {
        overflow = new ThreadPoolExecutor(OVERFLOW_THREADS, OVERFLOW_THREADS, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(OVERFLOW_QUEUE), daemons("ledgerlearn-busy-"));
        workers = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue),
                daemons("ledgerlearn-http-"), (task, pool) -> overflow.execute(() -> shed(task)));
    }

    /** Runs {@code task} on a worker, or on the overflow pool when every worker and queue slot is taken. */
    @Override
    public void execute(Runnable task) {
        workers.execute(task);
    }

    /** Whether the calling thread is answering a request that found the pool full. */
    boolean shedding() {
        return shedding.get();
    }

    /** Stops taking tasks and waits up to {@code seconds} for those queued or running to finish. */
    void shutdown(long seconds) throws InterruptedException {
        workers.shutdown();
        overflow.shutdown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        workers.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
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
