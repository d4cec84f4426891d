package ledgerlearn.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.junit.jupiter.api.Test;

/** A 503 for a batch the log did not take tells the client why in words, never with a Java class name. */
final class AppendFailureTextTest {

    @Test
    void aTimeoutSaysNoBrokerAcknowledgedIt() {
        assertEquals("no broker acknowledged it in time", ClusterNode.whyNotTaken(new TimeoutException()));
        assertEquals("no broker acknowledged it in time",
                ClusterNode.whyNotTaken(new org.apache.kafka.common.errors.TimeoutException("Expiring 1 record(s)")));
    }

    @Test
    void anyOtherFailureQuotesKafkaOrSaysItGaveNoReason() {
        assertEquals("Kafka: This server is not the leader for that topic-partition.",
                ClusterNode.whyNotTaken(new NotLeaderOrFollowerException("This server is not the leader for that topic-partition. ")));
        assertEquals("Kafka gave no reason", ClusterNode.whyNotTaken(new NotLeaderOrFollowerException((String) null)));
        assertEquals("Kafka gave no reason", ClusterNode.whyNotTaken(null));
    }

    @Test
    void aFailureShownInAStatusIsItsMessageNeverItsClass() {
        assertEquals("Topic ledgerlearn not present in metadata", ClusterNode.inWords(
                new org.apache.kafka.common.KafkaException("Topic ledgerlearn not present in metadata ")));
        assertEquals("no reason given (the server's log has the details)", ClusterNode.inWords(new NullPointerException()));
    }
}
