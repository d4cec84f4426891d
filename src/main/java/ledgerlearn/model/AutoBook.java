package ledgerlearn.model;

/**
 * Which first suggestions may be booked without a person looking: those whose probability is at least a
 * threshold learnt from the stream, the lowest at which the latest {@value #WINDOW} scored samples with a
 * probability at least as high were right at least {@code precision} of the time. A window, not the whole
 * stream: which probabilities can be trusted that far depends on the companies being booked now, and
 * the stream moves from company to company. O(1) per sample (a histogram of {@value #BINS} bins over
 * the probability's log-odds).
 */
final class AutoBook {
    static final int WINDOW = 2_000;
    static final int BINS = 200;
    private static final double MIN_LOG_ODDS = -5;
    private static final double MAX_LOG_ODDS = 15;

    private final int[] seen = new int[BINS];
    private final int[] right = new int[BINS];
    private final short[] windowBins = new short[WINDOW];
    private final boolean[] windowRight = new boolean[WINDOW];
    private long recorded;

    /** Counts the outcome of one first suggestion shown with {@code probability}. */
    void record(double probability, boolean correct) {
        int slot = (int) (recorded % WINDOW);
        if (recorded >= WINDOW) {
            seen[windowBins[slot]]--;
            if (windowRight[slot]) {
                right[windowBins[slot]]--;
            }
        }
        int bin = bin(probability);
        windowBins[slot] = (short) bin;
        windowRight[slot] = correct;
        seen[bin]++;
        if (correct) {
            right[bin]++;
        }
        recorded++;
    }

    /**
     * Whether a first suggestion shown with {@code probability} may be booked unseen at {@code precision}
     * (0 never): never before any outcome was recorded.
     */
    boolean decide(double probability, double precision) {
        if (!(precision > 0)) {
            return false;
        }
        return bin(probability) >= lowestBin(precision);
    }

    /**
     * The lowest bin holding one of the window's samples from which on they were right at least
     * {@code precision} of the time ({@code BINS}: none).
     */
    private int lowestBin(double precision) {
        int lowest = BINS;
        long n = 0;
        long ok = 0;
        for (int b = BINS - 1; b >= 0; b--) {
            n += seen[b];
            ok += right[b];
            if (seen[b] > 0 && ok >= precision * n) {
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
        for (int b = 0; b < BINS; b++) {
            hash = Digest.mix(Digest.mix(hash, seen[b]), right[b]);
        }
        return hash;
    }
}
