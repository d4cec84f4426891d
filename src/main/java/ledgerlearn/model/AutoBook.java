package ledgerlearn.model;

import ledgerlearn.snapshot.StateInput;
import ledgerlearn.snapshot.StateOutput;
/**
 * One company's record of how sure its first suggestions were, from which the auto-book decision follows: a
 * first suggestion may be booked without a person looking when it is at least as sure as the lowest
 * probability from which the company's recent first suggestions would together be right at least the
 * precision asked, as their calibrated probabilities say (their mean), or when it is that sure by itself.
 *
 * <p>Per company, not over all of them: a company whose suggestions are nearly all certain would otherwise
 * let another's unsure ones be booked on its account, keeping the precision over all companies while the
 * other's falls. Recent, not all: how sure a company's suggestions are changes as the model learns it.
 * The record is a histogram of the probabilities' log-odds whose counts decay by 1/{@value #MEMORY} a
 * booking, so it costs O({@value #BINS}) per sample and a few hundred bytes per company; until a company
 * has the weight of {@value #MIN_WEIGHT} suggestions, only what is sure enough by itself is booked.
 */
final class AutoBook {
    static final int BINS = 48;
    /** The number of latest suggestions the record mostly reflects: older ones fade by 1/MEMORY a booking. */
    static final int MEMORY = 500;
    static final double MIN_WEIGHT = 20;
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

    /**
     * Whether a first suggestion shown with {@code p} may be booked unseen at {@code precision} (0 never), by
     * {@code record} (the company's; {@code null} for a company never seen).
     */
    static boolean decide(AutoBook record, double p, double precision) {
        if (!(precision > 0)) {
            return false;
        }
        return p >= precision || record != null && record.total >= MIN_WEIGHT && bin(p) >= record.lowestBin(precision);
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

    static AutoBook read(StateInput in) {
        AutoBook record = new AutoBook();
        record.total = in.readDouble();
        double[] w = in.readDoubles(0);
        double[] p = in.readDoubles(0);
        if (w.length != BINS || p.length != BINS) {
            throw new StateInput.CorruptStateException("auto-book record: " + w.length + " bins, expected " + BINS);
        }
        System.arraycopy(w, 0, record.weight, 0, BINS);
        System.arraycopy(p, 0, record.probability, 0, BINS);
        return record;
    }

    long digest(long hash) {
        hash = Digest.mix(hash, Double.doubleToLongBits(total));
        for (int b = 0; b < BINS; b++) {
            hash = Digest.mix(Digest.mix(hash, Double.doubleToLongBits(weight[b])), Double.doubleToLongBits(probability[b]));
        }
        return hash;
    }
}
