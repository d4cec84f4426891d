package ledgerlearn.model;

import java.util.Arrays;
import ledgerlearn.snapshot.StateInput;
import ledgerlearn.snapshot.StateOutput;

/**
 * One company's bookings: the accounts it has booked, ascending by class id, each with the samples
 * and the global feature occurrences the company booked to it and when it last booked it; its last
 * bank entry, for the split memory; and its last {@value #RECENT} bookings in order.
 */
final class CompanyCounts {
    private int[] classes = new int[4];
    private int[] samples = new int[4];
    private long[] featureTotals = new long[4];
    /** By class, log(m_c + mu) of the company model, kept with the feature totals (mu: {@link #twinSmoothing}). */
    private double[] logTwinDenominators = new double[4];
    private final double twinSmoothing;
    /** By class, the company's sample count just before it last booked the class. */
    private long[] lastBooked = new long[4];
    private int size;
    private long total;
    private long lastEntry;
    private int lastClass = -1;
    /** The classes of the last {@value #RECENT} bookings, the newest at {@code (total - 1) % RECENT}. */
    private final int[] recent = new int[RECENT];

    /** How many of the company's latest bookings {@link #recentShares} looks back over, at most (a power of two). */
    static final int RECENT = 64;

    /** A company's counts, whose company model is smoothed with the weight of {@code mu} feature occurrences. */
    CompanyCounts(double mu) {
        this.twinSmoothing = mu;
    }

    /** Counts one sample of class {@code c} with {@code features} global feature occurrences. */
    void add(int c, int features) {
        int at = Arrays.binarySearch(classes, 0, size, c);
        if (at < 0) {
            at = -at - 1;
            if (size == classes.length) {
                classes = Arrays.copyOf(classes, size * 2);
                samples = Arrays.copyOf(samples, size * 2);
                featureTotals = Arrays.copyOf(featureTotals, size * 2);
                logTwinDenominators = Arrays.copyOf(logTwinDenominators, size * 2);
                lastBooked = Arrays.copyOf(lastBooked, size * 2);
            }
            System.arraycopy(classes, at, classes, at + 1, size - at);
            System.arraycopy(samples, at, samples, at + 1, size - at);
            System.arraycopy(featureTotals, at, featureTotals, at + 1, size - at);
            System.arraycopy(logTwinDenominators, at, logTwinDenominators, at + 1, size - at);
            System.arraycopy(lastBooked, at, lastBooked, at + 1, size - at);
            classes[at] = c;
            samples[at] = 0;
            featureTotals[at] = 0;
            size++;
        }
        samples[at]++;
        featureTotals[at] += features;
        logTwinDenominators[at] = Math.log(featureTotals[at] + twinSmoothing);
        lastBooked[at] = total;
        recent[(int) (total % RECENT)] = c;
        total++;
    }

    /** Remembers the company's last booking: {@code c} for the bank entry of {@code entryKey}. */
    void booked(long entryKey, int c) {
        lastEntry = entryKey;
        lastClass = c;
    }

    /** The class of the last booking if it booked the entry {@code entryKey} (never 0), else -1. */
    int lastClassFor(long entryKey) {
        return lastEntry == entryKey ? lastClass : -1;
    }

    /** The bank entry of the last booking (0 before any). */
    long lastEntry() {
        return lastEntry;
    }

    /** The position of class {@code c} among the accounts booked, or -1 when the company never booked it. */
    int indexOf(int c) {
        int at = Arrays.binarySearch(classes, 0, size, c);
        return at < 0 ? -1 : at;
    }

    /**
     * Adds to {@code shares[i]} the share of the last {@code n} bookings (at most {@value #RECENT}; fewer
     * while the company has fewer) that went to {@code classes[i]}, for the first {@code count} classes.
     */
    void recentShares(int[] classes, int count, int n, double[] shares) {
        int span = (int) Math.min(n, total);
        if (span == 0) {
            return;
        }
        int end = (int) (total % RECENT);
        for (int t = 1; t <= span; t++) {
            int c = recent[(end - t) & (RECENT - 1)];
            for (int i = 0; i < count; i++) {
                if (classes[i] == c) {
                    shares[i] += 1.0 / span;
                    break;
                }
            }
        }
    }

    /**
     * The class of the latest booking, among the last {@value #RECENT}, that is not the class of the last
     * one; -1 when there is none. No loop here indexes an array by its counter: the compiled gathering of
     * evidence that inlines it was recompiled once more for each such loop, after a speculative range check
     * on it failed, at a second a time under load (docs/BENCHMARKS.md).
     */
    int previousOtherClass() {
        int last = lastClass();
        int span = (int) Math.min(RECENT, total);
        for (int t = 2; t <= span; t++) {
            int c = recent[(int) ((total - t) & (RECENT - 1))];
            if (c != last) {
                return c;
            }
        }
        return -1;
    }

    /** The class of the last booking, or -1 before any. */
    int lastClass() {
        return total == 0 ? -1 : recent[(int) ((total - 1) % RECENT)];
    }

    /** The number of accounts booked. */
    int size() {
        return size;
    }

    /** The samples of the company. */
    long total() {
        return total;
    }

    int classAt(int i) {
        return classes[i];
    }

    int samplesAt(int i) {
        return samples[i];
    }

    /** The company's samples since it last booked the class at {@code i}, at least 1. */
    long ageAt(int i) {
        return total - lastBooked[i];
    }

    long featureTotalAt(int i) {
        return featureTotals[i];
    }

    /** log(the feature occurrences booked to the class at {@code i} + mu). */
    double logTwinDenominatorAt(int i) {
        return logTwinDenominators[i];
    }

    /** The accounts booked, ascending. */
    int[] classes() {
        return Arrays.copyOf(classes, size);
    }

    /** The accounts booked, ascending, in the first {@link #size()} places of the company's own array: not to be changed. */
    int[] classesView() {
        return classes;
    }

    void write(StateOutput out) {
        out.writeInt(size).writeLong(total).writeLong(lastEntry).writeInt(lastClass);
        out.writeInts(classes, size).writeInts(samples, size).writeLongs(featureTotals, size).writeLongs(lastBooked, size);
        out.writeInts(recent, RECENT);
    }

    static CompanyCounts read(StateInput in, double mu) {
        CompanyCounts company = new CompanyCounts(mu);
        company.size = in.readInt();
        company.total = in.readLong();
        company.lastEntry = in.readLong();
        company.lastClass = in.readInt();
        company.classes = in.readInts(4);
        company.samples = in.readInts(company.classes.length);
        company.featureTotals = in.readLongs(company.classes.length);
        company.lastBooked = in.readLongs(company.classes.length);
        int[] recent = in.readInts(RECENT);
        if (company.size < 0 || in.lastLength() != RECENT || company.samples.length != company.classes.length
                || company.featureTotals.length != company.classes.length) {
            throw new StateInput.CorruptStateException("company counts: inconsistent lengths");
        }
        System.arraycopy(recent, 0, company.recent, 0, RECENT);
        company.logTwinDenominators = new double[company.classes.length];
        for (int i = 0; i < company.size; i++) {
            company.logTwinDenominators[i] = Math.log(company.featureTotals[i] + mu);
        }
        return company;
    }

    long digest(long hash) {
        hash = Digest.mix(Digest.mix(Digest.mix(Digest.mix(hash, size), total), lastEntry), lastClass);
        for (int i = 0; i < size; i++) {
            hash = Digest.mix(Digest.mix(Digest.mix(Digest.mix(hash, classes[i]), samples[i]), featureTotals[i]), lastBooked[i]);
        }
        for (long t = Math.max(0, total - RECENT); t < total; t++) {
            hash = Digest.mix(hash, recent[(int) (t % RECENT)]);
        }
        return hash;
    }
}
