package ledgerlearn.http;

import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;

/**
 * Whether a request is let in, and when it may use a worker. A request that found every connection thread
 * taken is turned away (503 with {@code Retry-After}, at once, before its body is read), and so is one
 * that arrives once a stop has begun (503). A request let in reads its body on its connection's thread,
 * however slowly the client sends it; only then does it take one of the {@code workers} to be answered,
 * or waits for one among at most {@code queue} others, or is turned away (503) when that many already
 * wait. So slow clients hold connection threads, which are many and cheap, and never the workers. It
 * counts the requests let in until their answers are sent, so that a stop can wait for them.
 */
final class Admission {
    private final BooleanSupplier shedding;
    private final Semaphore workers;
    private final int queue;
    private final Object monitor = new Object();
    private int inFlight;
    private int waiting;
    private boolean draining;

    /** A request let in, or a worker taken; closing it gives it back. */
    interface Pass extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * @param shedding whether the request on the calling thread found the connection threads all taken
     * @param workers how many requests may be worked on at once
     * @param queue how many more may wait for a worker
     */
    Admission(BooleanSupplier shedding, int workers, int queue) {
        this.shedding = shedding;
        this.workers = new Semaphore(workers, true);
        this.queue = queue;
    }

    /** Lets the calling thread's request in, or throws the 503 that turns it away when a stop has begun. */
    Pass enter() {
        synchronized (monitor) {
            if (draining) {
                throw HttpError.shuttingDown();
            }
            inFlight++;
        }
        return this::leave;
    }

    /**
     * Throws the 503 that turns away a request that found every connection thread taken; a probe, which needs
     * no worker, is answered all the same (a busy server is alive).
     */
    void refuseIfShedding() {
        if (shedding.getAsBoolean()) {
            throw HttpError.busy();
        }
    }

    /** Takes a worker for the calling thread's request, waiting in the queue if there is room, else throws a 503. */
    Pass work() {
        if (!workers.tryAcquire()) {
            synchronized (monitor) {
                if (waiting >= queue) {
                    throw HttpError.busy();
                }
                waiting++;
            }
            try {
                workers.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw HttpError.shuttingDown();
            } finally {
                synchronized (monitor) {
                    waiting--;
                }
            }
        }
        return workers::release;
    }

    /** The requests waiting for a worker now. */
    int waiting() {
        synchronized (monitor) {
            return waiting;
        }
    }

    private void leave() {
        synchronized (monitor) {
            inFlight--;
            monitor.notifyAll();
        }
    }

    /**
     * Turns new requests away with 503 and waits up to {@code graceMillis} for those in flight to be
     * answered. The JDK server's own {@code stop(delay)} waits out the whole delay on Java 17 even when
     * idle, so the server drains here and then stops at once.
     *
     * @return whether every request in flight was answered in time
     */
    boolean drain(long graceMillis) throws InterruptedException {
        long deadline = System.nanoTime() + graceMillis * 1_000_000L;
        synchronized (monitor) {
            draining = true;
            while (inFlight > 0) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    return false;
                }
                monitor.wait(left);
            }
            return true;
        }
    }
}
