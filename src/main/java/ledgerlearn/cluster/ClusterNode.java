package ledgerlearn.cluster;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import ledgerlearn.http.HttpError;
import ledgerlearn.http.Replication;
import ledgerlearn.learn.Learner;
import ledgerlearn.sample.Sample;
import ledgerlearn.telemetry.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * One node of a cluster: a {@code /sample} batch is appended to the log, and one thread applies the log, record by
 * record and in order, to this node's learner (which stores and learns it as a single server would). Since learning
 * is deterministic, every node that applied the same records holds the same store and state.
 */
public final class ClusterNode implements Replication, AutoCloseable {
    private static final System.Logger LOG = System.getLogger("ledgerlearn.cluster");
    /** Kept so the level set on it holds: the client's own lines are for errors only (it would log each reconnect). */
    private static final Logger KAFKA_LOG = Logger.getLogger("org.apache.kafka");
    /**
     * The file in a node's data dir that says where in the log it stands; a server started on that dir without
     * {@code --kafka} is refused (its rows would come from no log). A constant, so that naming it loads no Kafka class.
     */
    public static final String OFFSETS_FILE = AppliedOffsets.FILE;
    /** How long a /sample waits for this node to apply its appended batch before answering 503. */
    static final Duration APPLY_TIMEOUT = Duration.ofSeconds(30);
    /** How often the applier asks the log for its end while no records arrive. */
    private static final long END_CHECK_MILLIS = 500;
    private static final List<Double> DELAY_BOUNDS = List.of(0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.15, 0.2,
            0.25, 0.3, 0.5, 0.75, 1.0, 2.0, 5.0, 10.0, 30.0, 60.0);

    private final Learner learner;
    private final long maxLag;
    private final String nodeId = UUID.randomUUID().toString();
    private final byte[] nodeIdBytes = Records.utf8(nodeId);
    private final List<String> bootstrap;
    private final AppliedOffsets offsets;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Admin admin;
    private final Thread applier;
    private final Histogram applyDelays = new Histogram(DELAY_BOUNDS);
    /** This node's own appended records, by {@code topic@offset}, until it applied them. */
    private final Map<String, CompletableFuture<Object>> waiting = new ConcurrentHashMap<>();
    /** The configured topic: generation 0 of the log. */
    private final String base;
    /** One deletion at a time from this node. */
    private final Object deleting = new Object();
    /**
     * The deletion applied in the current generation, until the log goes on in the next (a later one waits for the
     * next generation): if the node that sent it stops before the rewrite is done, another node takes the rewrite
     * over ({@link #takeOverStalledRewrite}).
     */
    private volatile PendingDeletion pendingDeletion;
    /** How long after a deletion was appended without a seal following it another node takes its rewrite over. */
    static final Duration TAKE_OVER_AFTER = Duration.ofSeconds(30);

    /**
     * The offset of the current generation's seal, -1 before one: once set, the applier waits for where the log goes
     * on and applies nothing else ({@link #sealed()}). Set after {@link #sealedMillis}, when it was appended.
     */
    private volatile long sealOffset = -1;
    private volatile long sealedMillis;
    /** Whether a node already took over the current generation's stalled rewrite. */
    private volatile boolean takenOver;
    /**
     * The node whose rewrite of this generation counts: the first seal's, then the winning take-over's. A moved
     * record from another node (one taken over while it still copied) is passed over, so only one rewrite counts.
     */
    private volatile byte[] rewriteOwner;
    /** Whether this node's take-over thread runs. */
    private final java.util.concurrent.atomic.AtomicBoolean takingOver = new java.util.concurrent.atomic.AtomicBoolean();

    /** A deletion applied in the current generation: its company, its offset, when it was appended, and its result. */
    private record PendingDeletion(String company, long offset, long appendedMillis, Learner.Deletion result) {
    }

    private volatile String topic;
    private volatile long applied = -1;
    private volatile long logEnd = -1;
    private volatile boolean reachable;
    /** Why the node cannot apply the log (a fatal problem), or {@code null}. */
    private volatile String broken;
    private volatile String problem = "not connected to the log yet";
    private volatile boolean closed;
    /** Whether the applier has found (or made) the topic and reads it. */
    private volatile boolean connected;
    /** The applier's consumer, for {@link #close()} to wake it (never interrupt: that would break a store write). */
    private volatile KafkaConsumer<byte[], byte[]> consumer;

    /** Where the applier resumes: this offset, passed over when the store already holds it. */
    private long resumeAt;
    /** The last offset of the group of records the store already held at the start, or -1. */
    private long resumedThrough;
    /** Whether the node starts without a place in the log: it follows the newest generation from its start. */
    private final boolean fresh;
    /** The most rows learnt as one batch: bounds the memory a group takes and how long predictions see no new rows. */
    static final int MAX_GROUP_ROWS = 10_000;

    private ClusterNode(Learner learner, List<String> bootstrap, String topic, long maxLag, AppliedOffsets offsets) {
        this.learner = learner;
        this.bootstrap = bootstrap;
        this.base = topic;
        this.topic = topic;
        this.fresh = offsets.last() == null;
        this.maxLag = maxLag;
        this.offsets = offsets;
        AppliedOffsets.Entry last = offsets.last();
        if (last == null) {
            resumeAt = 0;
            resumedThrough = -1;
        } else {
            this.topic = last.topic();
            resumeAt = last.offset();
            // the store holding other than the rows before the group means the group was applied
            resumedThrough = learner.samples() != last.rowsBefore() ? last.lastOffset() : -1;
            applied = resumedThrough >= 0 ? resumedThrough : last.offset() - 1;
        }
        String clientId = "ledgerlearn-" + nodeId.substring(0, 8);
        this.producer = new KafkaProducer<>(KafkaSettings.producer(bootstrap, clientId));
        this.admin = Admin.create(KafkaSettings.admin(bootstrap, clientId));
        this.applier = new Thread(() -> follow(clientId), "ledgerlearn-log");
        this.applier.setDaemon(true);
    }

    /**
     * Starts following the log {@code topic} at {@code bootstrap} from where this node's data dir says it stopped
     * (the log's start for a new node). The learner must have been opened on {@code dataDir}; a data dir with rows
     * that came from no log is refused.
     */
    public static ClusterNode start(List<String> bootstrap, String topic, long maxLag, Learner learner, Path dataDir,
                                    boolean fsync) throws IOException {
        KAFKA_LOG.setLevel(Level.SEVERE);
        AppliedOffsets offsets = AppliedOffsets.open(dataDir, fsync);
        if (offsets.last() == null && learner.samples() > 0) {
            offsets.close();
            throw new IOException("the data dir holds " + learner.samples() + " samples that came from no log;"
                    + " a cluster node needs a data dir of its own, empty at its first start");
        }
        ClusterNode node = new ClusterNode(learner, bootstrap, topic, maxLag, offsets);
        node.applier.start();
        LOG.log(System.Logger.Level.INFO, "cluster: following " + (node.fresh ? "the log " + topic + " (its newest generation)"
                : "topic " + node.topic) + " at " + String.join(",", bootstrap)
                + " from offset " + Math.max(node.resumeAt, node.resumedThrough + 1));
        return node;
    }

    @Override
    public Learner.BatchResult append(List<Sample> batch, String idempotencyKey) {
        String target = writableTopic();
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(target, 0, null, null, Records.encode(batch));
        record.headers().add(new RecordHeader(Records.TYPE, Records.utf8(Records.BATCH)));
        record.headers().add(new RecordHeader(Records.NODE, nodeIdBytes));
        if (idempotencyKey != null) {
            record.headers().add(new RecordHeader(Records.KEY, Records.utf8(idempotencyKey)));
        }
        return (Learner.BatchResult) awaitApplied(target, send(record), "batch");
    }

    /** The topic new records go to; 503 while the node cannot apply what it would append. */
    private String writableTopic() {
        if (broken != null) {
            throw HttpError.unavailable("this node cannot apply the log: " + broken, 5);
        }
        if (!connected) {
            throw HttpError.unavailable("this node has not reached the log yet (" + problem + "); retry later", 2);
        }
        if (sealed()) {
            throw HttpError.unavailable("a deletion is rewriting the log; retry in a few seconds", 2);
        }
        return topic;
    }

    /** Waits until this node applied its record at {@code offset} of {@code target}, and returns what applying it gave. */
    private Object awaitApplied(String target, long offset, String what) {
        String key = target + "@" + offset;
        CompletableFuture<Object> applied = waiting.computeIfAbsent(key, k -> new CompletableFuture<>());
        try {
            return applied.get(APPLY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw HttpError.unavailable("the " + what + " was appended to the log (" + key + ") but this node has"
                    + " not applied it within " + APPLY_TIMEOUT.toSeconds() + " s: " + status().problem()
                    + "; ask again with the same Idempotency-Key", 5);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException known && !(known instanceof IllegalStateException)) {
                throw known; // what the learner answered (404, 409, ...), as a single server would
            }
            throw HttpError.unavailable(e.getCause().getMessage(), 2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw HttpError.unavailable("interrupted while waiting for the " + what + " to be applied", 1);
        } finally {
            waiting.remove(key);
        }
    }

    /** Appends a record and returns its offset once every in-sync replica has it; 503 when the log does not take it in time. */
    private long send(ProducerRecord<byte[], byte[]> record) {
        try {
            Future<RecordMetadata> sent = producer.send(record);
            RecordMetadata metadata = sent.get(KafkaSettings.DELIVERY_TIMEOUT_MS + 2_000L, TimeUnit.MILLISECONDS);
            reachable = true;
            return metadata.offset();
        } catch (RecordTooLargeException e) {
            throw HttpError.payloadTooLarge(KafkaSettings.MAX_RECORD_BYTES);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            if (cause instanceof RecordTooLargeException) {
                throw HttpError.payloadTooLarge(KafkaSettings.MAX_RECORD_BYTES);
            }
            reachable = false;
            throw HttpError.unavailable("the log did not take the batch within " + KafkaSettings.DELIVERY_TIMEOUT_MS / 1000
                    + " s (" + whyNotTaken(cause) + "), so it was not acknowledged; retry later"
                    + " (with the same Idempotency-Key, a batch that did reach the log is stored once)", 2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw HttpError.unavailable("interrupted while appending the batch", 1);
        }
    }

    /**
     * A failure as a client may read it in a status or a 503 (the log keeps the exception): its message, never the
     * class of an exception.
     */
    static String inWords(Throwable e) {
        String message = e == null ? null : e.getMessage();
        return message == null || message.isBlank() ? "no reason given (the server's log has the details)" : message.strip();
    }

    /** What a client can make of a failed append: no class names; Kafka's own words, where it gave some. */
    static String whyNotTaken(Throwable cause) {
        if (cause instanceof TimeoutException || cause instanceof org.apache.kafka.common.errors.TimeoutException) {
            return "no broker acknowledged it in time";
        }
        String message = cause == null ? null : cause.getMessage();
        return message == null || message.isBlank() ? "Kafka gave no reason" : "Kafka: " + message.strip();
    }

    @Override
    public Learner.Deletion deleteCompany(String company) {
        synchronized (deleting) {
            PendingDeletion takenOver = takeOverStalledRewrite();
            if (takenOver != null && takenOver.company().equals(company)) {
                // the deletion asked again is the one whose rewrite this node just finished
                return takenOver.result();
            }
            String target = writableTopic();
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(target, 0, null, null, new byte[0]);
            record.headers().add(new RecordHeader(Records.TYPE, Records.utf8(Records.DELETE)));
            record.headers().add(new RecordHeader(Records.NODE, nodeIdBytes));
            record.headers().add(new RecordHeader(Records.COMPANY, Records.utf8(company)));
            long offset = send(record);
            Learner.Deletion result = (Learner.Deletion) awaitApplied(target, offset, "deletion");
            if (result.deleted() > 0) {
                rewrite(target, company, offset);
            }
            return result;
        }
    }

    /**
     * Called by the applier while the log is quiet: when a rewrite stalled ({@link #takeOverStalledRewrite}), takes
     * it over on a thread of its own (it waits for the applier), so the cluster takes batches again without anyone
     * asking for a deletion. Every node does this; the first seal or take-over record decides which one rewrites.
     */
    private void takeOverIfStalled(long now) {
        if (!rewriteStalled(pendingDeletion, now) || takingOver.getAndSet(true)) {
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                synchronized (deleting) {
                    takeOverStalledRewrite();
                }
            } catch (RuntimeException e) {
                // another node's seal or take-over came first, or the log failed: the next quiet moment tries again
                LOG.log(System.Logger.Level.INFO, "cluster: did not take the stalled rewrite over: " + e.getMessage());
            } finally {
                takingOver.set(false);
            }
        }, "ledgerlearn-log-take-over");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * When a deletion was applied in this generation more than {@link #TAKE_OVER_AFTER} ago and no seal followed it,
     * the node that sent it stopped before it rewrote the log (every later deletion would be refused, and the deleted
     * rows would stay in the log): this node rewrites the log for it; when a seal stood as long without the log
     * moving on, it finishes that rewrite. Returns that deletion, or {@code null}. Two nodes taking over at once
     * append two seals (or take-over records); only the first is applied, and the other node's rewrite stops.
     */
    private PendingDeletion takeOverStalledRewrite() {
        PendingDeletion pending = pendingDeletion;
        if (!connected || !rewriteStalled(pending, System.currentTimeMillis())) {
            return null;
        }
        String stalled = topic;
        if (!sealed()) {
            LOG.log(System.Logger.Level.WARNING, "cluster: the deletion at offset " + pending.offset() + " of " + stalled
                    + " was applied, but no node sealed the log within " + TAKE_OVER_AFTER.toSeconds() + " s (the node"
                    + " that sent it stopped?); this node rewrites it");
            rewrite(stalled, pending.company(), pending.offset());
            return pending;
        }
        // sealed, but the log never moved on: the node rewriting it stopped while it copied
        ProducerRecord<byte[], byte[]> claim = new ProducerRecord<>(stalled, 0, null, null, new byte[0]);
        claim.headers().add(new RecordHeader(Records.TYPE, Records.utf8(Records.TAKE_OVER)));
        claim.headers().add(new RecordHeader(Records.NODE, nodeIdBytes));
        awaitApplied(stalled, send(claim), "take-over of " + stalled);
        LOG.log(System.Logger.Level.WARNING, "cluster: " + stalled + " was sealed at offset " + sealOffset + " but the"
                + " log did not move on within " + TAKE_OVER_AFTER.toSeconds() + " s (the node rewriting it stopped?);"
                + " this node finishes the rewrite");
        finishRewrite(stalled, freshGeneration(stalled), pending.company(), pending.offset(), sealOffset);
        return pending;
    }

    /**
     * Whether the rewrite of this generation stalled: {@code pending}, the deletion applied in it, stood
     * {@link #TAKE_OVER_AFTER} without a seal, or the seal as long without the log moving on and no take-over.
     */
    private boolean rewriteStalled(PendingDeletion pending, long now) {
        if (pending == null || (sealed() && takenOver)) {
            return false;
        }
        long since = sealed() ? sealedMillis : pending.appendedMillis();
        return now - since >= TAKE_OVER_AFTER.toMillis();
    }

    /**
     * Rewrites the log without the deleted company's rows: seals the generation {@code old} (nothing appended after
     * the seal is applied), copies every batch before the seal into the next generation (without the company's rows
     * where they came before its deletion at {@code deletedAt}; the deletion itself is not copied), appends where the
     * log goes on, waits until this node moved on, and deletes {@code old}. A node that applies the new generation
     * from its start ends exactly where the nodes that applied the old one and the deletion are.
     */
    private void rewrite(String old, String company, long deletedAt) {
        String next = freshGeneration(old);
        ProducerRecord<byte[], byte[]> seal = new ProducerRecord<>(old, 0, null, null, new byte[0]);
        seal.headers().add(new RecordHeader(Records.TYPE, Records.utf8(Records.SEAL)));
        seal.headers().add(new RecordHeader(Records.NEXT, Records.utf8(next)));
        seal.headers().add(new RecordHeader(Records.NODE, nodeIdBytes));
        long sealedAt = send(seal);
        // only the first seal of a generation is applied: a node whose seal came second leaves the rewrite to the other
        awaitApplied(old, sealedAt, "seal of " + old);
        finishRewrite(old, next, company, deletedAt, sealedAt);
    }

    /**
     * Steps 3 to 5 of a rewrite (docs/CLUSTER.md) after the seal at {@code sealedAt}: copies into {@code next}, a
     * generation that does not exist yet (a rewrite that stopped halfway may have left the one before it part-filled:
     * it is deleted too), appends where the log goes on, waits until this node moved on, and deletes the old topics.
     */
    private void finishRewrite(String old, String next, String company, long deletedAt, long sealedAt) {
        long started = System.nanoTime();
        try {
            List<String> leftovers = new ArrayList<>();
            for (int g = Generations.generation(base, old) + 1; g < Generations.generation(base, next); g++) {
                leftovers.add(Generations.topic(base, g));
            }
            ensureTopic(next);
            long copied = LogRewrite.copy(bootstrap, "ledgerlearn-" + nodeId.substring(0, 8) + "-rewrite", producer,
                    old, next, company, deletedAt, sealedAt);
            ProducerRecord<byte[], byte[]> moved = new ProducerRecord<>(old, 0, null, null, new byte[0]);
            moved.headers().add(new RecordHeader(Records.TYPE, Records.utf8(Records.MOVED)));
            moved.headers().add(new RecordHeader(Records.NEXT, Records.utf8(next)));
            moved.headers().add(new RecordHeader(Records.AT, Records.utf8(String.valueOf(copied))));
            moved.headers().add(new RecordHeader(Records.NODE, nodeIdBytes));
            send(moved);
            long deadline = System.nanoTime() + APPLY_TIMEOUT.toNanos();
            while (!topic.equals(next)) {
                if (System.nanoTime() > deadline || broken != null) {
                    throw HttpError.unavailable("the log was rewritten into " + next + " but this node has not moved on"
                            + " to it: " + status().problem(), 5);
                }
                pause(5);
            }
            List<String> gone = new ArrayList<>(leftovers);
            gone.add(old);
            gone.retainAll(topicNames());
            admin.deleteTopics(gone).all().get(30, TimeUnit.SECONDS);
            LOG.log(System.Logger.Level.INFO, String.format(java.util.Locale.ROOT,
                    "cluster: rewrote the log without a deleted company: %d records from %s into %s in %.2f s; %s deleted",
                    copied, old, next, (System.nanoTime() - started) / 1e9, String.join(", ", gone)));
        } catch (ExecutionException | TimeoutException | IllegalStateException | KafkaException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            LOG.log(System.Logger.Level.ERROR, "cluster: rewriting the log into " + next + " failed: " + cause);
            throw HttpError.unavailable("the company was deleted on every node, but rewriting the log into " + next
                    + " failed (" + inWords(cause) + "); delete a company again in " + TAKE_OVER_AFTER.toSeconds()
                    + " s and a node finishes it (docs/CLUSTER.md)", 5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw HttpError.unavailable("interrupted while rewriting the log", 5);
        }
    }

    /** Whether the applier saw the current generation's seal: it waits for where the log goes on. */
    private boolean sealed() {
        return sealOffset >= 0;
    }

    /** The first generation after {@code old} whose topic does not exist: the one a rewrite of {@code old} fills. */
    private String freshGeneration(String old) {
        java.util.Set<String> names = topicNames();
        int generation = Generations.generation(base, old) + 1;
        while (names.contains(Generations.topic(base, generation))) {
            generation++;
        }
        return Generations.topic(base, generation);
    }

    /**
     * Before the learner opens {@code dataDir}: refuses a data dir that follows another log than {@code topic}
     * (a mistyped topic, or another cluster's dir), and when the generation of the log the node last applied is
     * gone (a deletion rewrote the log while the node was away), empties the data dir, so that the node rebuilds
     * its store from the newest generation. Without the brokers it changes nothing. It holds the data dir's lock
     * meanwhile: a second node started on the dir of a running one is refused before it deletes anything there.
     *
     * @throws IOException naming the log the data dir follows, when it is not {@code topic}
     */
    public static void prepare(List<String> bootstrap, String topic, Path dataDir) throws IOException {
        // the client logs at INFO every attempt to reach a broker that is down: thousands of lines a start
        KAFKA_LOG.setLevel(Level.SEVERE);
        try (Closeable lock = Learner.lockDataDir(dataDir)) {
            AppliedOffsets.Entry last = AppliedOffsets.peek(dataDir);
            if (last != null) {
                if (Generations.generation(topic, last.topic()) < 0) {
                    throw new IOException("the data dir follows the topic " + last.topic() + ", not --kafka-topic " + topic
                            + " (nor one of its generations, " + topic + ".gN); start it with the topic it follows,"
                            + " or give this node an empty data dir");
                }
                emptyIfGenerationGone(bootstrap, topic, dataDir, last);
            }
        }
    }

    private static void emptyIfGenerationGone(List<String> bootstrap, String topic, Path dataDir, AppliedOffsets.Entry last)
            throws IOException {
        java.util.Set<String> names;
        try (Admin admin = Admin.create(KafkaSettings.admin(bootstrap, "ledgerlearn-prepare"))) {
            names = admin.listTopics().names().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            LOG.log(System.Logger.Level.WARNING, "cluster: cannot list the log's topics before start (" + e + ")");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        int newest = Generations.newest(topic, names);
        if (Generations.gone(topic, last.topic(), names)) {
            LOG.log(System.Logger.Level.WARNING, "cluster: " + last.topic() + ", where this node stopped, is gone (a"
                    + " deletion rewrote the log); emptying " + dataDir + " to rebuild from " + Generations.topic(topic, newest));
            Learner.emptyDataDir(dataDir);
        }
    }

    @Override
    public Status status() {
        long end = logEnd;
        long lag = end < 0 ? -1 : Math.max(0, end - (applied + 1));
        String why = broken != null ? broken
                : end < 0 || !connected ? problem
                : lag > maxLag ? "catching up: " + lag + " records behind the log's end (--max-lag " + maxLag + ")"
                // batches get 503 until the log goes on in the next generation: a balancer should send them elsewhere
                : sealed() ? "a deletion is rewriting the log from " + topic + " into its next generation; batches wait"
                : null;
        return new Status(why == null, topic, applied, end, lag, reachable, why, applyDelays.snapshot());
    }

    /** The applier thread: ensures the topic, then applies every record in order until closed. */
    private void follow(String clientId) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaSettings.consumer(bootstrap, clientId))) {
            this.consumer = consumer;
            if (closed) {
                return;
            }
            TopicPartition partition = null;
            long lastEndCheck = 0;
            while (!closed && broken == null) {
                try {
                    if (partition == null) {
                        findTopic();
                        partition = new TopicPartition(topic, 0);
                        consumer.assign(List.of(partition));
                        consumer.seek(partition, resumeAt);
                        connected = true;
                    }
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                    if (!records.isEmpty() && apply(records.records(partition))) {
                        partition = new TopicPartition(topic, 0);
                        consumer.assign(List.of(partition));
                        consumer.seek(partition, resumeAt);
                        continue;
                    }
                    long now = System.currentTimeMillis();
                    if (!records.isEmpty()) {
                        var lag = consumer.currentLag(partition);
                        if (lag.isPresent()) {
                            logEnd = consumer.position(partition) + lag.getAsLong();
                        }
                        reachable = true;
                    } else if (now - lastEndCheck >= END_CHECK_MILLIS) {
                        lastEndCheck = now;
                        logEnd = consumer.endOffsets(List.of(partition), Duration.ofSeconds(1)).get(partition);
                        reachable = true;
                        takeOverIfStalled(now);
                    }
                } catch (WakeupException e) {
                    // close() asked us to stop
                } catch (org.apache.kafka.common.errors.TimeoutException e) {
                    reachable = false;
                    problem = "the log is unreachable (" + e.getMessage() + ")";
                    if (partition != null && movedOnFromDeletedTopic()) {
                        partition = null;
                        continue;
                    }
                    pause(200);
                } catch (KafkaException e) {
                    reachable = false;
                    problem = "the log failed: " + inWords(e);
                    if (partition != null && movedOnFromDeletedTopic()) {
                        partition = null;
                        continue;
                    }
                    LOG.log(System.Logger.Level.WARNING, "cluster: the log failed: " + e);
                    pause(1_000);
                } catch (IOException | Learner.StoreFailedException e) {
                    fail("cannot apply the log: " + e.getMessage());
                }
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "cluster: the log's reader stopped", e);
            fail("the log's reader stopped: " + inWords(e));
        }
    }

    /**
     * Finds the topic to follow: a new node follows the newest generation of the log (creating generation 0 when
     * there is none); a node that applied records before follows the generation it was in, which must still exist.
     */
    private void findTopic() {
        java.util.Set<String> names = topicNames();
        if (fresh && applied < 0 && !names.contains(topic)) {
            int newest = Generations.newest(base, names);
            topic = Generations.topic(base, Math.max(0, newest));
            if (!topic.equals(base)) {
                LOG.log(System.Logger.Level.INFO, "cluster: following " + topic + ", the newest generation of the log " + base);
            }
        } else if (Generations.gone(base, topic, names)) {
            fail("topic " + topic + " is gone and a newer generation of the log exists; restart the node: it rebuilds"
                    + " its store from the newest generation");
            throw new WakeupException();
        }
        ensureTopic(topic);
    }

    private java.util.Set<String> topicNames() {
        try {
            return admin.listTopics().names().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new org.apache.kafka.common.errors.TimeoutException("cannot list the topics: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WakeupException();
        }
    }

    /** Whether the followed topic was deleted (a later generation exists and this one does not). */
    private boolean topicGone() {
        try {
            java.util.Set<String> names = topicNames();
            return Generations.gone(base, topic, names);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Creates the topic (one partition, replicated to up to three brokers) unless it exists, and checks it has one partition. */
    private void ensureTopic(String name) {
        try {
            int brokers = admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).size();
            short replicas = (short) Math.max(1, Math.min(3, brokers));
            try {
                admin.createTopics(List.of(new NewTopic(name, 1, replicas).configs(KafkaSettings.topic(replicas))))
                        .all().get(10, TimeUnit.SECONDS);
                LOG.log(System.Logger.Level.INFO, "cluster: created topic " + name + " (1 partition, " + replicas + " replicas)");
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            TopicDescription description = admin.describeTopics(List.of(name)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(name);
            if (description.partitions().size() != 1) {
                fail("topic " + name + " has " + description.partitions().size() + " partitions; the log must be one"
                        + " partition, the one total order every node applies");
                throw new WakeupException();
            }
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new org.apache.kafka.common.errors.TimeoutException("cannot set up topic " + name + ": " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WakeupException();
        }
    }

    /**
     * Applies one poll's records in order. Consecutive batches without an idempotency key are learnt as one batch
     * (one store append, one fsync): learning does not depend on how the rows are chunked, so the state is the one
     * record by record would give, and each record still gets its own answer.
     */
    private boolean apply(List<ConsumerRecord<byte[], byte[]>> records) throws IOException {
        List<ConsumerRecord<byte[], byte[]>> group = new ArrayList<>();
        List<List<Sample>> batches = new ArrayList<>();
        int groupRows = 0;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            long offset = record.offset();
            String type = Records.header(record.headers(), Records.TYPE);
            boolean changesState = type == null || type.equals(Records.BATCH) || type.equals(Records.DELETE);
            if (changesState && (offset < resumeAt || offset <= resumedThrough)) {
                continue; // already in this node's store
            }
            if (Records.TAKE_OVER.equals(type)) {
                applyGroup(group, batches);
                group.clear();
                batches.clear();
                groupRows = 0;
                if (sealed() && !takenOver) {
                    takenOver = true;
                    rewriteOwner = headerBytes(record);
                    applied(record, null, null);
                } else {
                    passOver(record, HttpError.unavailable("another node is finishing the rewrite of the log; retry in"
                            + " a few seconds", 2));
                }
                continue;
            }
            if (sealed() && Records.SEAL.equals(type)) {
                passOver(record, HttpError.unavailable("another node is rewriting the log; retry in a few seconds", 2));
                continue;
            }
            if (sealed() && !Records.MOVED.equals(type)) {
                passOver(record, HttpError.unavailable("a deletion rewrote the log while this batch was appended; it was"
                        + " not stored: send it again", 2));
                continue;
            }
            List<Sample> batch = null;
            if ((type == null || type.equals(Records.BATCH)) && Records.header(record.headers(), Records.KEY) == null) {
                try {
                    batch = Records.decode(record.value());
                } catch (Records.UnreadableRecordException e) {
                    batch = null; // applied alone below, which passes it over
                }
            }
            if (batch == null || groupRows + batch.size() > MAX_GROUP_ROWS) {
                applyGroup(group, batches);
                group.clear();
                batches.clear();
                groupRows = 0;
            }
            if (batch != null) {
                group.add(record);
                batches.add(batch);
                groupRows += batch.size();
            } else if (Records.SEAL.equals(type)) {
                offsets.record(topic, offset, offset, learner.samples());
                sealedMillis = record.timestamp();
                rewriteOwner = headerBytes(record);
                sealOffset = offset;
                applied(record, null, null);
            } else if (Records.MOVED.equals(type)) {
                if (rewriteOwner != null && !java.util.Arrays.equals(rewriteOwner, headerBytes(record))) {
                    passOver(record, HttpError.unavailable("another node took this rewrite of the log over", 5));
                    continue;
                }
                moveOn(record);
                return true;
            } else if (Records.DELETE.equals(type)) {
                applyDeletion(record);
            } else {
                applyOne(record, type);
            }
        }
        applyGroup(group, batches);
        return false;
    }

    /** Passes over a record that is not to be applied, answering this node's request for it with {@code why}. */
    private void passOver(ConsumerRecord<byte[], byte[]> record, RuntimeException why) {
        applied = record.offset();
        answer(record, null, why);
    }

    /** A company's deletion, as a single server deletes it; one per generation (a later one is sent again after it). */
    private void applyDeletion(ConsumerRecord<byte[], byte[]> record) throws IOException {
        String company = Records.header(record.headers(), Records.COMPANY);
        if (company == null) {
            passOver(record, HttpError.unavailable("a deletion record without a company; passed over", 5));
            return;
        }
        if (pendingDeletion != null) {
            passOver(record, HttpError.unavailable("another deletion is rewriting the log; retry in a few seconds", 2));
            return;
        }
        offsets.record(topic, record.offset(), record.offset(), learner.samples());
        Learner.Deletion result = learner.deleteCompany(company);
        if (result == null) {
            // a company with no rows: 404, on every node alike
            passOver(record, HttpError.notFound("no company \"" + company + "\" in the store"));
            return;
        }
        pendingDeletion = new PendingDeletion(company, record.offset(), record.timestamp(), result);
        applied = record.offset();
        answer(record, result, null);
    }

    /**
     * Whether the followed topic was deleted and this node goes on in the next generation; when it was deleted and
     * the node cannot go on, the node fails.
     */
    private boolean movedOnFromDeletedTopic() {
        if (!topicGone()) {
            return false;
        }
        try {
            if (resumeInNextGeneration()) {
                return true;
            }
        } catch (IOException | KafkaException e) {
            LOG.log(System.Logger.Level.ERROR, "cluster: cannot go on in the next generation of the log", e);
            fail("cannot go on in the next generation of the log: " + inWords(e));
            return false;
        }
        fail("topic " + topic + " was deleted before this node applied its deletion (a deletion rewrote"
                + " the log meanwhile); restart the node: it rebuilds its store from the newest generation");
        return false;
    }

    /**
     * When this node's generation was deleted before it reached the seal (a slow node): if it applied the deletion,
     * its state is that of the next generation up to the first record copied from after where it stopped, so it goes on
     * there. Returns whether it did.
     */
    private boolean resumeInNextGeneration() throws IOException {
        // the newest generation: a rewrite taken over goes on past one its first node part-filled (since deleted)
        java.util.Set<String> names = topicNames();
        int newest = Generations.newest(base, names);
        if (newest <= Generations.generation(base, topic)) {
            return false;
        }
        String next = Generations.topic(base, newest);
        java.util.OptionalLong at = LogRewrite.resumeOffset(bootstrap, "ledgerlearn-" + nodeId.substring(0, 8)
                + "-resume", next, applied);
        if (at.isEmpty()) {
            return false;
        }
        LOG.log(System.Logger.Level.INFO, "cluster: " + topic + " was deleted before this node reached its end; going on"
                + " in " + next + " at offset " + at.getAsLong());
        goOn(next, at.getAsLong());
        return true;
    }

    /** After a seal: the log goes on in the next generation, at the offset the record names. */
    private void moveOn(ConsumerRecord<byte[], byte[]> record) throws IOException {
        String next = Records.header(record.headers(), Records.NEXT);
        long at = Long.parseLong(Records.header(record.headers(), Records.AT));
        LOG.log(System.Logger.Level.INFO, "cluster: the log moved on from " + topic + " to " + next + " at offset " + at);
        goOn(next, at);
    }

    /** Follows generation {@code next} from offset {@code at}, where this node's state stands now. */
    private void goOn(String next, long at) throws IOException {
        offsets.record(next, at, at, learner.samples());
        topic = next;
        resumeAt = at;
        resumedThrough = -1;
        applied = at - 1;
        logEnd = -1;
        pendingDeletion = null;
        sealOffset = -1;
        takenOver = false;
        rewriteOwner = null;
    }

    /** Learns a run of keyless batches as one; each record's answer is its share of the whole. */
    private void applyGroup(List<ConsumerRecord<byte[], byte[]>> group, List<List<Sample>> batches) throws IOException {
        if (group.isEmpty()) {
            return;
        }
        long rowsBefore = learner.samples();
        offsets.record(topic, group.get(0).offset(), group.get(group.size() - 1).offset(), rowsBefore);
        List<Sample> all = new ArrayList<>();
        batches.forEach(all::addAll);
        learner.learn(all);
        long total = rowsBefore;
        for (int i = 0; i < group.size(); i++) {
            total += batches.get(i).size();
            applied(group.get(i), new Learner.BatchResult(batches.get(i).size(), total), null);
        }
    }

    private void applyOne(ConsumerRecord<byte[], byte[]> record, String type) throws IOException {
        long offset = record.offset();
        Learner.BatchResult result = null;
        String refused = null;
        offsets.record(record.topic(), offset, offset, learner.samples());
        if (type == null || type.equals(Records.BATCH)) {
            try {
                List<Sample> batch = Records.decode(record.value());
                // a key already stored (through any node: every node applies every record) replays, storing nothing
                result = learner.learn(batch, Records.header(record.headers(), Records.KEY));
            } catch (Learner.KeyConflictException e) {
                passOver(record, e); // the same key with other rows: 409, on every node alike
                return;
            } catch (IllegalArgumentException e) {
                refused = "record " + offset + " of " + record.topic() + " has an invalid key (" + e.getMessage() + "); passed over";
                LOG.log(System.Logger.Level.WARNING, "cluster: " + refused);
            } catch (Records.UnreadableRecordException e) {
                refused = "record " + offset + " of " + record.topic() + " is no batch (" + e.getMessage() + "); passed over";
                LOG.log(System.Logger.Level.WARNING, "cluster: " + refused);
            }
        } else {
            refused = "record " + offset + " of " + record.topic() + " is of unknown type " + type + "; passed over";
            LOG.log(System.Logger.Level.WARNING, "cluster: " + refused);
        }
        applied(record, result, refused);
    }

    /** Moves the applied offset on, counts the record's delay and answers the /sample that appended it, if it was ours. */
    private void applied(ConsumerRecord<byte[], byte[]> record, Object result, String refused) {
        long offset = record.offset();
        applied = offset;
        applyDelays.observe(Math.max(0, System.currentTimeMillis() - record.timestamp()) * 1_000_000L);
        answer(record, result, refused == null ? null : new IllegalStateException(refused));
    }

    /** Answers the request that appended {@code record}, if this node appended it. */
    private void answer(ConsumerRecord<byte[], byte[]> record, Object result, RuntimeException failure) {
        if (java.util.Arrays.equals(nodeIdBytes, headerBytes(record))) {
            CompletableFuture<Object> waiter = waiting.computeIfAbsent(record.topic() + "@" + record.offset(),
                    k -> new CompletableFuture<>());
            if (failure == null) {
                waiter.complete(result);
            } else {
                waiter.completeExceptionally(failure);
            }
            if (record.offset() % 1024 == 0) {
                forgetAbandoned();
            }
        }
    }

    private static byte[] headerBytes(ConsumerRecord<byte[], byte[]> record) {
        var header = record.headers().lastHeader(Records.NODE);
        return header == null ? null : header.value();
    }

    /** Drops the results nobody waits for any more (a /sample that gave up, or whose send looked failed but was not). */
    private void forgetAbandoned() {
        if (waiting.size() > 10_000) {
            waiting.values().removeIf(CompletableFuture::isDone);
        }
    }

    private void fail(String reason) {
        if (broken == null) {
            broken = reason;
            LOG.log(System.Logger.Level.ERROR, "cluster: " + reason + "; restart the node to resume from its store");
            for (CompletableFuture<Object> waiter : new ArrayList<>(waiting.values())) {
                waiter.completeExceptionally(new IllegalStateException(reason));
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops applying (a record being applied is finished first) and closes the Kafka clients; the learner stays open. */
    @Override
    public void close() {
        closed = true;
        KafkaConsumer<byte[], byte[]> reader = consumer;
        if (reader != null) {
            reader.wakeup();
        }
        try {
            applier.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(2));
        admin.close(Duration.ofSeconds(2));
        try {
            offsets.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cluster: closing " + AppliedOffsets.FILE + ": " + e.getMessage());
        }
    }
}
