package ledgerlearn.learn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ledgerlearn.sample.StoredSample;

/**
 * The last few scored samples, of all companies and of each company, with whether each was to be booked
 * unseen, and the number of samples learnt per company; thread-safe.
 */
final class Activity {
    /**
     * The companies whose own latest rows are kept, the most recently active first: bounded, so that a
     * stream of ever new company ids cannot fill the heap with rows kept for them.
     */
    static final int COMPANIES_WITH_RECENT = 256;

    /** One scored sample as it was stored, and whether its prediction was to be booked unseen. */
    record Entry(StoredSample row, boolean autoBook) {
    }

    private final int capacity;
    private final Ring all;
    private final Map<String, Ring> byCompany = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Ring> eldest) {
            return size() > COMPANIES_WITH_RECENT;
        }
    };
    private final Map<String, long[]> samplesByCompany = new HashMap<>();

    Activity(int recentCapacity) {
        if (recentCapacity < 1) {
            throw new IllegalArgumentException("recentCapacity must be >= 1, got " + recentCapacity);
        }
        this.capacity = recentCapacity;
        this.all = new Ring(recentCapacity);
    }

    /** Counts a stored sample for its company, and keeps it among the recent ones when it was scored. */
    synchronized void record(StoredSample row, boolean autoBook) {
        String company = row.sample().companyId();
        samplesByCompany.computeIfAbsent(company, c -> new long[1])[0]++;
        if (row.scored()) {
            Entry entry = new Entry(row, autoBook);
            all.add(entry);
            byCompany.computeIfAbsent(company, c -> new Ring(capacity)).add(entry);
        }
    }

    /** The recent scored samples, newest first. */
    synchronized List<Entry> recent() {
        return all.newestFirst();
    }

    /**
     * {@code company}'s recent scored samples, newest first; none for a company not among the
     * {@value #COMPANIES_WITH_RECENT} most recently active.
     */
    synchronized List<Entry> recent(String company) {
        Ring ring = byCompany.get(company);
        return ring == null ? List.of() : ring.newestFirst();
    }

    /** A copy of the number of samples recorded per company. */
    synchronized Map<String, Long> samplesByCompany() {
        Map<String, Long> copy = new HashMap<>(samplesByCompany.size() * 2);
        samplesByCompany.forEach((company, count) -> copy.put(company, count[0]));
        return copy;
    }

    /** A ring of the latest entries. Not thread-safe: the activity's lock guards it. */
    private static final class Ring {
        private final Entry[] entries;
        private int next;
        private int count;

        Ring(int capacity) {
            entries = new Entry[capacity];
        }

        void add(Entry entry) {
            entries[next] = entry;
            next = (next + 1) % entries.length;
            count = Math.min(count + 1, entries.length);
        }

        List<Entry> newestFirst() {
            List<Entry> newest = new ArrayList<>(count);
            for (int i = 1; i <= count; i++) {
                newest.add(entries[Math.floorMod(next - i, entries.length)]);
            }
            return newest;
        }
    }
}
