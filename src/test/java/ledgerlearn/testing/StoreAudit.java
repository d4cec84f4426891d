package ledgerlearn.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ledgerlearn.store.SampleStore;
import ledgerlearn.sample.StoredSample;

/**
 * A store as a restarting server would find it: its files are copied, the copy is opened (which
 * cuts what follows the last whole batch), and its rows are checked to be whole batches of
 * {@link Batch} rows, each once, none interleaved with another.
 */
public final class StoreAudit {
    private final List<StoredSample> rows;
    private final long bytesCut;
    private final byte[] recovered;
    /** Batch id → the store's row count just after it, in store order. */
    private final Map<Integer, Long> ends;

    private StoreAudit(List<StoredSample> rows, long bytesCut, byte[] recovered, boolean tagged) {
        this.rows = List.copyOf(rows);
        this.bytesCut = bytesCut;
        this.recovered = recovered;
        this.ends = tagged ? Collections.unmodifiableMap(wholeBatches(rows)) : null;
    }

    /** Audits the store in {@code dataDir} without touching it (it may belong to a running server). */
    public static StoreAudit of(Path dataDir) throws IOException {
        return recover(dataDir, true);
    }

    /** As {@link #of}, for a store whose rows are not {@link Batch} rows: no batch is checked. */
    public static StoreAudit ofUntagged(Path dataDir) throws IOException {
        return recover(dataDir, false);
    }

    private static StoreAudit recover(Path dataDir, boolean tagged) throws IOException {
        Path copy = TempDirs.create("ledgerlearn-audit-");
        try {
            for (String name : List.of(SampleStore.FILE_NAME, "samples.commit")) {
                if (Files.exists(dataDir.resolve(name))) {
                    Files.copy(dataDir.resolve(name), copy.resolve(name));
                }
            }
            Path file = copy.resolve(SampleStore.FILE_NAME);
            long before = Files.size(file);
            List<StoredSample> rows = new ArrayList<>();
            try (SampleStore store = SampleStore.open(copy, false, rows::add)) {
                if (store.rows() != rows.size()) {
                    throw new AssertionError("store counts " + store.rows() + " rows but replayed " + rows.size());
                }
            }
            return new StoreAudit(rows, before - Files.size(file), Files.readAllBytes(file), tagged);
        } finally {
            TempDirs.delete(copy);
        }
    }

    private static Map<Integer, Long> wholeBatches(List<StoredSample> rows) {
        Map<Integer, Long> ends = new LinkedHashMap<>();
        int i = 0;
        while (i < rows.size()) {
            Batch.Tag first = Batch.Tag.of(rows.get(i).sample());
            if (first.row() != 0) {
                throw new AssertionError("row " + i + " starts inside batch " + first.batch() + " (its row "
                        + first.row() + " of " + first.size() + "): a partial batch");
            }
            for (int j = 1; j < first.size(); j++) {
                if (i + j >= rows.size()) {
                    throw new AssertionError("batch " + first.batch() + " at row " + i + " ends after " + j + " of "
                            + first.size() + " rows: a partial batch");
                }
                Batch.Tag next = Batch.Tag.of(rows.get(i + j).sample());
                if (!next.equals(new Batch.Tag(first.batch(), j, first.size()))) {
                    throw new AssertionError("row " + (i + j) + " should be row " + j + " of batch " + first.batch()
                            + ", is " + next + ": batches interleaved or cut");
                }
            }
            i += first.size();
            if (ends.put(first.batch(), (long) i) != null) {
                throw new AssertionError("batch " + first.batch() + " stored twice");
            }
        }
        return ends;
    }

    public List<StoredSample> rows() {
        return rows;
    }

    /** Bytes that opening the store cut off its end: a torn line or an unfinished batch. */
    public long bytesCut() {
        return bytesCut;
    }

    /** The store file after the cut: what the restarted server must have. */
    public byte[] recoveredBytes() {
        return recovered.clone();
    }

    /** The ids of the batches stored, each of them whole. */
    public Set<Integer> batches() {
        return tagged().keySet();
    }

    /** The store's row count just after batch {@code id}: the {@code total} its 200 reported. */
    public long endOf(int id) {
        Long end = tagged().get(id);
        if (end == null) {
            throw new AssertionError("batch " + id + " is not in the store");
        }
        return end;
    }

    private Map<Integer, Long> tagged() {
        if (ends == null) {
            throw new IllegalStateException("an untagged audit knows no batches");
        }
        return ends;
    }
}
