package ledgerlearn.evaluate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ledgerlearn.sample.Sample;

/**
 * Predicts the accounts booked most so far: by the sample's company (falling back to all companies
 * for a company not seen yet), or by all companies.
 */
final class MajorityBaseline extends Contender {
    private static final int KEEP = 3;

    private final boolean perCompany;
    private final Tally global = new Tally(KEEP);
    private final Map<String, Tally> byCompany = new HashMap<>();

    private MajorityBaseline(String name, boolean perCompany) {
        super(name);
        this.perCompany = perCompany;
    }

    static MajorityBaseline perCompany() {
        return new MajorityBaseline("company majority", true);
    }

    static MajorityBaseline global() {
        return new MajorityBaseline("global majority", false);
    }

    @Override
    Guess predictThenLearn(Sample sample, int k) {
        if (k > KEEP) {
            throw new IllegalArgumentException("k must be <= " + KEEP + ", got " + k);
        }
        Tally company = perCompany ? byCompany.get(sample.companyId()) : null;
        List<String> top = (company != null ? company : global).top(k);
        global.add(sample.accountNumber());
        if (perCompany) {
            byCompany.computeIfAbsent(sample.companyId(), c -> new Tally(KEEP)).add(sample.accountNumber());
        }
        return new Guess(top, null, false);
    }
}
