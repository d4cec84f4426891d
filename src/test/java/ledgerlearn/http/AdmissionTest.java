package ledgerlearn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

final class AdmissionTest {

    @Test
    void aRequestTakesAWorkerOrWaitsInTheQueueOrIsRefusedAtOnceWhenTheQueueIsFull() throws Exception {
        Admission admission = new Admission(() -> false, 1, 1);
        Admission.Pass first = admission.work();
        CompletableFuture<Admission.Pass> queued = CompletableFuture.supplyAsync(admission::work);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (admission.waiting() < 1 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(1, admission.waiting(), "the second request waits in the queue");

        HttpError busy = assertThrows(HttpError.class, admission::work, "the queue is full: refused at once");
        assertEquals(503, busy.status());
        assertEquals("1", busy.headers().get("Retry-After"));
        assertFalse(queued.isDone(), "the queued request waits for the worker");

        first.close();
        queued.get(10, TimeUnit.SECONDS).close();
        admission.work().close();
    }

    @Test
    void aRequestThatFoundEveryConnectionThreadTakenIsRefusedUnlessItIsAProbe() {
        Admission admission = new Admission(() -> true, 4, 4);
        assertEquals(503, assertThrows(HttpError.class, admission::refuseIfShedding).status());
        // a probe needs no worker: it is let in, and answered
        admission.enter().close();
    }

    @Test
    void aDrainWaitsForTheRequestsLetInAndRefusesNewOnes() throws Exception {
        Admission admission = new Admission(() -> false, 4, 4);
        Admission.Pass pass = admission.enter();
        CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> {
            try {
                return admission.drain(10_000);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        while (true) {
            try {
                admission.enter().close();
                Thread.sleep(1);
            } catch (HttpError e) {
                assertEquals("server is shutting down", e.getMessage());
                break;
            }
        }
        pass.close();
        assertTrue(drained.get(10, TimeUnit.SECONDS));
    }
}
