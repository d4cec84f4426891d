package ledgerlearn.model;

/**
 * Which first suggestions may be booked without a person looking: those whose probability is at least a
 * threshold learnt from the stream, the lowest at which the latest {@value #WINDOW} first suggestions shown
 * with a probability at least as high would together be right at least {@code precision} of the time, as
 * their calibrated probabilities say (the mean of those probabilities; the probabilities are the ranker's,
 * learnt on the very outcomes, so a mean over many is a finer estimate than the few outcomes behind the
 * highest bins). A window, not the whole stream: how many suggestions are that sure depends on the
 * companies being booked now, and the stream moves from company to company. O(1) per sample (a histogram
 * of {@value #BINS} bins over the probability's log-odds).
 */
final class AutoBook {
    static final int WINDOW = 2_000;
    static final int BINS = 200;
    private static final double MIN_LOG_ODDS = -5;
    private static final double MAX_LOG_ODDS = 15;

    private final int[] seen = new int[BINS];
    private final double[] probabilities = new double[BINS];
    private final double[] window = new double[WINDOW];
    private long recorded;

    /** Counts one first suggestion shown with {@code probability}. */
    void record(double probability) {
        int slot = (int) (recorded % WINDOW);
        if (recorded >= WINDOW) {
            int old = bin(window[slot]);
            seen[old]--;
            probabilities[old] -= window[slot];
        }
        int bin = bin(probability);
        window[slot] = probability;
        seen[bin]++;
        probabilities[bin] += probability;
        recorded++;
    }

    /**
     * Whether a first suggestion shown with {@code probability} may be booked unseen at {@code precision}
     * (0 never): when it is at least as sure as the window's lowest bin that keeps the precision, or at least
     * as sure as the precision itself (booking it alone keeps it).
     */
    boolean decide(double probability, double precision) {
        if (!(precision > 0)) {
            return false;
        }
        return probability >= precision || bin(probability) >= lowestBin(precision);
    }

    /**
     * The lowest bin holding one of the window's suggestions from which on their mean probability is at
     * least {@code precision} ({@code BINS}: none).
     */
    private int lowestBin(double precision) {
        int lowest = BINS;
        long n = 0;
        double sum = 0;
        for (int b = BINS - 1; b >= 0; b--) {
            n += seen[b];
            sum += probabilities[b];
            if (seen[b] > 0 && sum >= precision * n) {
                lowest = b;
            }
        }
        return lowest;
    }

    private static int bin(double probability) {
        double p = Math.min(Math.max(probability, 1e-12), 1 - 1e-12);
        double logOdds = Math.log(p / (1 - p));
        int bin = (int) ((logOdds - MIN_LOG_ODDS) * BINS / (MAX_LOG_ODDS - MIN_LOG_ODDS));
        return Math.max(0, Math.min(BINS - 1, bin));
    }

    long digest(long hash) {
        hash = Digest.mix(hash, recorded);
        for (long t = Math.max(0, recorded - WINDOW); t < recorded; t++) {
            hash = Digest.mix(hash, Double.doubleToLongBits(window[(int) (t % WINDOW)]));
        }
        return hash;
    }
}
