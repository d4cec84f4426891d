package ledgerlearn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

final class WorkerPoolTest {

    @Test
    void taskBeyondWorkersAndQueueRunsAtOnceOnTheOverflowPoolMarkedAsShedding() throws Exception {
        WorkerPool pool = new WorkerPool(1, 1);
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Boolean> first = new CompletableFuture<>();
        CompletableFuture<Boolean> queued = new CompletableFuture<>();
        CompletableFuture<Boolean> overflow = new CompletableFuture<>();
        try {
            pool.execute(() -> {
                first.complete(pool.shedding());
                running.countDown();
                await(release);
            });
            assertTrue(running.await(10, TimeUnit.SECONDS));
            pool.execute(() -> queued.complete(pool.shedding()));
            pool.execute(() -> overflow.complete(pool.shedding()));

            assertTrue(overflow.get(10, TimeUnit.SECONDS), "ran while the worker was busy, as shedding");
            assertFalse(queued.isDone(), "the queued task waits for the worker");
            release.countDown();
            assertFalse(queued.get(10, TimeUnit.SECONDS));
            assertFalse(first.get());
        } finally {
            release.countDown();
            pool.shutdown(10);
        }
    }

    @Test
    void refusesWhenTheOverflowPoolIsFullToo() throws Exception {
        WorkerPool pool = new WorkerPool(1, 1);
        CountDownLatch release = new CountDownLatch(1);
        int taken = 1 + 1 + WorkerPool.OVERFLOW_THREADS + WorkerPool.OVERFLOW_QUEUE;
        CountDownLatch started = new CountDownLatch(1 + WorkerPool.OVERFLOW_THREADS);
        try {
            for (int i = 0; i < taken; i++) {
                pool.execute(() -> {
                    started.countDown();
                    await(release);
                });
            }
            assertTrue(started.await(10, TimeUnit.SECONDS), "the worker and both overflow threads are busy");

            RejectedExecutionException e = assertThrows(RejectedExecutionException.class, () -> pool.execute(() -> {}));
            assertEquals(RejectedExecutionException.class, e.getClass());
        } finally {
            release.countDown();
            pool.shutdown(10);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
