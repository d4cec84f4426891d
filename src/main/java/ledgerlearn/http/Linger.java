package ledgerlearn.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Takes, after an answer, the rest of a request body that was not read, for a short while. A client still
 * sending a body it was refused for (a 413, say) reads its answer only once it is done sending, and a
 * connection closed with bytes unread is reset, which can destroy the answer in flight: so what keeps
 * arriving is read and dropped, up to a byte limit and {@link #MAX_MILLIS}. A body that is not coming
 * (announced but never sent) is given up on after {@link #QUIET_MILLIS} without a byte, and one announced
 * larger than the limit is not waited for at all: the connection is closed at once. Either way the wait is
 * on the connection's own thread, never a worker's, and it is bounded.
 *
 * <p>The JDK server's blocking reads cannot time out; a watchdog interrupts a thread that waited too long,
 * which closes the connection's channel under it (an interruptible channel closes when its reader is
 * interrupted) and ends the read.
 */
final class Linger {
    static final long QUIET_MILLIS = 200;
    static final long MAX_MILLIS = 2_000;
    private static final long TICK_MILLIS = 25;

    /** The threads lingering now, each with when it gives up; the watchdog interrupts those past it. */
    private static final Map<Thread, Watch> WATCHED = new ConcurrentHashMap<>();

    static {
        startWatchdog();
    }

    private Linger() {}

    /** A thread's deadline; the lock makes "still watched" and "interrupt it" one step. */
    private static final class Watch {
        long deadline;
        boolean done;
    }

    /**
     * Reads and drops the rest of {@code body}, of which {@code declared} bytes were announced (-1: not said),
     * taking at most {@code maxBytes}; returns whether it reached the end, so that the connection may be kept.
     */
    static boolean drain(InputStream body, long declared, long maxBytes) {
        if (declared > maxBytes) {
            return false;
        }
        Thread me = Thread.currentThread();
        Watch watch = new Watch();
        long start = System.nanoTime();
        long hardDeadline = start + TimeUnit.MILLISECONDS.toNanos(MAX_MILLIS);
        watch.deadline = Math.min(hardDeadline, start + TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS));
        WATCHED.put(me, watch);
        byte[] buffer = new byte[8192];
        long taken = 0;
        try {
            while (taken <= maxBytes) {
                int read = body.read(buffer);
                if (read < 0) {
                    return true;
                }
                taken += read;
                synchronized (watch) {
                    watch.deadline = Math.min(hardDeadline, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS));
                }
            }
            return false;
        } catch (IOException e) {
            // interrupted by the watchdog (the channel is closed), or the client went away
            return false;
        } finally {
            synchronized (watch) {
                watch.done = true;
            }
            WATCHED.remove(me);
            // an interrupt that came as the read returned must not touch what this thread does next
            Thread.interrupted();
        }
    }

    /** The number of threads lingering now. */
    static int lingering() {
        return WATCHED.size();
    }

    private static void startWatchdog() {
        Thread thread = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(TICK_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
                long now = System.nanoTime();
                WATCHED.forEach((lingering, watch) -> {
                    synchronized (watch) {
                        if (!watch.done && now - watch.deadline > 0) {
                            watch.done = true;
                            lingering.interrupt();
                        }
                    }
                });
            }
        }, "ledgerlearn-linger-watchdog");
        thread.setDaemon(true);
        thread.start();
    }
}
