package ledgerlearn.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Apache Kafka broker for the tests: one KRaft node (broker and controller) in a child JVM, from the
 * {@code kafka_2.13} jars Maven resolved (their class path is in {@code target/kafka-broker.classpath}), listening
 * on 127.0.0.1 only, on ports the system picks. The ports are read back from the broker's own log and kept for a
 * restart, so clients find it again. Closing stops it (SIGTERM) and deletes its directory.
 */
public final class KafkaBroker implements AutoCloseable {
    private static final Pattern EPHEMERAL = Pattern.compile("(PLAINTEXT|CONTROLLER): resolved ephemeral port to (\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Path dir;
    private final String clusterId = randomClusterId();
    private Process process;
    private int brokerPort;
    private int controllerPort;

    private KafkaBroker(Path dir) {
        this.dir = dir;
    }

    /** Starts a broker on a new temporary directory and returns once it serves. */
    public static KafkaBroker start() throws IOException {
        KafkaBroker broker = new KafkaBroker(TempDirs.create("kafka-broker"));
        try {
            broker.launch();
        } catch (IOException | RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    /** {@code 127.0.0.1:PORT}, for {@code --kafka}. */
    public String bootstrap() {
        return "127.0.0.1:" + brokerPort;
    }

    /** The broker's log dir, where its topics' segments live. */
    public Path logDir() {
        return dir.resolve("data");
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Stops the broker gracefully (SIGTERM), keeping its data and ports for {@link #restart()}. */
    public void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Starts the stopped broker again on the same data and ports. */
    public void restart() throws IOException {
        stop();
        launch();
    }

    @Override
    public void close() throws IOException {
        stop();
        TempDirs.delete(dir);
    }

    /** Kafka's own cluster ids: 16 random bytes, base64url, never starting with '-' (which its CLI would take for a flag). */
    private static String randomClusterId() {
        while (true) {
            UUID uuid = UUID.randomUUID();
            java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(16);
            bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
            String id = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
            if (Character.isLetterOrDigit(id.charAt(0))) {
                return id;
            }
        }
    }

    private Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        // a dynamic quorum (formatted --standalone) works with port 0; a static voters list would need the port up front
        p.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        p.put("log.dirs", logDir().toAbsolutePath().toString());
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("auto.create.topics.enable", "false");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("background.threads", "2");
        // a deleted topic's files go within half a second (the broker's name for the topics' file.delete.delay.ms),
        // so a test can look for a deleted topic on the broker's disk
        p.put("log.segment.delete.delay.ms", "500");
        p.put("log.retention.check.interval.ms", "1000");
        p.put("broker.heartbeat.interval.ms", "500");
        p.put("broker.session.timeout.ms", "6000");
        return p;
    }

    private void launch() throws IOException {
        Path logs = dir.resolve("logs");
        Files.createDirectories(logs);
        Path ready = logs.resolve("ready.log");
        Files.deleteIfExists(ready);
        Path config = dir.resolve("server.properties");
        StringBuilder text = new StringBuilder();
        properties().forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        Files.writeString(config, text);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
                "-XX:+ExitOnOutOfMemoryError", "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + log4jConfig(), "-Dkafka.logs.dir=" + logs.toAbsolutePath(),
                "-cp", classPath(), KRaftLauncher.class.getName(), config.toAbsolutePath().toString(), clusterId,
                String.valueOf(ProcessHandle.current().pid())));
        process = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve("stdout.log").toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(logs.resolve("stderr.log").toFile()))
                .start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        boolean started = false;
        while (!started) {
            if (!process.isAlive()) {
                throw new IOException("the broker exited with " + process.exitValue() + " before it served; stderr:\n"
                        + tail(logs.resolve("stderr.log")) + "\nserver.log:\n" + tail(logs.resolve("server.log")));
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IOException("the broker did not serve within " + START_TIMEOUT + "; server.log:\n"
                        + tail(logs.resolve("server.log")));
            }
            if (Files.exists(ready)) {
                for (String line : Files.readAllLines(ready, StandardCharsets.UTF_8)) {
                    Matcher m = EPHEMERAL.matcher(line);
                    if (m.find()) {
                        if (m.group(1).equals("PLAINTEXT")) {
                            brokerPort = Integer.parseInt(m.group(2));
                        } else {
                            controllerPort = Integer.parseInt(m.group(2));
                        }
                    }
                    started |= line.contains("Kafka Server started");
                }
            }
            if (!started) {
                try {
                    process.waitFor(20, TimeUnit.MILLISECONDS); // poll the log; wakes at once if the broker dies
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while the broker started", e);
                }
            }
        }
        if (brokerPort == 0) {
            throw new IOException("the broker's port is not in " + ready);
        }
    }

    /** A jar with the launcher alone, then the broker's jars: no test classes in the broker's JVM. */
    private static synchronized String classPath() throws IOException {
        String file = System.getProperty("ledgerlearn.kafka.classpath.file", "target/kafka-broker.classpath");
        Path listing = Path.of(file);
        if (!Files.exists(listing)) {
            throw new IOException(listing + " is missing: run the tests through Maven, which writes the broker's class path");
        }
        Path jar = listing.toAbsolutePath().resolveSibling("kafka-launcher.jar");
        String entry = KRaftLauncher.class.getName().replace('.', '/') + ".class";
        try (InputStream in = KRaftLauncher.class.getClassLoader().getResourceAsStream(entry);
             JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
        return jar + java.io.File.pathSeparator + Files.readString(listing).trim();
    }

    private static String log4jConfig() throws IOException {
        Path config = Path.of(System.getProperty("java.io.tmpdir"), "ledgerlearn-broker-log4j2.xml");
        try (InputStream in = KafkaBroker.class.getResourceAsStream("broker-log4j2.xml")) {
            Files.write(config, in.readAllBytes());
        }
        return config.toString();
    }

    private static String tail(Path file) {
        try {
            if (!Files.exists(file)) {
                return "(no " + file.getFileName() + ")";
            }
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return e.toString();
        }
    }
}
