package ledgerlearn.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ledgerlearn.process.JavaProcess;
import org.junit.jupiter.api.Test;

/**
 * {@code demo} stopped by Ctrl-C (SIGINT) or SIGTERM exits 0 and leaves nothing behind, every time: while
 * it streams, and once it keeps running after the stream. It once printed "ledgerlearn demo: null" and
 * exited 1 in half the tries, when a stop signal's interrupt reached the store as it was being closed.
 */
final class DemoStopTest {
    private static final int TRIES = 20;
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Pattern DATA_DIR = Pattern.compile("\\(data dir (.+)\\)$");

    @Test
    void exitsZeroOnSigtermOrSigintEveryTimeWhileStreamingOrKeptRunning() throws Exception {
        for (int i = 0; i < TRIES; i++) {
            String signal = i % 2 == 0 ? "TERM" : "INT";
            boolean streaming = i % 4 >= 2;
            // paced, the stream is still running when the signal comes; unpaced, the demo has reached its wait
            List<String> args = streaming ? List.of("demo", "--rate", "2000", "--quiet")
                    : List.of("demo", "--keep-running", "--quiet");
            String when = streaming ? "demo: dashboard at" : "press Ctrl-C to stop it";
            try (JavaProcess demo = JavaProcess.start("demo", JavaProcess.command(List.of("-XX:+UseSerialGC"), args))) {
                String what = "try " + i + ": SIG" + signal + (streaming ? " while streaming" : " while kept running");
                Optional<String> ready = demo.awaitLine(line -> line.contains(when), TIMEOUT);
                assertTrue(ready.isPresent(), what + ": never printed \"" + when + "\":\n" + demo.tail());
                Path dataDir = dataDir(demo);

                signal(demo.pid(), signal);

                assertEquals(0, demo.waitFor(TIMEOUT), what + ":\n" + demo.tail());
                String output = String.join("\n", demo.lines());
                assertTrue(output.contains("demo: stopped"), what + ":\n" + output);
                assertFalse(output.contains("null"), what + ":\n" + output);
                assertFalse(output.contains("resume"), what + ": its data dir goes with it, so nothing can be resumed:\n" + output);
                assertFalse(Files.exists(dataDir), what + ": the data dir " + dataDir + " is left behind");
            }
        }
    }

    private static Path dataDir(JavaProcess demo) throws InterruptedException {
        String line = demo.awaitLine(l -> DATA_DIR.matcher(l).find(), TIMEOUT).orElseThrow();
        Matcher matcher = DATA_DIR.matcher(line);
        assertTrue(matcher.find());
        return Path.of(matcher.group(1));
    }

    /** {@code kill -s NAME pid}: Java itself can only send SIGTERM and SIGKILL. */
    private static void signal(long pid, String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-s", name, String.valueOf(pid)).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -s " + name + " " + pid);
    }
}
