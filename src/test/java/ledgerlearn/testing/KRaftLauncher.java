package ledgerlearn.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The main class of the tests' broker JVM: formats the log dir once (as {@code kafka-storage.sh format --standalone}
 * does), then runs {@code kafka.Kafka}, and exits when the JVM that started it is gone, so no broker outlives its tests.
 * Written into a jar of its own by {@link KafkaBroker}, so the broker's class path holds no test classes.
 */
public final class KRaftLauncher {
    private KRaftLauncher() {}

    /** {@code KRaftLauncher server.properties CLUSTER_ID PARENT_PID}. */
    public static void main(String[] args) throws Exception {
        long parent = Long.parseLong(args[2]);
        ProcessHandle.of(parent).ifPresentOrElse(
                handle -> handle.onExit().thenRun(() -> System.exit(0)), // kafka's shutdown hook stops it cleanly
                () -> System.exit(0));
        Properties config = new Properties();
        try (var in = Files.newInputStream(Path.of(args[0]))) {
            config.load(in);
        }
        Path logDir = Path.of(config.getProperty("log.dirs"));
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            int code = kafka.tools.StorageTool.execute(new String[] {"format", "--cluster-id", args[1], "--config", args[0],
                    "--standalone", "--ignore-formatted"}, System.out);
            if (code != 0) {
                System.exit(code);
            }
        }
        kafka.Kafka.main(new String[] {args[0]});
    }
}
