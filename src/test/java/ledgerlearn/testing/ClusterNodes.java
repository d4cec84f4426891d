package ledgerlearn.testing;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import ledgerlearn.store.SampleStore;

/**
 * {@code n} ledgerlearn servers in JVMs of their own, each on its own data dir and a free loopback port, following
 * one topic of a {@link KafkaBroker}. Closing kills them and deletes their data dirs.
 */
public final class ClusterNodes implements AutoCloseable {
    /** Small heaps, C1 only: three nodes, a broker and the test share two cores. */
    public static final List<String> JVM = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final KafkaBroker broker;
    private final String topic;
    private final List<Path> dirs = new ArrayList<>();
    private final List<ForkedServer> nodes = new ArrayList<>();
    private final List<String> extraFlags;

    private ClusterNodes(KafkaBroker broker, String topic, List<String> extraFlags) {
        this.broker = broker;
        this.topic = topic;
        this.extraFlags = extraFlags;
    }

    /** Starts {@code n} nodes on {@code topic}; each also gets {@code flags}. */
    public static ClusterNodes start(KafkaBroker broker, String topic, int n, String... flags) throws IOException {
        ClusterNodes cluster = new ClusterNodes(broker, topic, List.of(flags));
        try {
            for (int i = 0; i < n; i++) {
                cluster.dirs.add(TempDirs.create("ledgerlearn-node" + i + "-"));
                cluster.nodes.add(null);
                cluster.launch(i);
            }
            for (ForkedServer node : cluster.nodes) {
                awaitReady(node);
            }
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    public int size() {
        return nodes.size();
    }

    public ForkedServer node(int i) {
        return nodes.get(i);
    }

    public Path dataDir(int i) {
        return dirs.get(i);
    }

    public List<ForkedServer> nodes() {
        return List.copyOf(nodes);
    }

    /** The node's flags: the broker, the topic, no access log, and the extra flags. */
    public List<String> flags() {
        List<String> flags = new ArrayList<>(List.of("--kafka", broker.bootstrap(), "--kafka-topic", topic,
                "--access-log", "false"));
        flags.addAll(extraFlags);
        return flags;
    }

    /** Starts node {@code i} again on its data dir (a running one is killed first) and waits until its /readyz is 200. */
    public ForkedServer restart(int i) throws IOException {
        ForkedServer node = launch(i);
        awaitReady(node);
        return node;
    }

    private static void awaitReady(ForkedServer node) {
        await(Duration.ofSeconds(120), () -> node.get("/readyz").statusCode() == 200,
                () -> "a node did not get ready: " + node.get("/readyz").body());
    }

    /** Starts node {@code i} (again) on its data dir, a running one killed first; returns once it listens, ready or not. */
    public ForkedServer launch(int i) throws IOException {
        ForkedServer old = nodes.get(i);
        if (old != null && old.isAlive()) {
            old.kill();
        }
        ForkedServer node = ForkedServer.start(JVM, dirs.get(i), flags().toArray(String[]::new));
        nodes.set(i, node);
        return node;
    }

    /** The node's {@code /health} as JSON. */
    public static JsonObject health(ForkedServer node) {
        HttpResponse<String> health = node.get("/health");
        if (health.statusCode() != 200) {
            throw new AssertionError("GET /health: " + health.statusCode() + " " + health.body());
        }
        return Json.parse(health.body()).asObject();
    }

    /** Polls until every node holds {@code samples} rows and has applied the whole log, or fails after {@code timeout}. */
    public void awaitConverged(long samples, Duration timeout) {
        await(timeout, () -> nodes.stream().allMatch(node -> {
            JsonObject health = health(node);
            JsonObject cluster = health.get("cluster").asObject();
            return health.getLong("samples", -1) == samples && cluster.getLong("lag", -1) == 0;
        }), () -> "nodes did not converge on " + samples + " samples: " + nodes.stream().map(n -> health(n).toString()).toList());
    }

    /** Polls {@code condition} every 20 ms until it holds, or fails with {@code message} after {@code timeout}. */
    public static void await(Duration timeout, BooleanSupplier condition, java.util.function.Supplier<String> message) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Object tick = new Object();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(message.get());
            }
            synchronized (tick) {
                try {
                    tick.wait(20); // a poll interval, not a wait for something to happen
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /** Node {@code i}'s store file. */
    public byte[] storeBytes(int i) throws IOException {
        return Files.readAllBytes(dirs.get(i).resolve(SampleStore.FILE_NAME));
    }

    @Override
    public void close() throws IOException {
        for (ForkedServer node : nodes) {
            if (node != null) {
                node.close();
            }
        }
        for (Path dir : dirs) {
            TempDirs.delete(dir);
        }
    }
}
