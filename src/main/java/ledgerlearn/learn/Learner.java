package ledgerlearn.learn;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import ledgerlearn.metrics.Average;
import ledgerlearn.metrics.ScoreWindow;
import ledgerlearn.metrics.Scores;
import ledgerlearn.model.Model;
import ledgerlearn.model.ModelOptions;
import ledgerlearn.sample.Sample;
import ledgerlearn.sample.Transaction;
import ledgerlearn.store.DataDirLostException;
import ledgerlearn.store.Disk;
import ledgerlearn.store.SampleStore;
import ledgerlearn.sample.StoredSample;
import ledgerlearn.telemetry.Histogram;

/**
 * The one class that joins store, model and metrics: per batch, predict → learn → append → score,
 * then make it durable; on open, replay the store so model and metrics are exactly as before. The model
 * never holds what the store does not: a batch the store refuses is unlearnt by {@link #restore() rebuilding}
 * the model from the store before anything else is answered; batches are then refused until the disk takes
 * writes again, which is re-checked every second; and a data dir deleted or replaced under the server stops
 * all acknowledgements until a restart.
 */
public final class Learner implements Closeable {

    /** What a stored batch answers: how many samples it held, and the store's row count right after it. */
    public record BatchResult(int accepted, long total) {
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
     *     taking writes again; {@code lost} when the data dir was deleted or replaced, until a restart;
     *     {@code closed} once stopping
     * @param reason why it does not, else {@code null}
     * @param sinceMillis when it stopped taking batches (epoch millis), else 0
     */
    public record StoreHealth(String status, String reason, long sinceMillis) {
        static final StoreHealth OK = new StoreHealth("ok", null, 0);

        public boolean ok() {
            return reason == null;
        }
    }

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

    /** What is learnt from the store: swapped whole by {@link #restore()}, under the model's write lock. */
    private static final class State {
        final Model model;
        final ScoreWindow window = new ScoreWindow();
        final Prequential prequential;
        final Activity activity = new Activity(RECENT_CAPACITY);

        State(ModelOptions options, double autoBookPrecision) {
            model = new Model(options);
            prequential = new Prequential(model, window, autoBookPrecision);
        }

        void replay(StoredSample row) {
            prequential.replay(row);
            activity.record(row);
        }
    }

    private final SampleStore store;
    private final ModelOptions options;
    private final double autoBookPrecision;
    private volatile State state;
    /**
     * Readers (predict) share it; a batch's predict-learn pass holds it exclusively, a group of samples
     * at a time and never across disk I/O, and so does a restore. Fair, so the next group queues behind
     * the predictions that waited for the last one instead of barging ahead of them.
     */
    private final ReentrantReadWriteLock modelLock = new ReentrantReadWriteLock(true);
    /**
     * Serialises batches, so each is appended whole and in the order its predictions were made; fair, so a
     * batch waits behind those that came before it, never behind a stream of later ones.
     */
    private final ReentrantLock batchLock = new ReentrantLock(true);
    private volatile StoreHealth health = StoreHealth.OK;
    /** How many store failures were handled; a batch whose failure was handled already need not restore again. */
    private long failuresHandled;
    private long lastCheckNanos = System.nanoTime();
    private final ScheduledExecutorService checker;

    private Learner(SampleStore store, State state, ModelOptions options, double autoBookPrecision) {
        this.store = store;
        this.state = state;
        this.options = options;
        this.autoBookPrecision = autoBookPrecision;
        this.checker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "ledgerlearn-store-check");
            thread.setDaemon(true);
            return thread;
        });
        checker.scheduleWithFixedDelay(this::check, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** As {@link #open(Path, boolean, ModelOptions, double)} with {@link Model#DEFAULT_AUTO_BOOK_PRECISION}. */
    public static Learner open(Path dataDir, boolean fsync, ModelOptions options) throws IOException {
        return open(dataDir, fsync, options, Model.DEFAULT_AUTO_BOOK_PRECISION);
    }

    /**
     * Opens the store in {@code dataDir} and replays it into a fresh model and metrics window.
     *
     * @param autoBookPrecision the precision of auto-booked samples the auto-book decision keeps (0: off)
     */
    public static Learner open(Path dataDir, boolean fsync, ModelOptions options, double autoBookPrecision)
            throws IOException {
        return open(dataDir, fsync, options, autoBookPrecision, Disk.local());
    }

    /** As {@link #open(Path, boolean, ModelOptions, double)}, on {@code disk} (tests pass one that fills up). */
    public static Learner open(Path dataDir, boolean fsync, ModelOptions options, double autoBookPrecision, Disk disk)
            throws IOException {
        State state = new State(options, autoBookPrecision);
        SampleStore store = SampleStore.open(dataDir, fsync, state::replay, disk);
        return new Learner(store, state, options, autoBookPrecision);
    }

    /**
     * Learns a validated batch, prequentially: each sample is predicted by the model that has learnt
     * every earlier one, then learnt. Returns once the batch is durable.
     *
     * @throws StoreFailedException when the store does not take the batch: nothing of it is stored, and
     *     the model is restored to what the store holds before this returns
     */
    public BatchResult learn(List<Sample> batch) {
        long end;
        long total;
        long failures;
        batchLock.lock();
        try {
            refuseUnlessWritable();
            State s = state;
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
                        Model.Step step = s.prequential.predictThenLearn(batch.get(i), 1);
                        rows.add(Prequential.stored(batch.get(i), step));
                        autoBooked[i] = step.autoBook();
                        i++;
                    } while (i < groupEnd && System.nanoTime() - deadline < 0);
                } catch (RuntimeException | Error e) {
                    // a model that failed part way through a sample is not trusted: it is rebuilt from the store
                    failAndRestore("learning failed (" + e + ")", null);
                    throw e;
                } finally {
                    modelLock.writeLock().unlock();
                }
            }
            try {
                end = store.append(rows);
            } catch (IOException | RuntimeException e) {
                failAndRestore("store write failed (" + e.getMessage() + ")", e);
                throw new StoreFailedException("storage failure: the batch was not stored (" + e.getMessage() + ")", e,
                        RETRY_AFTER_SECONDS);
            }
            for (int i = 0; i < rows.size(); i++) {
                s.prequential.score(rows.get(i), autoBooked[i]);
                s.activity.record(rows.get(i));
            }
            total = store.rows();
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
                    failAndRestore("store fsync failed (" + e.getMessage() + ")", e);
                }
            } finally {
                batchLock.unlock();
            }
            throw new StoreFailedException("storage failure: the batch was not stored (" + e.getMessage() + ")", e,
                    RETRY_AFTER_SECONDS);
        }
        return new BatchResult(batch.size(), total);
    }

    /** Throws the refusal of a batch while the store does not take batches; re-checks a failing one first. Holds the batch lock. */
    private void refuseUnlessWritable() {
        if (health.ok() && store.failure() != null) {
            // an fsync failed for a batch whose thread has not come back for the lock yet: restore now, once
            failAndRestore("store " + store.failure(), null);
        }
        if (health.status().equals("failing")) {
            recheck();
        }
        if (health.ok()) {
            try {
                store.checkIdentity();
            } catch (DataDirLostException e) {
                lose(e);
            }
        }
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
     * model from what it holds, and refuses batches until a re-check finds the disk taking writes again.
     * Holds the batch lock.
     */
    private void failAndRestore(String what, Exception cause) {
        failuresHandled++;
        health = new StoreHealth("failing", what, System.currentTimeMillis());
        LOG.log(System.Logger.Level.ERROR, "store: " + what + "; the batch was refused, the model is being restored"
                + " to what the store holds, and batches are refused until writes succeed again (re-checked every "
                + CHECK_MILLIS / 1000 + " s)");
        try {
            store.cutToDurable();
            restore();
        } catch (IOException | RuntimeException e) {
            // the model may hold what the store does not and cannot be rebuilt: it answers nothing more
            modelLock.writeLock().lock();
            try {
                state = new State(options, autoBookPrecision);
            } finally {
                modelLock.writeLock().unlock();
            }
            health = new StoreHealth("lost", "the model could not be restored from the store (" + e.getMessage()
                    + "); restart the server", System.currentTimeMillis());
            LOG.log(System.Logger.Level.ERROR, "store: " + health.reason());
        }
    }

    /**
     * Rebuilds model, metrics and recent activity from what the store holds, under the model's write lock,
     * so that every reader waits for it and then sees the store's model. Today it replays every row (a few
     * seconds for the real data set); a snapshot of the model at a known row could start it from there.
     */
    void restore() throws IOException {
        long started = System.nanoTime();
        modelLock.writeLock().lock();
        try {
            State fresh = new State(options, autoBookPrecision);
            store.replay(fresh::replay);
            state = fresh;
        } finally {
            modelLock.writeLock().unlock();
        }
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
            if (health.status().equals("failing")) {
                recheck();
            } else if (health.ok()) {
                try {
                    store.checkIdentity();
                } catch (DataDirLostException e) {
                    lose(e);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "store: check failed: " + e);
        } finally {
            batchLock.unlock();
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
        health = new StoreHealth("lost", "data dir changed under the server: " + e.getMessage()
                + "; batches are refused until the server is restarted on an intact data dir", System.currentTimeMillis());
        LOG.log(System.Logger.Level.ERROR, "store: " + health.reason());
    }

    /** Whether the store takes batches, and if not, why and since when. */
    public StoreHealth storeHealth() {
        return health;
    }

    /** The {@code k} most likely accounts, best first; empty while nothing has been learnt. */
    public List<String> predict(Transaction transaction, int k) {
        modelLock.readLock().lock();
        try {
            Model model = state.model;
            return model.sampleCount() == 0 ? List.of() : model.predict(transaction, k);
        } finally {
            modelLock.readLock().unlock();
        }
    }

    /**
     * The {@code k} most likely accounts, best first, with their probabilities (normalised over every
     * account the query may get) and account names; empty while nothing has been learnt.
     */
    public List<Suggestion> suggest(Transaction transaction, int k) {
        modelLock.readLock().lock();
        try {
            State s = state;
            Model model = s.model;
            if (model.sampleCount() == 0) {
                return List.of();
            }
            List<Suggestion> suggestions = new ArrayList<>(k);
            for (ledgerlearn.model.Suggestion suggestion : model.suggest(transaction, k)) {
                suggestions.add(new Suggestion(suggestion.account(), suggestion.probability(),
                        s.prequential.accountName(transaction.companyId(), suggestion.account()), suggestion.source().label(),
                        suggestion.memoryBookings(), suggestion.memoryToThisAccount(), suggestion.companyKnown(),
                        suggestions.isEmpty()
                                ? model.autoBook(transaction.companyId(), suggestion.probability(), autoBookPrecision)
                                : null));
            }
            return suggestions;
        } finally {
            modelLock.readLock().unlock();
        }
    }

    /** Precision, recall and accuracy over the last {@code n} scored samples. */
    public Scores scores(int n, Average average) {
        return state.window.scores(n, average);
    }

    /** Precision, recall and accuracy over the last {@code n} scored samples of {@code company}. */
    public Scores scores(int n, Average average, String company) {
        return state.window.scores(n, average, company);
    }

    /**
     * The learning curve: the scores over consecutive windows of {@code windowSize} scored samples,
     * oldest first; the last window holds the remainder.
     */
    public List<Scores> curve(int windowSize, Average average) {
        return state.window.curve(windowSize, average);
    }

    /** The number of scored samples: every sample learnt after the first one. */
    public long scored() {
        return state.window.size();
    }

    /** The latest scored samples with the prediction made for each, newest first; at most {@link #RECENT_CAPACITY}. */
    public List<StoredSample> recent() {
        return state.activity.recent();
    }

    /** The number of samples stored (and learnt) per company, in no particular order. */
    public Map<String, Long> samplesByCompany() {
        return state.activity.samplesByCompany();
    }

    /** The number of samples stored (and learnt). */
    public long samples() {
        return store.rows();
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

    /** Waits for a batch in progress, then closes the store; later batches are refused. */
    @Override
    public void close() throws IOException {
        checker.shutdownNow();
        batchLock.lock();
        try {
            health = new StoreHealth("closed", "server is shutting down", System.currentTimeMillis());
            store.close();
        } finally {
            batchLock.unlock();
        }
    }
}
