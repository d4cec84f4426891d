package ledgerlearn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class ClusterOptionsTest {

    @Test
    void withoutKafkaTheServerIsASingleOne() throws UsageException {
        assertNull(ServerOptions.parse(new String[0], Map.of()).kafka());
        assertNull(ServerOptions.parse(new String[0], Map.of("LEDGERLEARN_KAFKA_TOPIC", "t", "LEDGERLEARN_MAX_LAG", "5"))
                .kafka(), "an environment shared with cluster nodes may set their twins");
    }

    @Test
    void aGenerationOrAKafkaInternalTopicIsNoBaseName() {
        for (String topic : List.of("ledgerlearn.g5", "audit.g12", "__consumer_offsets")) {
            UsageException e = assertThrows(UsageException.class, () -> ServerOptions.parse(
                    new String[] {"--kafka", "127.0.0.1:9092", "--kafka-topic", topic}, Map.of()), topic);
            assertTrue(e.getMessage().startsWith("--kafka-topic: expected the log's base name"), e.getMessage());
        }
    }

    @Test
    void aClusterFlagWithoutKafkaIsASlipAndRefused() {
        for (String flag : List.of("--kafka-topic", "--max-lag")) {
            UsageException e = assertThrows(UsageException.class,
                    () -> ServerOptions.parse(new String[] {flag, "5"}, Map.of()));
            assertEquals(flag + ": is for cluster mode, and there is no --kafka; give --kafka HOST:PORT too, or leave it out",
                    e.getMessage());
        }
    }

    @Test
    void readsTheBrokersTopicAndLagFromFlagsOrTheirEnvironmentTwins() throws UsageException {
        ServerOptions.Kafka kafka = ServerOptions.parse(new String[] {"--kafka", "127.0.0.1:9092, localhost:9093",
                "--kafka-topic", "samples", "--max-lag", "7"}, Map.of()).kafka();
        assertEquals(new ServerOptions.Kafka(List.of("127.0.0.1:9092", "localhost:9093"), "samples", 7), kafka);
        ServerOptions.Kafka fromEnv = ServerOptions.parse(new String[0], Map.of("LEDGERLEARN_KAFKA", "127.0.0.1:9092",
                "LEDGERLEARN_KAFKA_TOPIC", "t.x-1", "LEDGERLEARN_MAX_LAG", "0")).kafka();
        assertEquals(new ServerOptions.Kafka(List.of("127.0.0.1:9092"), "t.x-1", 0), fromEnv);
        assertEquals(new ServerOptions.Kafka(List.of("127.0.0.1:9092"), "ledgerlearn", 100),
                ServerOptions.parse(new String[] {"--kafka", "127.0.0.1:9092"}, Map.of()).kafka());
    }

    @Test
    void refusesABrokerWithoutAPortATopicKafkaWouldRefuseAndANegativeLag() {
        for (String[] args : List.of(new String[] {"--kafka", "127.0.0.1"}, new String[] {"--kafka", "host:0"},
                new String[] {"--kafka", "host:99999"}, new String[] {"--kafka", "a:1,,b:2"},
                new String[] {"--kafka", "a:1,"})) {
            assertTrue(assertThrows(UsageException.class, () -> ServerOptions.parse(args, Map.of())).getMessage()
                    .contains("--kafka"), String.join(" ", args));
        }
        assertTrue(assertThrows(UsageException.class, () -> ServerOptions.parse(new String[] {"--kafka", "h:1",
                "--kafka-topic", "no spaces"}, Map.of())).getMessage().contains("--kafka-topic"));
        assertTrue(assertThrows(UsageException.class, () -> ServerOptions.parse(new String[] {"--max-lag", "-1"},
                Map.of())).getMessage().contains("--max-lag"));
    }
}
