package ledgerlearn.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A ledgerlearn command in a JVM of its own, from the same java and class path as the caller, its
 * output (stdout and stderr together) collected line by line; every one still running when the
 * caller's JVM exits is killed. Its flags alone decide: no {@code LEDGERLEARN_*} variable of the
 * caller's environment reaches it.
 */
public final class JavaProcess implements AutoCloseable {
    public static final int HEAD_LINES = 200;
    public static final int TAIL_LINES = 200;
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly)));
    }

    private final String name;
    private final Process process;
    private final long startedNanos;
    /** The first lines printed (where a server says it listens), kept whole. */
    private final List<String> head = new ArrayList<>();
    /** The latest lines after those; a server with its access log on prints one per request. */
    private final ArrayDeque<String> tail = new ArrayDeque<>();
    private long count;
    private boolean outOfMemory;
    private final Thread reader;
    private volatile long endedNanos;

    private JavaProcess(String name, Process process, long startedNanos) {
        this.name = name;
        this.process = process;
        this.startedNanos = startedNanos;
        this.reader = new Thread(this::readLines, "output-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** The java binary of this JVM. */
    public static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** {@code java <jvmFlags> -cp <this class path> ledgerlearn.Main <args>}. */
    public static List<String> command(List<String> jvmFlags, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(java().toString());
        command.addAll(jvmFlags);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("ledgerlearn.Main");
        command.addAll(args);
        return command;
    }

    /** Starts {@code command}: usually one {@link #command} makes, but any will do (the bench runs Python scripts so). */
    public static JavaProcess start(String name, List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(variable -> variable.startsWith("LEDGERLEARN_"));
        long started = System.nanoTime();
        Process process = builder.start();
        LIVE.add(process);
        return new JavaProcess(name, process, started);
    }

    public long pid() {
        return process.pid();
    }

    /** When the process was started, on the {@link System#nanoTime()} clock. */
    public long startedNanos() {
        return startedNanos;
    }

    /** When {@link #waitFor} saw the process exit, on the {@link System#nanoTime()} clock. */
    public long endedNanos() {
        return endedNanos;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The first {@link #HEAD_LINES} and the last {@link #TAIL_LINES} lines printed so far. */
    public List<String> lines() {
        synchronized (head) {
            List<String> kept = new ArrayList<>(head);
            kept.addAll(tail);
            return kept;
        }
    }

    /** Whether the process printed an {@code OutOfMemoryError}, wherever among its lines. */
    public boolean printedOutOfMemoryError() {
        synchronized (head) {
            return outOfMemory;
        }
    }

    /** The last few lines printed, for an error message. */
    public String tail() {
        List<String> all = lines();
        return String.join("\n  ", all.subList(Math.max(0, all.size() - 8), all.size()));
    }

    /**
     * Waits for a line that {@code wanted} accepts; empty if the process exits or the time runs out first.
     * Lines between the first and the last few may be gone by the time they are looked at.
     */
    public Optional<String> awaitLine(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long seen = 0;
        synchronized (head) {
            while (true) {
                for (; seen < count; seen++) {
                    String line = line(seen);
                    if (line != null && wanted.test(line)) {
                        return Optional.of(line);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !reader.isAlive()) {
                    return Optional.empty();
                }
                TimeUnit.NANOSECONDS.timedWait(head, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
            }
        }
    }

    /** Line number {@code n} (from 0), or {@code null} when it is no longer kept. Holds the lock. */
    private String line(long n) {
        if (n < head.size()) {
            return head.get((int) n);
        }
        long firstInTail = count - tail.size();
        if (n < firstInTail) {
            return null;
        }
        int i = 0;
        for (String line : tail) {
            if (firstInTail + i++ == n) {
                return line;
            }
        }
        return null;
    }

    /** Waits for the process to exit and its output to be read; returns the exit code. */
    public int waitFor(Duration timeout) throws InterruptedException, IOException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IOException(name + " did not finish within " + timeout.toSeconds() + " s; killed it. Last lines:\n  " + tail());
        }
        endedNanos = System.nanoTime();
        reader.join(5_000);
        LIVE.remove(process);
        return process.exitValue();
    }

    /**
     * Asks the process to stop (SIGTERM), waits up to {@code grace}, then kills it; returns the exit code
     * once everything it printed, while stopping too, has been read.
     */
    public int stop(Duration grace) throws InterruptedException {
        // through the handle: Process.destroy() would also close the output pipe, losing what the
        // process prints while it stops (a server's "stopped" line)
        process.toHandle().destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            process.toHandle().destroyForcibly();
            process.waitFor();
        }
        reader.join(5_000);
        LIVE.remove(process);
        return process.exitValue();
    }

    /** SIGKILL: the process dies at once, wherever it is; returns when it is gone and its output read. */
    public void kill() throws InterruptedException {
        process.toHandle().destroyForcibly();
        process.waitFor();
        reader.join(5_000);
        LIVE.remove(process);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop(Duration.ofSeconds(15));
        }
    }

    private void readLines() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (head) {
                    if (head.size() < HEAD_LINES) {
                        head.add(line);
                    } else {
                        if (tail.size() == TAIL_LINES) {
                            tail.removeFirst();
                        }
                        tail.addLast(line);
                    }
                    count++;
                    outOfMemory |= line.contains("OutOfMemoryError");
                    head.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process is gone; what it printed is kept
        } finally {
            synchronized (head) {
                head.notifyAll();
            }
        }
    }
}
