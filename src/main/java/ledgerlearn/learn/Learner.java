package ledgerlearn.learn;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import ledgerlearn.metrics.Average;
import ledgerlearn.metrics.ScoreWindow;
import ledgerlearn.metrics.Scores;
import ledgerlearn.model.Model;
import ledgerlearn.model.ModelOptions;
import ledgerlearn.sample.Column;
import ledgerlearn.sample.Sample;
import ledgerlearn.sample.StoredSample;
import ledgerlearn.sample.Transaction;
import ledgerlearn.snapshot.SnapshotFiles;
import ledgerlearn.snapshot.StateCopy;
import ledgerlearn.snapshot.StateInput;
import ledgerlearn.snapshot.StateOutput;
import ledgerlearn.store.BatchKey;
import ledgerlearn.store.DataDirLostException;
import ledgerlearn.store.DataDirLock;
import ledgerlearn.store.Disk;
import ledgerlearn.store.SampleStore;
import ledgerlearn.telemetry.Histogram;

/**
 * The one class that joins store, model and metrics: per batch, predict → learn → append → score,
 * then make it durable; on open, load the newest snapshot that matches the store and replay the rows
 * after it (all of them without one), so model and metrics are exactly as before. A batch may come with an
 * idempotency key, and is then stored once however often it is sent; a company's rows can be deleted, which
 * leaves exactly the learner that the other rows alone would have made. The model never holds what the store
 * does not: a batch the store refuses is unlearnt by {@link #restore() rebuilding} the state from the store
 * before anything else is answered; batches are then refused until the disk takes writes again, which is
 * re-checked every second; and a data dir deleted or replaced under the server stops all acknowledgements
 * until a restart.
 */
public final class Learner implements Closeable {

    /**
     * What a stored batch answers: how many samples it held, and the store's row count right after it;
     * {@code replayed} when the batch's key had been stored before, and this is that batch's answer.
     */
    public record BatchResult(int accepted, long total, boolean replayed) {
        /** The answer of a batch stored now. */
        public BatchResult(int accepted, long total) {
            this(accepted, total, false);
        }
    }

    /** What deleting a company did: the rows it removed, and the rows left in the store. */
    public record Deletion(long deleted, long total) {
    }

    /** A batch came with the idempotency key of a stored batch whose rows differ: nothing was stored. */
    public static final class KeyConflictException extends RuntimeException {
        KeyConflictException(String message) {
            super(message);
        }
    }

    /** The store could not take a batch (or is closed): nothing of that batch was stored or learnt. */
    public static final class StoreFailedException extends RuntimeException {
        private final int retryAfterSeconds;

        StoreFailedException(String message, Throwable cause, int retryAfterSeconds) {
            super(message, cause);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        /** When a client may try again, in seconds; 0 when it may not expect this server to take batches again. */
        public int retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /**
     * Whether the store takes batches.
     *
     * @param status {@code ok}; {@code failing} after a write or fsync failed, until a re-check finds the disk
     *     taking writes again; {@code lost} when the data dir was deleted or replaced, or the store or the
     *     model is in a state only a restart can trust, until a restart; {@code closed} once stopping
     * @param reason why it does not, else {@code null}
     * @param sinceMillis when it stopped taking batches (epoch millis), else 0
     */
    public record StoreHealth(String status, String reason, long sinceMillis) {
        static final StoreHealth OK = new StoreHealth("ok", null, 0);

        public boolean ok() {
            return reason == null;
        }
    }

    /** As {@code snapshotEvery}: no snapshot at all, not even on a stop (a throwaway learner's). */
    public static final long NO_SNAPSHOTS = -1;

    /** How many of the latest scored samples {@link #recent()} keeps. */
    public static final int RECENT_CAPACITY = 20;

    private static final System.Logger LOG = System.getLogger("ledgerlearn");
    /** How many samples of a batch are predicted and learnt per hold of the model's write lock, at most. */
    static final int LEARN_GROUP = 64;
    /** How long one hold of the model's write lock may last, at most, whatever the samples cost. */
    private static final long LEARN_GROUP_NANOS = 2_000_000;
    /** How often a failing store is re-checked, and a healthy one's files checked to be on the data dir. */
    static final long CHECK_MILLIS = 1000;
    /** What a client refused by a failing store is told to wait before it tries again. */
    static final int RETRY_AFTER_SECONDS = 5;
    /** The idempotency keys of at least this many of the latest keyed batches are recognised. */
    public static final int KEYS_KEPT = 100_000;
    /** The longest idempotency key. */
    public static final int MAX_KEY_LENGTH = BatchKey.MAX_KEY_LENGTH;

    /**
     * One suggested account, as {@code /predict?detail=true} shows it.
     *
     * @param account the account
     * @param probability the probability that this account is the one booked
     * @param accountName the name the query's company last booked with it ({@code null} if none)
     * @param source {@code memory}, {@code split} or {@code model} (see {@link ledgerlearn.model.Suggestion.Source})
     * @param memoryBookings with {@code memory}: how many times the company booked the same text and amount
     * @param memoryToThisAccount ... and how many of those to this account
     * @param companyKnown whether anything of the query's company was learnt
     * @param autoBook for the first suggestion, whether it may be booked unseen; {@code null} for the others
     */
    public record Suggestion(String account, double probability, String accountName, String source, int memoryBookings,
                             int memoryToThisAccount, boolean companyKnown, Boolean autoBook) {
    }

    /**
     * Bumped whenever learning changes what a row leaves in the state: a snapshot of an older learning is
     * then ignored and the store replayed, so a snapshot never gives a state a full replay would not.
     */
    static final int LEARNING = 4;

    private final Path dataDir;
    private final ModelOptions options;
    private final long settings;
    private final long snapshotEvery;
    private long snapshotRows;
    /** The rows of the snapshot the learner was opened from (0: none). */
    private final long restoredRows;
    /**
     * The rows of the newest snapshot on disk, as this learner loaded or wrote it, or -1 when there is none it
     * knows of (a deletion deletes them all); written under {@link #fileLock}. A stop writes a snapshot unless
     * one stands at the store's rows.
     */
    private volatile long snapshotOnDiskRows;
    /** Where the background snapshots are written, one at a time. */
    private final java.util.concurrent.ExecutorService snapshots = java.util.concurrent.Executors.newSingleThreadExecutor(
            runnable -> {
                Thread thread = new Thread(runnable, "ledgerlearn-snapshot");
                thread.setDaemon(true);
                return thread;
            });
    private final SampleStore store;
    /** See {@link #samplesArrived()}. */
    private final LongAdder arrived = new LongAdder();
    private final double autoBookPrecision;
    /** Model, metrics and activity; replaced whole, under the model's write lock, when a company is deleted. */
    private volatile State state;
    /**
     * Readers (predict) share it; a batch's predict-learn pass holds it exclusively, a group of samples
     * at a time and never across disk I/O, and so does a restore. Fair, so the next group queues behind
     * the predictions that waited for the last one instead of barging ahead of them.
     */
    private final ReentrantReadWriteLock modelLock = new ReentrantReadWriteLock(true);
    /**
     * Serialises batches, so each is appended whole and in the order its predictions were made; fair, so a
     * batch waits behind those that came before it, never behind a stream of later ones. Deletions, snapshots'
     * copies and restores hold it too.
     */
    private final ReentrantLock batchLock = new ReentrantLock(true);
    /**
     * Held while a snapshot file is written (one at a time) and while a deletion rewrites the store, so that a snapshot taken
     * before a deletion never lands on disk after it ({@link #generation} tells).
     */
    private final Object fileLock = new Object();
    /** Counts deletions; a snapshot taken in an earlier generation holds rows the store no longer has. */
    private long generation;
    /** The latest keyed batches by key, oldest first; under {@link #batchLock}. */
    private final Map<String, StoredKey> keys = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, StoredKey> eldest) {
            return size() > KEYS_KEPT;
        }
    };
    private volatile StoreHealth health = StoreHealth.OK;
    /** How many store failures were handled; a batch whose failure was handled already need not restore again. */
    private long failuresHandled;
    private long lastCheckNanos = System.nanoTime();
    /** Re-checks a failing store, and a healthy one's files to be on the data dir, once a {@link #CHECK_MILLIS}. */
    private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "ledgerlearn-store-check");
        thread.setDaemon(true);
        return thread;
    });

    /** A stored batch's key, and the store length its rows end at (0: durable before this process wrote). */
    private record StoredKey(BatchKey key, long end) {
    }

    private Learner(Path dataDir, ModelOptions options, long settings, long snapshotEvery, SampleStore store,
                    State state, double autoBookPrecision, long restoredRows) throws IOException {
        this.restoredRows = restoredRows;
        this.snapshotOnDiskRows = restoredRows > 0 ? restoredRows : -1;
        this.dataDir = dataDir;
        this.options = options;
        this.settings = settings;
        this.snapshotEvery = snapshotEvery;
        this.snapshotRows = store.rows();
        this.store = store;
        this.autoBookPrecision = autoBookPrecision;
        this.state = state;
        try {
            rememberKeys(store.keys());
        } catch (IOException | RuntimeException e) {
            checker.shutdownNow();
            store.close();
            throw e;
        }
        checker.scheduleWithFixedDelay(this::check, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void rememberKeys(List<BatchKey> stored) {
        keys.clear();
        for (BatchKey key : stored.subList(Math.max(0, stored.size() - KEYS_KEPT), stored.size())) {
            keys.put(key.key(), new StoredKey(key, 0));
        }
    }

    /** As {@link #open(Path, boolean, ModelOptions, double, long)} with the default auto-book precision and snapshots. */
    public static Learner open(Path dataDir, boolean fsync, ModelOptions options) throws IOException {
        return open(dataDir, fsync, options, Model.DEFAULT_AUTO_BOOK_PRECISION, SnapshotFiles.DEFAULT_EVERY);
    }

    /** As {@link #open(Path, boolean, ModelOptions, double, long)} with the default snapshots. */
    public static Learner open(Path dataDir, boolean fsync, ModelOptions options, double autoBookPrecision)
            throws IOException {
        return open(dataDir, fsync, options, autoBookPrecision, SnapshotFiles.DEFAULT_EVERY);
    }

    /**
     * Opens the store in {@code dataDir}: loads the newest snapshot whose rows the store holds, and replays the
     * rows after it into that state (into a fresh one, every row, without a usable snapshot). A snapshot that is
     * torn, damaged, of other settings or of other rows is passed over with a log line, never refused.
     *
     * @param autoBookPrecision the precision of auto-booked samples the auto-book decision keeps (0: off)
     * @param snapshotEvery write a snapshot in the background after this many rows (0: only on close; {@link #NO_SNAPSHOTS}: never)
     */
    public static Learner open(Path dataDir, boolean fsync, ModelOptions options, double autoBookPrecision,
                               long snapshotEvery) throws IOException {
        return open(dataDir, fsync, options, autoBookPrecision, snapshotEvery, Disk.local());
    }

    /** As {@link #open(Path, boolean, ModelOptions, double)}, on {@code disk} (tests pass one that fills up). */
    public static Learner open(Path dataDir, boolean fsync, ModelOptions options, double autoBookPrecision, Disk disk)
            throws IOException {
        return open(dataDir, fsync, options, autoBookPrecision, SnapshotFiles.DEFAULT_EVERY, disk);
    }

    /**
     * As {@link #open(Path, boolean, ModelOptions, double, long)}, on {@code disk}. The data dir's lock is taken
     * first: a second server on the same dir is refused before it reads a snapshot (which may not fit its heap) or
     * deletes what looks like a crash's partial snapshot, and may be the running server's snapshot being written.
     */
    public static Learner open(Path dataDir, boolean fsync, ModelOptions options, double autoBookPrecision,
                               long snapshotEvery, Disk disk) throws IOException {
        long settings = settings(options, autoBookPrecision);
        DataDirLock lock = DataDirLock.acquire(dataDir, disk);
        Loaded loaded;
        try {
            loaded = loadSnapshot(dataDir, settings, autoBookPrecision);
        } catch (IOException | RuntimeException | Error e) {
            try {
                lock.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        if (loaded == null) {
            State state = State.fresh(options, autoBookPrecision);
            SampleStore store = SampleStore.open(lock, dataDir, fsync, null, state::replay, disk);
            return new Learner(dataDir, options, settings, snapshotEvery, store, state, autoBookPrecision, 0);
        }
        SnapshotFiles.Snapshot snapshot = loaded.snapshot();
        SampleStore store = SampleStore.open(lock, dataDir, fsync, snapshot.position(), loaded.state()::replay, disk);
        LOG.log(System.Logger.Level.INFO, "snapshot: loaded " + snapshot.file().getFileName() + " ("
                + snapshot.position().rows() + " rows), replayed " + (store.rows() - snapshot.position().rows())
                + " rows after it");
        return new Learner(dataDir, options, settings, snapshotEvery, store, loaded.state(), autoBookPrecision,
                snapshot.position().rows());
    }

    /** A snapshot's state, read. */
    private record Loaded(SnapshotFiles.Snapshot snapshot, State state) {
    }

    /**
     * The newest snapshot in {@code dataDir} whose rows the store holds, read; {@code null} when there is none. A
     * snapshot that is torn, damaged, of other settings or of other rows is passed over with a log line.
     */
    private static Loaded loadSnapshot(Path dataDir, long settings, double autoBookPrecision) throws IOException {
        for (Path file : SnapshotFiles.list(dataDir)) {
            try {
                SnapshotFiles.Snapshot snapshot = SnapshotFiles.read(file, settings);
                if (!SampleStore.matches(dataDir, snapshot.position())) {
                    LOG.log(System.Logger.Level.WARNING, "snapshot: " + file.getFileName()
                            + " is not of the rows the store holds; passed over");
                    continue;
                }
                return new Loaded(snapshot, snapshot.read(in -> State.read(in, autoBookPrecision)));
            } catch (IOException | java.io.UncheckedIOException | StateInput.CorruptStateException e) {
                LOG.log(System.Logger.Level.WARNING, "snapshot: " + e.getMessage() + "; passed over");
            }
        }
        return null;
    }

    /**
     * Takes {@code dataDir}'s lock, which a learner holds while open: a step that changes the dir before a learner
     * opens it holds the lock meanwhile, so that it is refused on the dir of a running server.
     */
    public static Closeable lockDataDir(Path dataDir) throws IOException {
        return DataDirLock.acquire(dataDir, Disk.local());
    }

    /** Deletes the files of {@code dataDir} (its store, snapshots and the rest) but its lock, which the caller holds. */
    public static void emptyDataDir(Path dataDir) throws IOException {
        try (Stream<Path> files = Files.list(dataDir)) {
            for (Path file : files.toList()) {
                if (Files.isRegularFile(file) && !file.getFileName().toString().equals(DataDirLock.FILE_NAME)) {
                    Files.delete(file);
                }
            }
        }
    }

    /** The rows of the snapshot this learner was opened from (0: none); the rest were replayed from the store. */
    public long restoredRows() {
        return restoredRows;
    }

    /** A digest of the model: equal after the same rows, however they arrived (a snapshot and a replay included). */
    public long checksum() {
        modelLock.readLock().lock();
        try {
            return state.model.checksum();
        } finally {
            modelLock.readLock().unlock();
        }
    }

    /** What a snapshot must have been learnt with to be loaded: the learning, the model's options, the auto-book precision. */
    static long settings(ModelOptions options, double autoBookPrecision) {
        long h = LEARNING * 0x9E3779B97F4A7C15L;
        for (long value : new long[] {Double.doubleToLongBits(options.alpha()), Double.doubleToLongBits(options.companyModel()),
                options.maxFeatures(), Double.doubleToLongBits(autoBookPrecision)}) {
            h = (h ^ value) * 0xC2B2AE3D27D4EB4FL;
            h ^= h >>> 29;
        }
        return h;
    }

    /** Everything a learner derives from the store, as a snapshot holds it. */
    private static final class State {
        final Model model;
        final ScoreWindow window;
        final Prequential prequential;
        final Activity activity;

        private State(Model model, ScoreWindow window, double autoBookPrecision) {
            this.model = model;
            this.window = window;
            this.prequential = new Prequential(model, window, autoBookPrecision);
            this.activity = new Activity(RECENT_CAPACITY);
        }

        static State fresh(ModelOptions options, double autoBookPrecision) {
            return new State(new Model(options), new ScoreWindow(), autoBookPrecision);
        }

        /** The state {@link #write} wrote; {@link SnapshotFiles.Snapshot#read} checks that it is read whole. */
        static State read(StateInput in, double autoBookPrecision) {
            State state = new State(Model.read(in), ScoreWindow.read(in), autoBookPrecision);
            state.prequential.readNames(in);
            state.activity.read(in);
            return state;
        }

        void write(StateOutput out) {
            model.write(out);
            window.write(out);
            prequential.writeNames(out);
            activity.write(out);
        }

        void replay(StoredSample row) {
            activity.record(row, prequential.replay(row));
        }

        /** Learns a sample as a batch of one learns it, and returns the row to store for it. */
        StoredSample learn(Sample sample) {
            Model.Step step = prequential.predictThenLearn(sample, 1);
            StoredSample row = Prequential.stored(sample, step);
            prequential.score(row, step.autoBook());
            activity.record(row, step.autoBook());
            return row;
        }
    }

    /**
     * Learns a validated batch, prequentially: each sample is predicted by the model that has learnt
     * every earlier one, then learnt. Returns once the batch is durable.
     *
     * @throws StoreFailedException when the store does not take the batch: nothing of it is stored, and
     *     the model is restored to what the store holds before this returns
     */
    public BatchResult learn(List<Sample> batch) {
        return learn(batch, null);
    }

    /**
     * As {@link #learn(List)}, for a batch with an idempotency key ({@code null}: none; a tenant's client's key as
     * {@link #tenantKey} makes it). A key already stored
     * (one of the latest {@value #KEYS_KEPT} keyed batches, or more) with the same rows stores nothing and answers
     * that batch's answer, {@code replayed}, once that batch is durable. Batches with the same key at the same
     * time are serialised like any batches, so one is stored and the others replay it.
     *
     * @throws KeyConflictException when the key was stored with other rows; nothing is stored
     */
    public BatchResult learn(List<Sample> batch, String key) {
        if (key != null && !BatchKey.isValidStoredKey(key)) {
            throw new IllegalArgumentException("not a valid idempotency key");
        }
        String digest = key == null ? null : digest(batch);
        long end;
        BatchResult result;
        long failures;
        batchLock.lock();
        try {
            refuseUnlessWritable();
            StoredKey stored = key == null ? null : keys.get(key);
            if (stored != null) {
                if (!stored.key().digest().equals(digest)) {
                    throw new KeyConflictException("Idempotency-Key \"" + BatchKey.clientKey(key) + "\" was sent before with other rows"
                            + " (a batch of " + stored.key().accepted() + "); nothing was stored; send new rows with a new key");
                }
                // the batch may still be on its way to the disk: its answer waits for the fsync, as the first did
                end = stored.end();
                result = new BatchResult(stored.key().accepted(), stored.key().total(), true);
            } else {
                if (key != null) {
                    compactKeysIfLong();
                }
                end = learnLocked(batch, key, digest);
                result = new BatchResult(batch.size(), store.rows());
            }
            failures = failuresHandled;
        } finally {
            batchLock.unlock();
        }
        // The fsync happens outside both locks: predictions never wait for the disk, and batches
        // that arrive meanwhile share one fsync (group commit).
        try {
            store.sync(end);
        } catch (IOException e) {
            batchLock.lock();
            try {
                // the first batch to see a failure cuts the store and restores the model, which undoes the
                // batches after it as well; they find it done
                if (failuresHandled == failures) {
                    failAndRestore("store fsync failed (" + e.getMessage() + ")");
                }
            } finally {
                batchLock.unlock();
            }
            throw new StoreFailedException("storage failure: the batch was not stored (" + e.getMessage() + ")", e,
                    RETRY_AFTER_SECONDS);
        }
        if (!result.replayed()) {
            arrived.add(result.accepted());
        }
        return result;
    }

    /** Predicts, learns, appends and scores a batch under the batch lock; returns the store length after it. */
    private long learnLocked(List<Sample> batch, String key, String digest) {
        State current = state;
        List<StoredSample> rows = new ArrayList<>(batch.size());
        boolean[] autoBooked = new boolean[batch.size()];
        // The write lock is held for a group of samples (at most a few milliseconds), not the whole batch:
        // a /predict waits for one group at most, and sees the model between two samples.
        for (int i = 0; i < batch.size(); ) {
            modelLock.writeLock().lock();
            try {
                long deadline = System.nanoTime() + LEARN_GROUP_NANOS;
                int groupEnd = Math.min(batch.size(), i + LEARN_GROUP);
                do {
                    Model.Step step = current.prequential.predictThenLearn(batch.get(i), 1);
                    rows.add(Prequential.stored(batch.get(i), step));
                    autoBooked[i] = step.autoBook();
                    i++;
                } while (i < groupEnd && System.nanoTime() - deadline < 0);
            } catch (RuntimeException | Error e) {
                // a model that failed part way through a sample is not trusted: it is rebuilt from the store; this
                // frame lets go of it first, since what failed may be the heap it filled (an OutOfMemoryError)
                current = null;
                failAndRestore("learning failed (" + e + ")");
                throw e;
            } finally {
                modelLock.writeLock().unlock();
            }
        }
        BatchKey batchKey = key == null ? null : BatchKey.of(key, digest, batch.size(), store.rows() + batch.size());
        long end;
        try {
            end = store.append(rows, batchKey);
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            current = null;
            failAndRestore("store write failed (" + e.getMessage() + ")");
            if (e instanceof OutOfMemoryError outOfMemory) {
                throw outOfMemory;
            }
            throw new StoreFailedException("storage failure: the batch was not stored (" + e.getMessage() + ")", e,
                    RETRY_AFTER_SECONDS);
        }
        if (batchKey != null) {
            keys.put(key, new StoredKey(batchKey, end));
        }
        try {
            for (int i = 0; i < rows.size(); i++) {
                current.prequential.score(rows.get(i), autoBooked[i]);
                current.activity.record(rows.get(i), autoBooked[i]);
            }
        } catch (RuntimeException | OutOfMemoryError e) {
            // the batch is in the store, but the metrics hold only part of it: they are rebuilt with it
            current = null;
            restoreOrLose("scoring failed (" + e + ")");
        }
        long total = store.rows();
        if (snapshotEvery > 0 && total - snapshotRows >= snapshotEvery) {
            snapshotRows = total;
            snapshotInBackground();
        }
        return end;
    }

    /** Keeps the key log from growing past twice the keys remembered: it then keeps just those. */
    private void compactKeysIfLong() {
        if (store.keyCount() < 2 * KEYS_KEPT) {
            return;
        }
        try {
            store.compactKeys(keys.values().stream().map(StoredKey::key).toList());
        } catch (IOException | RuntimeException e) {
            loseUntilRestart("key log compaction failed (" + e.getMessage() + "); restart the server to replay the store");
            throw new StoreFailedException("storage failure: the batch was not stored", e, 0);
        }
    }

    /** Whether {@code key} may be an idempotency key: 1..{@value #MAX_KEY_LENGTH} printable ASCII characters. */
    public static boolean isValidKey(String key) {
        return BatchKey.isValidKey(key);
    }

    /**
     * The key under which {@link #learn(List, String)} keeps a client's key when the client is bound to
     * {@code companies}: the tenant's own, so that two tenants choosing the same key neither block nor replay each
     * other's batches, nor learn that the other used it. Clients bound to the same companies share their keys.
     */
    public static String tenantKey(Collection<String> companies, String clientKey) {
        MessageDigest sha = sha256();
        for (String company : new TreeSet<>(companies)) {
            byte[] id = company.getBytes(StandardCharsets.UTF_8);
            sha.update(new byte[] {(byte) (id.length >>> 24), (byte) (id.length >>> 16), (byte) (id.length >>> 8),
                    (byte) id.length});
            sha.update(id);
        }
        return BatchKey.ofTenant(HexFormat.of().formatHex(sha.digest(), 0, 8), clientKey);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * A digest of a batch's rows (every value of every sample, in order), by which a retry is told from other
     * rows sent with the same key: the first 128 bits of a SHA-256, in hex.
     */
    static String digest(List<Sample> batch) {
        MessageDigest sha = sha256();
        // gathered into a buffer first: two updates a value cost more than the hashing itself
        byte[] buffer = new byte[8192];
        int n = 0;
        for (Sample sample : batch) {
            for (Column column : Column.ALL) {
                byte[] value = sample.value(column).getBytes(StandardCharsets.UTF_8);
                if (n + 4 + value.length > buffer.length) {
                    sha.update(buffer, 0, n);
                    n = 0;
                    if (4 + value.length > buffer.length) {
                        buffer = new byte[4 + value.length];
                    }
                }
                // each value length-prefixed, so that no two batches run together into the same bytes
                buffer[n++] = (byte) (value.length >>> 24);
                buffer[n++] = (byte) (value.length >>> 16);
                buffer[n++] = (byte) (value.length >>> 8);
                buffer[n++] = (byte) value.length;
                System.arraycopy(value, 0, buffer, n, value.length);
                n += value.length;
            }
        }
        sha.update(buffer, 0, n);
        return HexFormat.of().formatHex(sha.digest(), 0, 16);
    }

    /**
     * Deletes every stored row of {@code company}, and leaves exactly the learner that a server fed only the other
     * rows, in the same order, would be: the store (each remaining row with the prediction and probability the
     * model of the remaining rows before it makes), the model, the metrics and the activity are rebuilt by
     * learning the remaining rows afresh, and the store is rewritten crash-safely ({@link SampleStore#rewrite});
     * snapshots and the keys of batches left without rows go with it. Batches wait meanwhile; predictions and
     * metrics are answered from the learner as it was until the new one takes its place.
     *
     * @return what was deleted, or {@code null} when the store holds no row of {@code company}
     * @throws StoreFailedException when the store could not be rewritten: before the rewrite's rename nothing
     *     changed; after it (a failing disk) the learner refuses batches until a restart
     */
    public Deletion deleteCompany(String company) {
        batchLock.lock();
        try {
            refuseUnlessWritable();
            if (state.activity.samplesOf(company) == 0) {
                return null;
            }
            try {
                // every batch acknowledged or about to be is durable before the store is read to be rewritten
                store.sync(store.bytes());
            } catch (IOException e) {
                failAndRestore("store fsync failed (" + e.getMessage() + ")");
                throw new StoreFailedException("storage failure: the company was not deleted (" + e.getMessage() + ")",
                        e, RETRY_AFTER_SECONDS);
            }
            State fresh = State.fresh(options, autoBookPrecision);
            SampleStore.Rewritten rewritten;
            synchronized (fileLock) {
                generation++;
                snapshotOnDiskRows = -1;
                try {
                    rewritten = store.rewrite(row -> company.equals(row.sample().companyId()) ? null
                            : fresh.learn(row.sample()));
                    rememberKeys(store.keys());
                } catch (OutOfMemoryError e) {
                    // the fresh state is dropped with this frame, and the store was left as it was
                    throw new StoreFailedException("not enough heap to delete a company: a deletion learns the other"
                            + " companies' rows into a second state while the first goes on answering, so it needs about twice"
                            + " the heap the state takes (restart with a larger -Xmx); the company was not deleted", e, 0);
                } catch (IOException | RuntimeException e) {
                    if (store.isFailed()) {
                        loseUntilRestart("store rewrite failed (" + e.getMessage() + "); restart the server to replay the store");
                    }
                    throw new StoreFailedException("storage failure: the company was not deleted ("
                            + e.getMessage() + ")", e, store.isFailed() ? 0 : RETRY_AFTER_SECONDS);
                }
            }
            modelLock.writeLock().lock();
            try {
                state = fresh;
            } finally {
                modelLock.writeLock().unlock();
            }
            snapshotRows = store.rows();
            if (snapshotEvery > 0 && snapshotRows > 0) {
                // the rewrite deleted every snapshot: without a new one the next start replays every row
                snapshotInBackground();
            }
            return new Deletion(rewritten.dropped(), rewritten.rows());
        } finally {
            batchLock.unlock();
        }
    }

    /**
     * Writes the stored rows of {@code company}, in store order, with the prediction and probability stored for
     * each, as CSV to {@code out} (see {@link SampleStore#export}); returns how many.
     *
     * @param ownAccountsOnly leave out (blank) a prediction of an account the company has not booked: another
     *     company's, which the model suggested while it knew little of this one
     */
    public long export(String company, boolean ownAccountsOnly, OutputStream out) throws IOException {
        UnaryOperator<StoredSample> shown = UnaryOperator.identity();
        if (ownAccountsOnly) {
            Set<String> own;
            modelLock.readLock().lock();
            try {
                own = state.model.accountsBookedBy(company);
            } finally {
                modelLock.readLock().unlock();
            }
            shown = row -> row.predicted().isEmpty() || own.contains(row.predicted()) ? row
                    : new StoredSample(row.sample(), "");
        }
        return store.export(sample -> company.equals(sample.companyId()), shown, out);
    }

    /** Whether {@code company} has booked {@code account}: an account of its own, not only another company's. */
    public boolean booked(String company, String account) {
        modelLock.readLock().lock();
        try {
            return state.model.booked(company, account);
        } finally {
            modelLock.readLock().unlock();
        }
    }

    /** Throws the refusal of a batch while the store does not take batches; re-checks a failing one first. Holds the batch lock. */
    private void refuseUnlessWritable() {
        refreshHealth();
        StoreHealth h = health;
        if (!h.ok()) {
            if (h.status().equals("closed")) {
                throw new StoreFailedException(h.reason(), null, 0);
            }
            int retry = h.status().equals("failing") ? RETRY_AFTER_SECONDS : 0;
            throw new StoreFailedException("server cannot store samples: " + h.reason(), null, retry);
        }
    }

    /**
     * After the store refused a batch: cuts what it must (see {@link SampleStore#cutToDurable}), rebuilds the
     * state from what it holds, and refuses batches until a re-check finds the disk taking writes again.
     * Holds the batch lock.
     */
    private void failAndRestore(String what) {
        failuresHandled++;
        health = new StoreHealth("failing", what, System.currentTimeMillis());
        LOG.log(System.Logger.Level.ERROR, "store: " + what + "; the batch was refused, the model is being restored"
                + " to what the store holds, and batches are refused until writes succeed again (re-checked every "
                + CHECK_MILLIS / 1000 + " s)");
        try {
            store.cutToDurable();
        } catch (IOException | RuntimeException e) {
            loseAndForget(e);
            return;
        }
        restoreOrLose(null);
    }

    /**
     * Rebuilds the state from the store ({@link #restore()}); when even that fails, the model may hold what the
     * store does not and answers nothing more until a restart. Holds the batch lock.
     *
     * @param why what left the state untrusted, logged; {@code null} when the caller has logged it
     */
    private void restoreOrLose(String why) {
        if (why != null) {
            LOG.log(System.Logger.Level.ERROR, "learner: " + why + "; the model is being restored to what the store holds");
        }
        try {
            restore();
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            loseAndForget(e);
        }
    }

    /** Puts an empty state in place of one that may hold what the store does not, and refuses batches until a restart. */
    private void loseAndForget(Throwable e) {
        modelLock.writeLock().lock();
        try {
            state = State.fresh(options, autoBookPrecision);
        } finally {
            modelLock.writeLock().unlock();
        }
        loseUntilRestart("the model could not be restored from the store (" + e + "); restart the server");
    }

    /**
     * Rebuilds model, metrics and recent activity from what the store holds, under the model's write lock,
     * so that every reader waits for it and then sees the store's model; and the idempotency keys from the
     * key log. It replays every row (a few seconds for the real data set). Holds the batch lock.
     */
    void restore() throws IOException {
        long started = System.nanoTime();
        modelLock.writeLock().lock();
        try {
            // the state being replaced may be what filled the heap: it goes before its successor is built
            state = State.fresh(options, autoBookPrecision);
            State rebuilt = State.fresh(options, autoBookPrecision);
            store.replay(rebuilt::replay);
            state = rebuilt;
        } finally {
            modelLock.writeLock().unlock();
        }
        rememberKeys(store.keys());
        snapshotRows = Math.min(snapshotRows, store.rows());
        LOG.log(System.Logger.Level.INFO, String.format(java.util.Locale.ROOT,
                "store: model restored from %d stored samples in %.2f s", store.rows(), (System.nanoTime() - started) / 1e9));
    }

    /** Once a second: a failing store is re-checked, a healthy one's files checked to be on the data dir. */
    private void check() {
        if (!batchLock.tryLock()) {
            // a batch is in progress: it checks as it goes
            return;
        }
        try {
            refreshHealth();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "store: check failed: " + e);
        } finally {
            batchLock.unlock();
        }
    }

    /**
     * Brings the store's health up to date: an fsync that failed for a batch or a snapshot whose thread has not come
     * back for the lock is handled, a failing store is re-checked, a healthy one's files checked to be on the data
     * dir. Holds the batch lock.
     */
    private void refreshHealth() {
        if (health.ok() && store.failure() != null) {
            failAndRestore("store " + store.failure());
        }
        if (health.status().equals("failing")) {
            recheck();
        } else if (health.ok()) {
            try {
                store.checkIdentity();
            } catch (DataDirLostException e) {
                lose(e);
            }
        }
    }

    /** Whether the failing store takes writes again, at most once a {@link #CHECK_MILLIS}. Holds the batch lock. */
    private void recheck() {
        long now = System.nanoTime();
        if (now - lastCheckNanos < TimeUnit.MILLISECONDS.toNanos(CHECK_MILLIS)) {
            return;
        }
        lastCheckNanos = now;
        try {
            store.checkIdentity();
            store.probe();
            store.resume();
            long seconds = (System.currentTimeMillis() - health.sinceMillis()) / 1000;
            health = StoreHealth.OK;
            LOG.log(System.Logger.Level.INFO, "store: writes succeed again after " + seconds + " s; taking batches again");
        } catch (DataDirLostException e) {
            lose(e);
        } catch (IOException | RuntimeException e) {
            // still failing; the reason stays the first one
        }
    }

    private void lose(DataDirLostException e) {
        loseUntilRestart("data dir changed under the server: " + e.getMessage()
                + "; batches are refused until the server is restarted on an intact data dir");
    }

    /** Refuses every batch until a restart, saying why. */
    private void loseUntilRestart(String reason) {
        if (health.status().equals("lost") || health.status().equals("closed")) {
            return;
        }
        health = new StoreHealth("lost", reason, System.currentTimeMillis());
        LOG.log(System.Logger.Level.ERROR, "store: " + reason);
    }

    /** Whether the store takes batches, and if not, why and since when. */
    public StoreHealth storeHealth() {
        return health;
    }

    /** The {@code k} most likely accounts, best first; empty while nothing has been learnt. */
    public List<String> predict(Transaction transaction, int k) {
        return predictAll(List.of(transaction), k).get(0);
    }

    /**
     * For each transaction, the {@code k} most likely accounts, best first, all by the same model (one
     * hold of the read lock); each list is empty while nothing has been learnt.
     */
    public List<List<String>> predictAll(List<Transaction> transactions, int k) {
        List<List<String>> answers = new ArrayList<>(transactions.size());
        modelLock.readLock().lock();
        try {
            Model model = state.model;
            for (Transaction transaction : transactions) {
                answers.add(model.sampleCount() == 0 ? List.of() : model.predict(transaction, k));
            }
        } finally {
            modelLock.readLock().unlock();
        }
        return answers;
    }

    /**
     * The {@code k} most likely accounts, best first, with their probabilities (normalised over every
     * account the query may get) and account names; empty while nothing has been learnt.
     */
    public List<Suggestion> suggest(Transaction transaction, int k) {
        return suggestAll(List.of(transaction), k).get(0);
    }

    /** {@link #suggest} for each transaction, all by the same model (one hold of the read lock). */
    public List<List<Suggestion>> suggestAll(List<Transaction> transactions, int k) {
        List<List<Suggestion>> answers = new ArrayList<>(transactions.size());
        modelLock.readLock().lock();
        try {
            State current = state;
            for (Transaction transaction : transactions) {
                answers.add(current.model.sampleCount() == 0 ? List.of() : suggestLocked(current, transaction, k));
            }
        } finally {
            modelLock.readLock().unlock();
        }
        return answers;
    }

    private List<Suggestion> suggestLocked(State current, Transaction transaction, int k) {
        Model model = current.model;
        List<Suggestion> suggestions = new ArrayList<>(k);
        for (ledgerlearn.model.Suggestion s : model.suggest(transaction, k)) {
            suggestions.add(new Suggestion(s.account(), s.probability(),
                    current.prequential.accountName(transaction.companyId(), s.account()), s.source().label(),
                    s.memoryBookings(), s.memoryToThisAccount(), s.companyKnown(),
                    suggestions.isEmpty() ? model.autoBook(s.probability(), autoBookPrecision)
                            : null));
        }
        return suggestions;
    }

    /** Precision, recall and accuracy over the last {@code n} scored samples. */
    public Scores scores(int n, Average average) {
        return state.window.scores(n, average);
    }

    /** Precision, recall and accuracy over the last {@code n} scored samples of {@code company}. */
    public Scores scores(int n, Average average, String company) {
        return state.window.scores(n, average, company);
    }

    /** Precision, recall and accuracy over the last {@code n} scored samples of the companies in {@code companies}. */
    public Scores scoresOf(int n, Average average, Set<String> companies) {
        return state.window.scoresOf(n, average, companies);
    }

    /**
     * The learning curve: the scores over consecutive windows of {@code windowSize} scored samples,
     * oldest first; the last window holds the remainder.
     */
    public List<Scores> curve(int windowSize, Average average) {
        return state.window.curve(windowSize, average);
    }

    /** The learning curve over the scored samples of the companies in {@code companies} only. */
    public List<Scores> curveOf(int windowSize, Average average, Set<String> companies) {
        return state.window.curveOf(windowSize, average, companies);
    }

    /** The number of scored samples of the companies in {@code companies}. */
    public long scoredOf(Set<String> companies) {
        return state.window.sizeOf(companies);
    }

    /** The learning curve over {@code company}'s own scored samples. */
    public List<Scores> curve(int windowSize, Average average, String company) {
        return state.window.curve(windowSize, average, company);
    }

    /** The learning curve's windows, each scored without {@code company}'s samples (see {@link ScoreWindow#curveWithout}). */
    public List<Scores> curveWithout(int windowSize, Average average, String company) {
        return state.window.curveWithout(windowSize, average, company);
    }

    /** The scores over every scored sample but {@code company}'s. */
    public Scores scoresWithout(Average average, String company) {
        return state.window.scoresWithout(average, company);
    }

    /** The number of scored samples: every sample learnt after the first one. */
    public long scored() {
        return state.window.size();
    }

    /**
     * One of the latest scored samples: the row as stored (with the account predicted for it before it was
     * learnt, and that account's probability), whether it was to be booked unseen, and the name its
     * company books the predicted account with ({@code null} if none).
     */
    public record Recent(StoredSample row, boolean autoBook, String predictedName) {
    }

    /**
     * The latest scored samples with the prediction made for each, newest first, in the order the server
     * took them; at most {@link #RECENT_CAPACITY}. Of one company when {@code company} is given (none for
     * a company not among the most recently active few hundred).
     */
    public List<Recent> recent(String company) {
        State current = state;
        List<Activity.Entry> entries = company == null ? current.activity.recent() : current.activity.recent(company);
        List<Recent> recent = new ArrayList<>(entries.size());
        modelLock.readLock().lock();
        try {
            for (Activity.Entry entry : entries) {
                StoredSample row = entry.row();
                recent.add(new Recent(row, entry.autoBook(),
                        current.prequential.accountName(row.sample().companyId(), row.predicted())));
            }
        } finally {
            modelLock.readLock().unlock();
        }
        return recent;
    }

    /** The number of samples stored (and learnt) per company, in no particular order. */
    public Map<String, Long> samplesByCompany() {
        return state.activity.samplesByCompany();
    }

    /** The number of samples of {@code company} stored (and learnt); 0 for a company never seen. */
    public long samplesOf(String company) {
        return state.activity.samplesOf(company);
    }

    /** The number of samples stored (and learnt). */
    public long samples() {
        return store.rows();
    }

    /**
     * The samples stored since this learner opened, each batch once it is durable, not those the store held
     * before: a count that only grows, as a Prometheus counter must, where {@link #samples()} falls when a
     * company is deleted.
     */
    public long samplesArrived() {
        return arrived.sum();
    }

    /** The store file's length in bytes. */
    public long storeBytes() {
        return store.bytes();
    }

    /** How long the store's fsyncs took. */
    public Histogram.Snapshot syncDurations() {
        return store.syncDurations();
    }

    /** The number of distinct accounts learnt. */
    public int classes() {
        modelLock.readLock().lock();
        try {
            return state.model.classCount();
        } finally {
            modelLock.readLock().unlock();
        }
    }

    /**
     * Writes a snapshot of the whole state after every row stored so far: made durable first, then copied
     * into memory while batches wait (predictions go on), then written, checksummed and forced to disk
     * while batches go on. The copy costs the state's size in heap for that moment (about 23 MB for the real
     * data set); when the heap has no room for it, the state is written straight to the file while batches
     * wait instead.
     *
     * @return the file, or {@code null} when the learner holds what the store does not (after a failure), or a
     *     company was deleted meanwhile
     */
    public Path snapshot() throws IOException {
        return snapshot(false);
    }

    /** @param whileBatchesWait write straight to the file under the batch lock, without a copy (on a stop) */
    private Path snapshot(boolean whileBatchesWait) throws IOException {
        SnapshotFiles.Position position;
        StateCopy copy = null;
        long taken;
        batchLock.lock();
        try {
            if (!health.ok()) {
                return null;
            }
            position = store.position();
            store.sync(position.bytes());
            modelLock.readLock().lock();
            try {
                if (!whileBatchesWait) {
                    try {
                        copy = StateCopy.of(state::write);
                    } catch (OutOfMemoryError e) {
                        // the copy's pieces are garbage already; the state goes to disk without one
                        LOG.log(System.Logger.Level.WARNING, "snapshot: no heap for a copy of the state; written while"
                                + " batches wait");
                    }
                }
                if (copy == null) {
                    synchronized (fileLock) {
                        return written(SnapshotFiles.write(dataDir, position, settings, state::write), position);
                    }
                }
            } finally {
                modelLock.readLock().unlock();
            }
            taken = generation;
        } finally {
            batchLock.unlock();
        }
        synchronized (fileLock) {
            // a deletion since: the state holds rows the store no longer has, and must not land on disk
            return taken != generation ? null : written(SnapshotFiles.write(dataDir, position, settings, copy), position);
        }
    }

    /** Notes the snapshot just written at {@code position} as the newest on disk. Holds {@link #fileLock}. */
    private Path written(Path file, SnapshotFiles.Position position) {
        snapshotOnDiskRows = position.rows();
        return file;
    }

    /** Asks for a snapshot in the background; once a stop has begun, the stop writes one itself. */
    private void snapshotInBackground() {
        try {
            snapshots.execute(this::snapshotQuietly);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.log(System.Logger.Level.DEBUG, "snapshot: not asked for, the learner is closing");
        }
    }

    private void snapshotQuietly() {
        snapshotQuietly(false);
    }

    private void snapshotQuietly(boolean whileBatchesWait) {
        try {
            long started = System.nanoTime();
            Path file = snapshot(whileBatchesWait);
            if (file != null) {
                LOG.log(System.Logger.Level.INFO, String.format("snapshot: wrote %s in %.2f s", file.getFileName(),
                        (System.nanoTime() - started) / 1e9));
            }
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            LOG.log(System.Logger.Level.WARNING, "snapshot: not written: " + e);
        }
    }

    /**
     * Waits for a batch in progress, writes a snapshot of every row stored (unless one already stands there),
     * then closes the store; later batches are refused.
     */
    @Override
    public void close() throws IOException {
        // not shutdownNow: an interrupt would close the store's channel under a check reading it (a restore)
        checker.shutdown();
        snapshots.shutdown();
        try {
            snapshots.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        batchLock.lock();
        try {
            if (snapshotEvery != NO_SNAPSHOTS && health.ok() && store.rows() > 0 && store.rows() != snapshotOnDiskRows) {
                // no batch comes any more: straight to the file, without a copy of the state in the heap
                snapshotQuietly(true);
            }
        } finally {
            health = new StoreHealth("closed", "server is shutting down", System.currentTimeMillis());
            try {
                store.close();
            } finally {
                batchLock.unlock();
            }
        }
    }

    /** Waits until the snapshots asked for in the background so far are written (for tests and a graceful stop). */
    public void snapshotsWritten() {
        try {
            snapshots.submit(() -> { }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }
}
