package ledgerlearn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eclipsesource.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ledgerlearn.cli.ClientOptions;
import ledgerlearn.client.MetricsCommand;
import ledgerlearn.client.StreamingClient;
import ledgerlearn.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's TLS steps, run as written, without a terminal (stdin from /dev/null): they make every
 * file without asking for anything, the certificate lasts the year they say, and a server started with
 * those files answers curl and the project's own client, both trusting the PEM file.
 */
final class ReadmeTlsStepsTest {
    private static final Pattern BLOCKS = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);

    @Test
    void makeEveryFileNonInteractivelyAndServeHttpsThatCurlAndTheClientTrust(@TempDir Path dir) throws Exception {
        List<String> blocks = tlsBlocks();
        run(dir, blocks.get(0));

        for (String file : List.of("tokens", "tls-password", "server.p12", "server.pem")) {
            assertTrue(Files.size(dir.resolve(file)) > 0, file + " is empty");
        }
        X509Certificate certificate;
        try (InputStream in = Files.newInputStream(dir.resolve("server.pem"))) {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        assertEquals(365, Duration.between(certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant())
                .toDays(), "the certificate lasts as long as the README says");

        List<String> serverFlags = serverFlags(blocks.get(1), dir);
        try (TestServer server = TestServer.startWith(serverFlags.toArray(String[]::new))) {
            String port = String.valueOf(server.uri("/").getPort());
            String[] stream = {"--url", "https://127.0.0.1:" + port, "--trust-store", dir.resolve("server.pem").toString(),
                    "--token-file", dir.resolve("tokens").toString(), "--limit", "300", "--quiet"};
            ByteArrayOutputStream streamed = new ByteArrayOutputStream();
            assertEquals(0, StreamingClient.run(ClientOptions.client(stream, Map.of()), new PrintStream(new ByteArrayOutputStream()),
                    new PrintStream(streamed, true, StandardCharsets.UTF_8)), streamed.toString(StandardCharsets.UTF_8));
            String curl = line(blocks.get(1), "curl ").replace(":5000", ":" + port);
            if (onPath("curl")) {
                String health = run(dir, curl);
                assertEquals(300, Json.parse(health).asObject().getLong("samples", -1), health);
            }

            String metrics = line(blocks.get(1), "java -jar target/ledgerlearn.jar metrics ").replace(":5000", ":" + port);
            List<String> args = new ArrayList<>(List.of(metrics.substring("java -jar target/ledgerlearn.jar metrics ".length())
                    .split(" ")));
            args.replaceAll(arg -> arg.equals("server.pem") || arg.equals("tokens") ? dir.resolve(arg).toString() : arg);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit = MetricsCommand.run(ClientOptions.metrics(args.toArray(String[]::new), Map.of()),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
            assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("last 299 scored samples"), out.toString(StandardCharsets.UTF_8));
            assertEquals("", err.toString(StandardCharsets.UTF_8), "no warning: the steps make the token file private");
        }
    }

    /** The two shell blocks of the README's "Authentication and TLS" section: making the files, and using them. */
    private static List<String> tlsBlocks() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("### Authentication and TLS");
        String section = readme.substring(start, readme.indexOf("\n### ", start + 1));
        List<String> blocks = new ArrayList<>();
        Matcher matcher = BLOCKS.matcher(section);
        while (matcher.find()) {
            blocks.add(matcher.group(1));
        }
        assertEquals(2, blocks.size(), "the section's shell blocks");
        return blocks;
    }

    /** The server's flags from the README's server line, the files in {@code dir}, port and data dir left to the test. */
    private static List<String> serverFlags(String block, Path dir) {
        String server = line(block, "java -jar target/ledgerlearn.jar server ");
        List<String> flags = new ArrayList<>();
        for (String word : server.substring("java -jar target/ledgerlearn.jar server ".length()).replace(" &", "").split(" ")) {
            flags.add(word.startsWith("--") ? word : dir.resolve(word).toString());
        }
        return flags;
    }

    private static String line(String block, String start) {
        return block.lines().filter(l -> l.startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting \"" + start + "\" in\n" + block));
    }

    /** Runs {@code script} with bash in {@code dir}, stdin from /dev/null; returns its standard output. */
    private static String run(Path dir, String script) throws Exception {
        Process process = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(dir.resolve("stderr").toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the README's steps did not finish");
        assertEquals(0, process.exitValue(), script + "\n" + Files.readString(dir.resolve("stderr")));
        return out;
    }

    private static boolean onPath(String command) {
        for (String path : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(path, command))) {
                return true;
            }
        }
        return false;
    }
}
