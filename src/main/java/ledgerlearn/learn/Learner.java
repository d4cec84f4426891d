package ledgerlearn.learn;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import ledgerlearn.metrics.Average;
import ledgerlearn.metrics.ScoreWindow;
import ledgerlearn.metrics.Scores;
import ledgerlearn.model.Model;
import ledgerlearn.model.ModelOptions;
import ledgerlearn.sample.Sample;
import ledgerlearn.sample.Transaction;
import ledgerlearn.store.SampleStore;
import ledgerlearn.sample.StoredSample;
import ledgerlearn.telemetry.Histogram;

/**
 * The one class that joins store, model and metrics: per batch, predict → learn → append → score,
 * then make it durable; on open, replay the store so model and metrics are exactly as before.
 */
public final class Learner implements Closeable {

    /** What a stored batch answers: how many samples it held, and the store's row count right after it. */
    public record BatchResult(int accepted, long total) {
    }

    /** The store could not take a batch (or is closed): nothing of that batch was acknowledged. */
    public static final class StoreFailedException extends RuntimeException {
        StoreFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** How many of the latest scored samples {@link #recent()} keeps. */
    public static final int RECENT_CAPACITY = 20;

    private static final System.Logger LOG = System.getLogger("ledgerlearn");
    /** How many samples of a batch are predicted and learnt per hold of the model's write lock. */
    static final int LEARN_GROUP = 64;

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

    private final SampleStore store;
    private final Model model;
    private final double autoBookPrecision;
    private final ScoreWindow window;
    private final Activity activity;
    private final Prequential prequential;
    /**
     * Readers (predict) share it; a batch's predict-learn pass holds it exclusively, a group of samples
     * at a time and never across disk I/O. Fair, so the next group queues behind the predictions that
     * waited for the last one instead of barging ahead of them.
     */
    private final ReentrantReadWriteLock modelLock = new ReentrantReadWriteLock(true);
    /** Serialises batches, so each is appended whole and in the order its predictions were made. */
    private final Object batchLock = new Object();
    private boolean unusable;
    private String unusableReason;

    private Learner(SampleStore store, Model model, ScoreWindow window, Prequential prequential,
                    Activity activity, double autoBookPrecision) {
        this.store = store;
        this.model = model;
        this.autoBookPrecision = autoBookPrecision;
        this.window = window;
        this.prequential = prequential;
        this.activity = activity;
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
        Model model = new Model(options);
        ScoreWindow window = new ScoreWindow();
        Prequential prequential = new Prequential(model, window, autoBookPrecision);
        Activity activity = new Activity(RECENT_CAPACITY);
        SampleStore store = SampleStore.open(dataDir, fsync, row -> activity.record(row, prequential.replay(row)));
        return new Learner(store, model, window, prequential, activity, autoBookPrecision);
    }

    /**
     * Learns a validated batch, prequentially: each sample is predicted by the model that has learnt
     * every earlier one, then learnt. Returns once the batch is durable.
     *
     * @throws StoreFailedException when the store cannot take the batch; the learner then refuses
     *     further batches, since its model may hold what the store does not (a restart replays the store)
     */
    public BatchResult learn(List<Sample> batch) {
        long end;
        long total;
        synchronized (batchLock) {
            if (unusable) {
                throw new StoreFailedException(unusableReason, null);
            }
            List<StoredSample> rows = new ArrayList<>(batch.size());
            boolean[] autoBooked = new boolean[batch.size()];
            // The write lock is held for a group of samples, not the whole batch: a /predict waits for
            // one group at most (well under a millisecond), and sees the model between two samples.
            for (int from = 0; from < batch.size(); from += LEARN_GROUP) {
                modelLock.writeLock().lock();
                try {
                    for (int i = from; i < Math.min(batch.size(), from + LEARN_GROUP); i++) {
                        Model.Step step = prequential.predictThenLearn(batch.get(i), 1);
                        rows.add(Prequential.stored(batch.get(i), step));
                        autoBooked[i] = step.autoBook();
                    }
                } finally {
                    modelLock.writeLock().unlock();
                }
            }
            try {
                end = store.append(rows);
            } catch (IOException | RuntimeException e) {
                fail("store write failed (" + e.getMessage() + "); restart the server to replay the store");
                throw new StoreFailedException("storage failure: the batch was not stored", e);
            }
            for (int i = 0; i < rows.size(); i++) {
                prequential.score(rows.get(i), autoBooked[i]);
                activity.record(rows.get(i), autoBooked[i]);
            }
            total = store.rows();
        }
        // The fsync happens outside both locks: predictions never wait for the disk, and batches
        // that arrive meanwhile share one fsync (group commit).
        try {
            store.sync(end);
        } catch (IOException e) {
            synchronized (batchLock) {
                fail("store fsync failed (" + e.getMessage() + "); restart the server to replay the store");
            }
            throw new StoreFailedException("storage failure: the batch may not be durable", e);
        }
        return new BatchResult(batch.size(), total);
    }

    private void fail(String reason) {
        if (!unusable) {
            LOG.log(System.Logger.Level.ERROR, reason);
            unusable = true;
            unusableReason = "server cannot store samples: " + reason;
        }
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
            for (Transaction transaction : transactions) {
                answers.add(model.sampleCount() == 0 ? List.of() : suggestLocked(transaction, k));
            }
        } finally {
            modelLock.readLock().unlock();
        }
        return answers;
    }

    private List<Suggestion> suggestLocked(Transaction transaction, int k) {
        List<Suggestion> suggestions = new ArrayList<>(k);
        for (ledgerlearn.model.Suggestion s : model.suggest(transaction, k)) {
            suggestions.add(new Suggestion(s.account(), s.probability(),
                    prequential.accountName(transaction.companyId(), s.account()), s.source().label(),
                    s.memoryBookings(), s.memoryToThisAccount(), s.companyKnown(),
                    suggestions.isEmpty() ? model.autoBook(transaction.companyId(), s.probability(), autoBookPrecision)
                            : null));
        }
        return suggestions;
    }

    /** Precision, recall and accuracy over the last {@code n} scored samples. */
    public Scores scores(int n, Average average) {
        return window.scores(n, average);
    }

    /** Precision, recall and accuracy over the last {@code n} scored samples of {@code company}. */
    public Scores scores(int n, Average average, String company) {
        return window.scores(n, average, company);
    }

    /**
     * The learning curve: the scores over consecutive windows of {@code windowSize} scored samples,
     * oldest first; the last window holds the remainder.
     */
    public List<Scores> curve(int windowSize, Average average) {
        return window.curve(windowSize, average);
    }

    /** The learning curve over {@code company}'s own scored samples. */
    public List<Scores> curve(int windowSize, Average average, String company) {
        return window.curve(windowSize, average, company);
    }

    /** The learning curve's windows, each scored without {@code company}'s samples (see {@link ScoreWindow#curveWithout}). */
    public List<Scores> curveWithout(int windowSize, Average average, String company) {
        return window.curveWithout(windowSize, average, company);
    }

    /** The scores over every scored sample but {@code company}'s. */
    public Scores scoresWithout(Average average, String company) {
        return window.scoresWithout(average, company);
    }

    /** The number of scored samples: every sample learnt after the first one. */
    public long scored() {
        return window.size();
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
        List<Activity.Entry> entries = company == null ? activity.recent() : activity.recent(company);
        List<Recent> recent = new ArrayList<>(entries.size());
        modelLock.readLock().lock();
        try {
            for (Activity.Entry entry : entries) {
                StoredSample row = entry.row();
                recent.add(new Recent(row, entry.autoBook(),
                        prequential.accountName(row.sample().companyId(), row.predicted())));
            }
        } finally {
            modelLock.readLock().unlock();
        }
        return recent;
    }

    /** The number of samples stored (and learnt) per company, in no particular order. */
    public Map<String, Long> samplesByCompany() {
        return activity.samplesByCompany();
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
            return model.classCount();
        } finally {
            modelLock.readLock().unlock();
        }
    }

    /** Waits for a batch in progress, then closes the store; later batches are refused. */
    @Override
    public void close() throws IOException {
        synchronized (batchLock) {
            if (!unusable) {
                unusable = true;
                unusableReason = "server is shutting down";
            }
            store.close();
        }
    }
}
