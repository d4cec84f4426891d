package ledgerlearn.learn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ledgerlearn.sample.Column;
import ledgerlearn.sample.Sample;
import ledgerlearn.sample.StoredSample;
import ledgerlearn.snapshot.StateInput;
import ledgerlearn.snapshot.StateOutput;

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
    /** Ordered by the latest row recorded (not by reads, so that equal streams give equal activity). */
    private final Map<String, Ring> byCompany = new LinkedHashMap<>(16, 0.75f, false) {
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
            Ring ring = byCompany.remove(company);
            byCompany.put(company, ring == null ? ring = new Ring(capacity) : ring);
            ring.add(entry);
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

    /** The number of samples recorded of {@code company}. */
    synchronized long samplesOf(String company) {
        long[] count = samplesByCompany.get(company);
        return count == null ? 0 : count[0];
    }

    /** Writes the recent rows (of all companies, then of each company kept) and the counts per company. */
    synchronized void write(StateOutput out) {
        writeEntries(out, all.newestFirst());
        out.writeInt(byCompany.size());
        for (Map.Entry<String, Ring> company : byCompany.entrySet()) {
            out.writeString(company.getKey());
            writeEntries(out, company.getValue().newestFirst());
        }
        List<String> companies = new ArrayList<>(samplesByCompany.keySet());
        companies.sort(null);
        out.writeInt(companies.size());
        for (String company : companies) {
            out.writeString(company).writeLong(samplesByCompany.get(company)[0]);
        }
    }

    private static void writeEntries(StateOutput out, List<Entry> newestFirst) {
        out.writeInt(newestFirst.size());
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            Entry entry = newestFirst.get(i);
            StoredSample row = entry.row();
            for (Column column : Column.ALL) {
                out.writeString(row.sample().value(column));
            }
            out.writeString(row.predicted());
            out.writeBoolean(row.probability() != null);
            out.writeDouble(row.probability() == null ? 0 : row.probability());
            out.writeBoolean(entry.autoBook());
        }
    }

    /** Restores what {@link #write} wrote into this empty record. */
    synchronized void read(StateInput in) {
        readEntries(in, all);
        int companies = in.readInt();
        if (companies < 0 || companies > COMPANIES_WITH_RECENT) {
            throw new StateInput.CorruptStateException("activity: " + companies + " companies with recent rows");
        }
        for (int i = 0; i < companies; i++) {
            Ring ring = new Ring(capacity);
            byCompany.put(in.readString(), ring);
            readEntries(in, ring);
        }
        int counted = in.readInt();
        for (int i = 0; i < counted; i++) {
            samplesByCompany.put(in.readString(), new long[] {in.readLong()});
        }
    }

    private void readEntries(StateInput in, Ring ring) {
        int rows = in.readInt();
        if (rows < 0 || rows > capacity) {
            throw new StateInput.CorruptStateException("activity: " + rows + " recent rows");
        }
        for (int i = 0; i < rows; i++) {
            String[] values = new String[Column.ALL.size()];
            for (int v = 0; v < values.length; v++) {
                values[v] = in.readString();
            }
            String predicted = in.readString();
            boolean hasProbability = in.readBoolean();
            double probability = in.readDouble();
            boolean autoBook = in.readBoolean();
            try {
                ring.add(new Entry(new StoredSample(Sample.ofValues(values), predicted, hasProbability ? probability : null),
                        autoBook));
            } catch (RuntimeException e) {
                throw new StateInput.CorruptStateException("activity: " + e.getMessage());
            }
        }
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
