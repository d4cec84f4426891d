package ledgerlearn.cluster;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import ledgerlearn.sample.Sample;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/** The copy of one generation of the log into the next, without a deleted company's rows. */
final class LogRewrite {
    private LogRewrite() {}

    /**
     * Copies the batches of {@code from} before {@code sealedAt} into the empty topic {@code to}: those before
     * {@code deletedAt} without {@code company}'s rows (a batch left empty is dropped), those after it as they are.
     * Deletions, seals and moves are not copied, nor the node that sent each batch. Returns the number of records
     * copied, which is where the log goes on in {@code to}.
     */
    static long copy(List<String> bootstrap, String clientId, KafkaProducer<byte[], byte[]> producer, String from,
                     String to, String company, long deletedAt, long sealedAt) throws ExecutionException, InterruptedException {
        TopicPartition source = new TopicPartition(from, 0);
        TopicPartition target = new TopicPartition(to, 0);
        long copied = 0;
        Future<RecordMetadata> last = null;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaSettings.consumer(bootstrap, clientId))) {
            long already = consumer.endOffsets(List.of(target), Duration.ofSeconds(10)).get(target);
            if (already != 0) {
                throw new IllegalStateException("topic " + to + " already holds " + already + " records (a rewrite that"
                        + " stopped halfway?); delete it, then delete the company again");
            }
            consumer.assign(List.of(source));
            consumer.seekToBeginning(List.of(source));
            while (consumer.position(source) < sealedAt) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200)).records(source)) {
                    if (record.offset() >= sealedAt) {
                        break;
                    }
                    byte[] value = kept(record, company, deletedAt);
                    if (value == null) {
                        continue;
                    }
                    ProducerRecord<byte[], byte[]> copy = new ProducerRecord<>(to, 0, null, null, value);
                    for (Header header : record.headers()) {
                        if (!header.key().equals(Records.NODE) && !header.key().equals(Records.ORIGIN)
                                && !header.key().equals(Records.DELETED_AT)) {
                            copy.headers().add(header);
                        }
                    }
                    copy.headers().add(Records.ORIGIN, Records.utf8(String.valueOf(record.offset())));
                    copy.headers().add(Records.DELETED_AT, Records.utf8(String.valueOf(deletedAt)));
                    last = producer.send(copy);
                    copied++;
                }
            }
        }
        producer.flush();
        if (last != null && last.get().offset() != copied - 1) {
            throw new IllegalStateException("the copy into " + to + " ended at offset " + last.get().offset()
                    + ", expected " + (copied - 1));
        }
        return copied;
    }

    /**
     * Where a node that applied {@code from} up to {@code applied} goes on in {@code to}, the generation copied from
     * it: the first record copied from after {@code applied}, or the first one appended after the copy. Empty when the
     * node had not applied the deletion that made {@code to} (its state still holds the deleted rows), or when
     * {@code to} holds no copied record to tell.
     */
    static java.util.OptionalLong resumeOffset(List<String> bootstrap, String clientId, String to, long applied) {
        TopicPartition target = new TopicPartition(to, 0);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaSettings.consumer(bootstrap, clientId))) {
            long end = consumer.endOffsets(List.of(target), Duration.ofSeconds(10)).get(target);
            consumer.assign(List.of(target));
            consumer.seekToBeginning(List.of(target));
            boolean sawCopy = false;
            while (consumer.position(target) < end) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200)).records(target)) {
                    String origin = Records.header(record.headers(), Records.ORIGIN);
                    if (origin == null) {
                        return sawCopy ? java.util.OptionalLong.of(record.offset()) : java.util.OptionalLong.empty();
                    }
                    if (applied < Long.parseLong(Records.header(record.headers(), Records.DELETED_AT))) {
                        return java.util.OptionalLong.empty();
                    }
                    sawCopy = true;
                    if (Long.parseLong(origin) > applied) {
                        return java.util.OptionalLong.of(record.offset());
                    }
                }
            }
            return sawCopy ? java.util.OptionalLong.of(end) : java.util.OptionalLong.empty();
        }
    }

    /** The record's value in the next generation, or {@code null} when it is not carried over. */
    private static byte[] kept(ConsumerRecord<byte[], byte[]> record, String company, long deletedAt) {
        String type = Records.header(record.headers(), Records.TYPE);
        if (!(type == null || type.equals(Records.BATCH))) {
            return null;
        }
        if (record.offset() > deletedAt) {
            return record.value();
        }
        List<Sample> rows;
        try {
            rows = Records.decode(record.value());
        } catch (Records.UnreadableRecordException e) {
            return record.value(); // passed over by every node, in this generation as in the next
        }
        List<Sample> kept = rows.stream().filter(sample -> !sample.companyId().equals(company)).toList();
        return kept.isEmpty() ? null : kept.size() == rows.size() ? record.value() : Records.encode(kept);
    }
}
