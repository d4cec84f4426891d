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
    void runsEachConnectionOnAThreadOfItsOwnUpToTheLimitThenShedsOnTheOverflowPool() throws Exception {
        int connections = 20;
        WorkerPool pool = new WorkerPool(connections);
        CountDownLatch running = new CountDownLatch(connections);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Boolean> overflow = new CompletableFuture<>();
        try {
            for (int i = 0; i < connections; i++) {
                pool.execute(() -> {
                    assertFalse(pool.shedding());
                    running.countDown();
                    await(release);
                });
            }
            assertTrue(running.await(10, TimeUnit.SECONDS), "every connection runs at once, none waits in a queue");
            assertEquals(connections, pool.active());
            pool.execute(() -> overflow.complete(pool.shedding()));

            assertTrue(overflow.get(10, TimeUnit.SECONDS), "ran while every thread was taken, as shedding");
        } finally {
            release.countDown();
            pool.shutdown(10);
        }
    }

    @Test
    void refusesWhenTheOverflowPoolIsFullToo() throws Exception {
        WorkerPool pool = new WorkerPool(2);
        CountDownLatch release = new CountDownLatch(1);
        int taken = 2 + WorkerPool.OVERFLOW_THREADS + WorkerPool.OVERFLOW_QUEUE;
        CountDownLatch started = new CountDownLatch(2 + WorkerPool.OVERFLOW_THREADS);
        try {
            for (int i = 0; i < taken; i++) {
                pool.execute(() -> {
                    started.countDown();
                    await(release);
                });
            }
            assertTrue(started.await(10, TimeUnit.SECONDS), "both threads and both overflow threads are busy");

            RejectedExecutionException e = assertThrows(RejectedExecutionException.class, () -> pool.execute(() -> {}));
            assertEquals(RejectedExecutionException.class, e.getClass());
        } finally {
            release.countDown();
            pool.shutdown(10);
        }
    }

    @Test
    void whileThreadsAreScarceARequestWaitingForItsClientIsCutAndAWorkingOneIsNot() throws Exception {
        // two connection threads, both taken: fewer free than the reserve of one
        WorkerPool pool = new WorkerPool(2);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> waiting = new CompletableFuture<>();
        CompletableFuture<Boolean> working = new CompletableFuture<>();
        try {
            pool.execute(() -> {
                WorkerPool.waitingForClient();
                try {
                    release.await();
                    waiting.complete("not cut");
                } catch (InterruptedException cut) {
                    try {
                        WorkerPool.working();
                        waiting.complete("cut, but allowed to work on");
                    } catch (HttpError e) {
                        waiting.complete(e.status() + " " + e.headers().get("Connection"));
                    }
                }
            });
            pool.execute(() -> {
                WorkerPool.working();
                try {
                    working.complete(!release.await(3, TimeUnit.SECONDS) && !Thread.currentThread().isInterrupted());
                } catch (InterruptedException e) {
                    working.complete(false);
                }
            });

            assertEquals("408 close", waiting.get(10, TimeUnit.SECONDS), "cut after a second of waiting");
            assertTrue(working.get(10, TimeUnit.SECONDS), "a working request is never interrupted");
            assertEquals(1, pool.slowClientsCut());
        } finally {
            release.countDown();
            pool.shutdown(10);
        }
    }

    @Test
    void withThreadsToSpareARequestMayWaitForItsClientAsLongAsTheRequestTimeoutAllows() throws Exception {
        WorkerPool pool = new WorkerPool(16);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Boolean> waited = new CompletableFuture<>();
        try {
            pool.execute(() -> {
                WorkerPool.waitingForClient();
                try {
                    waited.complete(!release.await(2, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    waited.complete(false);
                }
            });

            assertTrue(waited.get(10, TimeUnit.SECONDS), "not cut: fifteen threads were free");
            assertEquals(0, pool.slowClientsCut());
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
