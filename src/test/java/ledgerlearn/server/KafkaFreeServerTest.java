package ledgerlearn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import ledgerlearn.process.JavaProcess;
import ledgerlearn.testing.HttpTarget;
import ledgerlearn.testing.Samples;
import ledgerlearn.testing.TempDirs;
import org.junit.jupiter.api.Test;

/** The default server, without --kafka, needs no Kafka class: it runs without the client's jars and loads none of its classes. */
final class KafkaFreeServerTest {

    @Test
    void defaultServerServesWithoutKafkaJarsAndLoadsNoKafkaClass() throws Exception {
        Path dir = TempDirs.create("ledgerlearn-nokafka-");
        Path classLog = dir.resolve("classes.log");
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).getFileName().toString().matches("(?i).*(kafka|slf4j|scala).*"))
                .collect(Collectors.joining(File.pathSeparator));
        assertTrue(System.getProperty("java.class.path").contains("kafka-clients"), "the test class path has the client");
        List<String> command = List.of(JavaProcess.java().toString(), "-Xlog:class+load=info:file=" + classLog,
                "-cp", classPath, "ledgerlearn.Main", "server", "--host", "127.0.0.1", "--port", "0", "--data-dir",
                dir.resolve("data").toString(), "--access-log", "false");
        try (JavaProcess server = JavaProcess.start("server", command)) {
            String line = server.awaitLine(l -> l.contains("listening on http://"), Duration.ofSeconds(60))
                    .orElseThrow(() -> new AssertionError("no listening line: " + server.tail()));
            int port = Integer.parseInt(line.replaceAll(".*127\\.0\\.0\\.1:(\\d+).*", "$1"));
            HttpTarget target = path -> URI.create("http://127.0.0.1:" + port + path);
            assertEquals(200, target.post("/sample", Samples.body(Samples.stream(200, 1))).statusCode());
            assertEquals(200, target.post("/predict?top=3&detail=true", Samples.query(Samples.stream(1, 2).get(0))).statusCode());
            for (String path : List.of("/health", "/readyz", "/metrics", "/metrics/100", "/stats")) {
                assertEquals(200, target.get(path).statusCode(), path);
            }
            assertFalse(target.get("/health").body().contains("cluster"));
        } finally {
            String loaded = Files.exists(classLog) ? Files.readString(classLog) : "";
            assertTrue(loaded.contains("ledgerlearn.http.Router"), "the class log holds the server's classes");
            assertFalse(loaded.contains("org.apache.kafka"), "a Kafka class was loaded");
            assertFalse(loaded.contains("ledgerlearn.cluster"), "a cluster class was loaded");
            TempDirs.delete(dir);
        }
    }
}
