package ledgerlearn.learn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ledgerlearn.sample.StoredSample;

/** The last few scored samples and the number of samples learnt per company; thread-safe. */
final class Activity {
    private final StoredSample[] recent;
    private int next;
    private int recentCount;
    private final Map<String, long[]> samplesByCompany = new HashMap<>();

    Activity(int recentCapacity) {
        if (recentCapacity < 1) {
            throw new IllegalArgumentException("recentCapacity must be >= 1, got " + recentCapacity);
        }
        this.recent = new StoredSample[recentCapacity];
    }

    /** Counts a stored sample for its company, and keeps it among the recent ones when it was scored. */
    synchronized void record(StoredSample row) {
        samplesByCompany.computeIfAbsent(row.sample().companyId(), company -> new long[1])[0]++;
        if (row.scored()) {
            recent[next] = row;
            next = (next + 1) % recent.length;
            recentCount = Math.min(recentCount + 1, recent.length);
        }
    }

    /** The recent scored samples, newest first. */
    synchronized List<StoredSample> recent() {
        List<StoredSample> rows = new ArrayList<>(recentCount);
        for (int i = 1; i <= recentCount; i++) {
            rows.add(recent[Math.floorMod(next - i, recent.length)]);
        }
        return rows;
    }

    /** A copy of the number of samples recorded per company. */
    synchronized Map<String, Long> samplesByCompany() {
        Map<String, Long> copy = new HashMap<>(samplesByCompany.size() * 2);
        samplesByCompany.forEach((company, count) -> copy.put(company, count[0]));
        return copy;
    }
}
