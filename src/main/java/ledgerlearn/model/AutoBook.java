package ledgerlearn.model;

import ledgerlearn.snapshot.StateInput;
import ledgerlearn.snapshot.StateOutput;
/**
 * The record of how sure the latest first suggestions were, from which the auto-book decision follows: a first
 * suggestion may be booked without a person looking when it is at least as sure as the lowest probability from
 * which the latest first suggestions would together be right at least the precision asked, as their calibrated
 * probabilities say (their mean), and at least as likely right as wrong; or when it is as sure as asked by itself.
 *
 * <p>One record over all companies, not one each: the precision asked is that of the auto-booked rows, and for
 * calibrated probabilities one threshold over all rows books the most of them at that precision. One record
 * per company was tried: it booked 59.8% of the other companies' rows of the trust protocol against 66.0%,
 * with the same spread of precision between companies (docs/MODEL.md). The floor of 0.5 keeps a suggestion
 * more likely wrong than right from being booked on the record of surer ones. Recent, not all: how sure the
 * suggestions are changes as the model learns. The record is a histogram of the probabilities' log-odds whose
 * counts decay by 1/{@value #MEMORY} a booking, so it costs O({@value #BINS}) per sample; until it has the
 * weight of {@value #MIN_WEIGHT} suggestions, only what is sure enough by itself is booked.
 */
final class AutoBook {
    static final int BINS = 48;
    /** The number of latest suggestions the record mostly reflects: older ones fade by 1/MEMORY a booking. */
    static final int MEMORY = 2000;
    static final double MIN_WEIGHT = 20;
    /** Below this a suggestion is more likely wrong than right: never booked on the record of others. */
    static final double FLOOR = 0.5;
    private static final double MIN_LOG_ODDS = -2;
    private static final double MAX_LOG_ODDS = 10;
    private static final double KEEP = 1 - 1.0 / MEMORY;

    private final double[] weight = new double[BINS];
    private final double[] probability = new double[BINS];
    private double total;

    /** Counts one first suggestion shown with {@code p}, after fading the older ones. */
    void record(double p) {
        for (int b = 0; b < BINS; b++) {
            weight[b] *= KEEP;
            probability[b] *= KEEP;
        }
        total = total * KEEP + 1;
        int bin = bin(p);
        weight[bin] += 1;
        probability[bin] += p;
    }

    /** Whether a first suggestion shown with {@code p} may be booked unseen at {@code precision} (0: never). */
    boolean decide(double p, double precision) {
        if (!(precision > 0)) {
            return false;
        }
        return p >= precision || p >= FLOOR && total >= MIN_WEIGHT && bin(p) >= lowestBin(precision);
    }

    /**
     * The lowest bin holding some of the record's weight from which on the probabilities' mean is at least
     * {@code precision} ({@code BINS}: none).
     */
    private int lowestBin(double precision) {
        int lowest = BINS;
        double n = 0;
        double sum = 0;
        for (int b = BINS - 1; b >= 0; b--) {
            n += weight[b];
            sum += probability[b];
            if (weight[b] > 0 && sum >= precision * n) {
                lowest = b;
            }
        }
        return lowest;
    }

    private static int bin(double p) {
        double q = Math.min(Math.max(p, 1e-12), 1 - 1e-12);
        double logOdds = Math.log(q / (1 - q));
        int bin = (int) ((logOdds - MIN_LOG_ODDS) * BINS / (MAX_LOG_ODDS - MIN_LOG_ODDS));
        return Math.max(0, Math.min(BINS - 1, bin));
    }

    void write(StateOutput out) {
        out.writeDouble(total).writeDoubles(weight, BINS).writeDoubles(probability, BINS);
    }

    /** Reads back what {@link #write} wrote into this (fresh) record. */
    void read(StateInput in) {
        total = in.readDouble();
        double[] w = in.readDoubles(0);
        double[] p = in.readDoubles(0);
        if (w.length != BINS || p.length != BINS) {
            throw new StateInput.CorruptStateException("auto-book record: " + w.length + " bins, expected " + BINS);
        }
        System.arraycopy(w, 0, weight, 0, BINS);
        System.arraycopy(p, 0, probability, 0, BINS);
    }

    long digest(long hash) {
        hash = Digest.mix(hash, Double.doubleToLongBits(total));
        for (int b = 0; b < BINS; b++) {
            hash = Digest.mix(Digest.mix(hash, Double.doubleToLongBits(weight[b])), Double.doubleToLongBits(probability[b]));
        }
        return hash;
    }
}
