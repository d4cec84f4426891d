package ledgerlearn.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium from the OS ({@code apt-get install -y chromium}), run once per page: the DOM
 * after the page's scripts ran, or a screenshot. Without it a test is skipped with a message, except
 * under {@code CI=true}, where a missing browser is a failure.
 */
public final class Chromium {
    private static final long TIMEOUT_SECONDS = 120;
    /** Virtual time the page gets before the DOM is dumped; waiting on the network pauses it. */
    private static final int VIRTUAL_TIME_MILLIS = 5000;

    private final Path binary;

    private Chromium(Path binary) {
        this.binary = binary;
    }

    /** The browser on the {@code PATH}, or a skipped (under CI: failed) test. */
    public static Chromium require() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "chromium");
            if (Files.isExecutable(candidate)) {
                return new Chromium(candidate);
            }
        }
        String message = "chromium not found on the PATH (install it with: apt-get install -y chromium)";
        if ("true".equals(System.getenv("CI"))) {
            fail(message + "; CI needs it for the browser tests (.ci/run installs it)");
        }
        Assumptions.assumeTrue(false, message + "; skipping the browser test");
        return null;
    }

    /** The page's DOM, serialised, once its scripts and their fetches have run. */
    public String dumpDom(String url) throws IOException {
        return new String(run(List.of("--dump-dom", url)), StandardCharsets.UTF_8);
    }

    /** Saves a PNG of the page's first {@code width x height} pixels. */
    public void screenshot(String url, Path png, int width, int height) throws IOException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.deleteIfExists(png);
        run(List.of("--hide-scrollbars", "--window-size=" + width + "," + height,
                "--screenshot=" + png.toAbsolutePath(), url));
        Assertions.assertTrue(Files.exists(png) && Files.size(png) > 0, "chromium wrote no screenshot to " + png);
    }

    private byte[] run(List<String> args) throws IOException {
        Path work = Files.createTempDirectory("ledgerlearn-chromium-");
        try {
            List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox",
                    "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-extensions",
                    "--user-data-dir=" + work.resolve("profile"),
                    "--virtual-time-budget=" + VIRTUAL_TIME_MILLIS));
            command.addAll(args);
            Path out = work.resolve("stdout");
            Path err = work.resolve("stderr");
            Process process = new ProcessBuilder(command)
                    .directory(work.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            boolean finished;
            try {
                finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                finished = false;
            }
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                fail("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command + "\n" + tail(err));
            }
            if (process.exitValue() != 0) {
                fail("chromium exited with " + process.exitValue() + ": " + command + "\n" + tail(err));
            }
            return Files.readAllBytes(out);
        } finally {
            deleteQuietly(work);
        }
    }

    private static String tail(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a browser helper process may still be letting go of its profile; the OS cleans temp later
        }
    }
}
