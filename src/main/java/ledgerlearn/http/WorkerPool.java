package ledgerlearn.http;

import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server's executor: a thread per connection with a request in progress, up to {@code connections}.
 * The JDK server reads a request's headers and body on the thread it hands the request to, blocking while
 * the client is slow; so each such thread is a connection's, and how many requests are worked on at once
 * is {@link Admission}'s to decide, not this pool's. Threads beyond the first few end after a minute idle.
 * A request that finds every thread taken runs on a tiny overflow pool instead, where {@link #shedding()}
 * is true, so the router answers it 503 at once without reading its body (a probe, which needs no worker, is
 * answered all the same); when even that pool is full the
 * request is refused and the JDK server closes its connection.
 *
 * <p>So a client that opens a connection thread's worth of connections and sends half a request on each would
 * take every thread until the request timeout. A watchdog keeps threads free: while fewer than
 * {@link #reserve} connection threads are free, it cuts the connections whose threads have waited for their
 * client (for headers, a body, or to take an answer) for {@link #PATIENCE_UNDER_PRESSURE_NANOS} or more, and it
 * cuts an overflow thread's client after {@link #OVERFLOW_PATIENCE_NANOS}. A thread is cut by interrupting it
 * while it waits on its socket, which closes that socket; the code between two waits marks itself as working
 * ({@link #working()}), and is never interrupted, so a store or log write is never cut.
 */
final class WorkerPool implements Executor {
    /**
     * Enough to answer a burst of refusals; each one only reads headers and writes a short 503, and a client
     * that is slow to send its headers is cut after {@link #OVERFLOW_PATIENCE_NANOS}, so slow clients queued
     * here cannot keep the others behind them waiting for long.
     */
    static final int OVERFLOW_THREADS = 16;
    static final int OVERFLOW_QUEUE = 64;
    private static final int CORE_THREADS = 8;
    /** Under pressure, how long a connection thread may wait for its client before it is cut. */
    static final long PATIENCE_UNDER_PRESSURE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** How long an overflow thread, which only sends 503s, waits for its client. */
    static final long OVERFLOW_PATIENCE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final long WATCH_EVERY_MILLIS = 100;
    private static final System.Logger LOG = System.getLogger("ledgerlearn.http");
    /** The task the current thread runs, while it runs one of this pool's. */
    private static final ThreadLocal<Task> CURRENT = new ThreadLocal<>();

    private final ThreadPoolExecutor connections;
    private final ThreadPoolExecutor overflow;
    private final int maxConnections;
    /** The tasks running now, on either pool. */
    private final Set<Task> running = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService watchdog;
    private final AtomicLong cut = new AtomicLong();
    private long lastCutLogged;

    WorkerPool(int connections) {
        maxConnections = connections;
        overflow = new ThreadPoolExecutor(OVERFLOW_THREADS, OVERFLOW_THREADS, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(OVERFLOW_QUEUE), daemons("ledgerlearn-busy-"));
        this.connections = new ThreadPoolExecutor(Math.min(CORE_THREADS, connections), connections, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), daemons("ledgerlearn-http-"),
                (connection, pool) -> overflow.execute(() -> run(((Connection) connection).request, true)));
        watchdog = Executors.newSingleThreadScheduledExecutor(daemons("ledgerlearn-slow-clients-"));
        watchdog.scheduleWithFixedDelay(this::cutSlowClients, WATCH_EVERY_MILLIS, WATCH_EVERY_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /** Runs {@code task} on a connection thread, or on the overflow pool when every one is taken. */
    @Override
    public void execute(Runnable task) {
        connections.execute(new Connection(task));
    }

    /** A request's task as a connection thread runs it; the overflow pool runs the request itself. */
    private final class Connection implements Runnable {
        final Runnable request;

        Connection(Runnable request) {
            this.request = request;
        }

        @Override
        public void run() {
            WorkerPool.this.run(request, false);
        }
    }

    /**
     * The free connection threads below which the watchdog cuts slow clients: an eighth of them, at least one,
     * so that requests that send their headers and body at once always find a thread.
     */
    static int reserve(int connections) {
        return Math.max(1, connections / 8);
    }

    /** How many connections were cut for waiting too long while threads were scarce. */
    long slowClientsCut() {
        return cut.get();
    }

    /** Marks the current thread's request as waiting for its client from now on: it may be cut until {@link #working()}. */
    static void waitingForClient() {
        Task task = CURRENT.get();
        if (task != null) {
            task.waiting();
        }
    }

    /**
     * Marks the current thread's request as working: it is not cut from now on.
     *
     * @throws HttpError 408 when it was cut while it waited (its connection is closed)
     */
    static void working() {
        Task task = CURRENT.get();
        if (task != null && !task.working()) {
            throw HttpError.requestTimeout("the request came too slowly while the server was short of threads;"
                    + " its connection was closed");
        }
    }

    /** Whether the calling thread is answering a request that found every connection thread taken. */
    boolean shedding() {
        Task task = CURRENT.get();
        return task != null && task.overflowing;
    }

    /** The connection threads running a request now. */
    int active() {
        return connections.getActiveCount();
    }

    /** Stops taking tasks and waits up to {@code seconds} for those running to finish. */
    void shutdown(long seconds) throws InterruptedException {
        watchdog.shutdownNow();
        connections.shutdown();
        overflow.shutdown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        connections.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        overflow.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /** Runs a request's task, waiting for its client until the router says otherwise. */
    private void run(Runnable runnable, boolean overflowing) {
        Task task = new Task(Thread.currentThread(), overflowing);
        CURRENT.set(task);
        running.add(task);
        try {
            runnable.run();
        } finally {
            running.remove(task);
            task.finish();
            CURRENT.remove();
        }
    }

    /** The watchdog's round: see the class comment. A round that fails is logged, and the next one runs. */
    private void cutSlowClients() {
        try {
            cutSlowClientsNow();
        } catch (RuntimeException e) {
            // an exception would end the scheduled rounds for good
            LOG.log(System.Logger.Level.ERROR, "slow-client watchdog round failed", e);
        }
    }

    private void cutSlowClientsNow() {
        long now = System.nanoTime();
        int busy = 0;
        for (Task task : running) {
            if (!task.overflowing) {
                busy++;
            }
        }
        boolean pressed = maxConnections - busy < reserve(maxConnections);
        int cutNow = 0;
        for (Task task : running) {
            long patience = task.overflowing ? OVERFLOW_PATIENCE_NANOS : pressed ? PATIENCE_UNDER_PRESSURE_NANOS : -1;
            if (patience >= 0 && task.cutIfWaitingSince(now - patience)) {
                cutNow++;
            }
        }
        if (cutNow > 0) {
            long total = cut.addAndGet(cutNow);
            if (now - lastCutLogged > TimeUnit.SECONDS.toNanos(10) || lastCutLogged == 0) {
                lastCutLogged = now;
                LOG.log(System.Logger.Level.WARNING, "cut " + cutNow + " connections whose clients were too slow"
                        + " while connection threads were scarce (" + total + " since start; --connections "
                        + maxConnections + ")");
            }
        }
    }

    /**
     * One request's task and whether it waits for its client. States: working, waiting (since when), cutting (the
     * watchdog is interrupting the thread), cut (the interrupt was sent; the thread clears it) and finished.
     */
    private static final class Task {
        private static final int WORKING = 0;
        private static final int WAITING = 1;
        private static final int CUTTING = 2;
        private static final int CUT = 3;
        private static final int FINISHED = 4;

        final Thread thread;
        final boolean overflowing;
        private final AtomicInteger state = new AtomicInteger(WAITING);
        private volatile long waitingSince = System.nanoTime();

        Task(Thread thread, boolean overflowing) {
            this.thread = thread;
            this.overflowing = overflowing;
        }

        void waiting() {
            // the time first: the watchdog reads it once it has claimed the waiting state
            waitingSince = System.nanoTime();
            state.compareAndSet(WORKING, WAITING);
        }

        /** Whether the task may go on working: false when it was cut, its interrupt now cleared. */
        boolean working() {
            while (true) {
                int now = state.get();
                if (now == WORKING || (now == WAITING && state.compareAndSet(WAITING, WORKING))) {
                    return true;
                }
                if (now == CUT) {
                    Thread.interrupted();
                    return false;
                }
                // cutting: the watchdog decides in a moment, and either interrupts or gives the wait back
                Thread.onSpinWait();
            }
        }

        /** Interrupts the thread if it has waited for its client since {@code before} or earlier. */
        boolean cutIfWaitingSince(long before) {
            if (state.get() != WAITING || !state.compareAndSet(WAITING, CUTTING)) {
                return false;
            }
            // read only now: the wait claimed may have begun after a check made before the claim
            if (waitingSince - before > 0) {
                state.set(WAITING);
                return false;
            }
            thread.interrupt();
            state.set(CUT);
            return true;
        }

        /** Ends the task: from now on the watchdog leaves its thread alone, which may run another task. */
        void finish() {
            while (true) {
                int now = state.get();
                if (now == CUT) {
                    Thread.interrupted();
                    return;
                }
                if (now != CUTTING && state.compareAndSet(now, FINISHED)) {
                    return;
                }
                Thread.onSpinWait();
            }
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
