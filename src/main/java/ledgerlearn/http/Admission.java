package ledgerlearn.http;

import java.util.function.BooleanSupplier;

/**
 * Whether a request is let in: not when it found every worker and queue slot taken (503 with
 * {@code Retry-After}, at once, before its body is read), and not once a stop has begun (503). It
 * counts the requests let in until their answers are sent, so that a stop can wait for them.
 */
final class Admission {
    private final BooleanSupplier shedding;
    private final Object monitor = new Object();
    private int inFlight;
    private boolean draining;

    /** A request let in; closing it once its answer is sent lets a stop that waits for it go on. */
    interface Pass extends AutoCloseable {
        @Override
        void close();
    }

    /** @param shedding whether the request on the calling thread found the worker pool full */
    Admission(BooleanSupplier shedding) {
        this.shedding = shedding;
    }

    /** Lets the calling thread's request in, or throws the 503 that turns it away. */
    Pass enter() {
        if (shedding.getAsBoolean()) {
            throw HttpError.busy();
        }
        synchronized (monitor) {
            if (draining) {
                throw HttpError.shuttingDown();
            }
            inFlight++;
        }
        return this::leave;
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
