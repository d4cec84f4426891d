package ledgerlearn.learn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ledgerlearn.sample.Column;
import ledgerlearn.sample.Sample;
import ledgerlearn.sample.StoredSample;
import ledgerlearn.snapshot.StateInput;
import ledgerlearn.snapshot.StateOutput;

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
            remember(row);
        }
    }

    private void remember(StoredSample row) {
        recent[next] = row;
        next = (next + 1) % recent.length;
        recentCount = Math.min(recentCount + 1, recent.length);
    }

    /** The recent scored samples, newest first. */
    synchronized List<StoredSample> recent() {
        List<StoredSample> rows = new ArrayList<>(recentCount);
        for (int i = 1; i <= recentCount; i++) {
            rows.add(recent[Math.floorMod(next - i, recent.length)]);
        }
        return rows;
    }

    synchronized void write(StateOutput out) {
        List<StoredSample> rows = recent();
        out.writeInt(rows.size());
        for (int i = rows.size() - 1; i >= 0; i--) {
            StoredSample row = rows.get(i);
            for (Column column : Column.ALL) {
                out.writeString(row.sample().value(column));
            }
            out.writeString(row.predicted());
            out.writeBoolean(row.probability() != null);
            out.writeDouble(row.probability() == null ? 0 : row.probability());
        }
        List<String> companies = new ArrayList<>(samplesByCompany.keySet());
        companies.sort(null);
        out.writeInt(companies.size());
        for (String company : companies) {
            out.writeString(company).writeLong(samplesByCompany.get(company)[0]);
        }
    }

    /** Restores what {@link #write} wrote into this empty record. */
    synchronized void read(StateInput in) {
        int rows = in.readInt();
        if (rows < 0 || rows > recent.length) {
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
            try {
                remember(new StoredSample(Sample.ofValues(values), predicted, hasProbability ? probability : null));
            } catch (RuntimeException e) {
                throw new StateInput.CorruptStateException("activity: " + e.getMessage());
            }
        }
        int companies = in.readInt();
        for (int i = 0; i < companies; i++) {
            samplesByCompany.put(in.readString(), new long[] {in.readLong()});
        }
    }

    /** The number of samples recorded of {@code company}. */
    synchronized long samplesOf(String company) {
        long[] count = samplesByCompany.get(company);
        return count == null ? 0 : count[0];
    }

    /** A copy of the number of samples recorded per company. */
    synchronized Map<String, Long> samplesByCompany() {
        Map<String, Long> copy = new HashMap<>(samplesByCompany.size() * 2);
        samplesByCompany.forEach((company, count) -> copy.put(company, count[0]));
        return copy;
    }
}
