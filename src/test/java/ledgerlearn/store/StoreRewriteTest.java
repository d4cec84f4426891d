package ledgerlearn.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import ledgerlearn.sample.Sample;
import ledgerlearn.sample.StoredSample;
import ledgerlearn.snapshot.SnapshotFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store rewritten row by row: the same file a store fed only the kept rows holds, put in place crash-safely. */
final class StoreRewriteTest {
    @TempDir
    Path dir;

    @Test
    void rewriteDropsAndReplacesRowsAndEqualsAStoreFedOnlyTheKeptRows() throws IOException {
        List<StoredSample> rows = rows(0, 30);
        try (SampleStore store = SampleStore.open(dir.resolve("a"), true, row -> {})) {
            store.sync(store.append(rows));
            SampleStore.Rewritten rewritten = store.rewrite(row -> dropped(row) ? null : renamed(row));
            assertEquals(new SampleStore.Rewritten(20, 10), rewritten);
            assertEquals(20, store.rows());
            // appends go on after the rewritten rows, and the commit record follows them
            store.sync(store.append(rows(30, 31)));
        }
        List<StoredSample> kept = Stream.concat(rows.stream().filter(row -> !dropped(row)).map(StoreRewriteTest::renamed),
                rows(30, 31).stream()).toList();
        try (SampleStore store = SampleStore.open(dir.resolve("b"), true, row -> {})) {
            store.sync(store.append(kept));
        }

        assertArrayEquals(Files.readAllBytes(dir.resolve("b").resolve(SampleStore.FILE_NAME)),
                Files.readAllBytes(dir.resolve("a").resolve(SampleStore.FILE_NAME)));
        assertEquals(kept, SampleStoreTest.replay(dir.resolve("a")));
    }

    @Test
    void keysMoveWithTheirRowsAndAKeyWithoutRowsLeftIsDropped() throws IOException {
        try (SampleStore store = SampleStore.open(dir, true, row -> {})) {
            store.append(rows(0, 4), BatchKey.of("rows 1-4", BatchKeysTest.DIGEST, 4, 4));
            store.append(rows(4, 6));
            store.append(rows(6, 7), BatchKey.of("row 7, dropped", BatchKeysTest.DIGEST, 1, 7));
            store.sync(store.append(rows(7, 12), BatchKey.of("rows 8-12", BatchKeysTest.DIGEST, 5, 12)));

            // drops rows 1, 3 (of the first batch), 6 (unkeyed), 7 (all of its batch) and 12 (the last)
            List<Integer> drop = List.of(1, 3, 6, 7, 12);
            int[] number = {0};
            store.rewrite(row -> drop.contains(++number[0]) ? null : row);

            List<BatchKey> expected = List.of(new BatchKey("rows 1-4", BatchKeysTest.DIGEST, 4, 4, 0, 2),
                    new BatchKey("rows 8-12", BatchKeysTest.DIGEST, 5, 12, 3, 7));
            assertEquals(expected, store.keys());
            store.sync(store.append(rows(12, 13), BatchKey.of("after", BatchKeysTest.DIGEST, 1, 8)));
        }
        try (SampleStore store = SampleStore.open(dir, true, row -> {})) {
            assertEquals(List.of("rows 1-4", "rows 8-12", "after"), store.keys().stream().map(BatchKey::key).toList());
        }
        assertFalse(Files.readString(dir.resolve(KeyLog.FILE_NAME)).contains("dropped"));
    }

    @Test
    void rewriteDeletesEverySnapshotAndLeavesNoFileBehind() throws IOException {
        try (SampleStore store = SampleStore.open(dir, true, row -> {})) {
            store.sync(store.append(rows(0, 5), BatchKey.of("k", BatchKeysTest.DIGEST, 5, 5)));
            SnapshotFiles.write(dir, store.position(), 1, out -> out.writeInt(123));
            store.rewrite(row -> row);
        }

        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(KeyLog.FILE_NAME, "ledgerlearn.lock", CommitFile.FILE_NAME, SampleStore.FILE_NAME),
                    files.map(file -> file.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void aRewriterOutOfHeapLeavesTheStoreAsItWasAndNoRewriteFile() throws IOException {
        try (SampleStore store = SampleStore.open(dir, true, row -> {})) {
            store.sync(store.append(rows(0, 5), BatchKey.of("k", BatchKeysTest.DIGEST, 5, 5)));
            byte[] before = Files.readAllBytes(dir.resolve(SampleStore.FILE_NAME));
            int[] seen = new int[1];

            assertThrows(OutOfMemoryError.class, () -> store.rewrite(row -> {
                if (++seen[0] == 3) {
                    throw new OutOfMemoryError("Java heap space");
                }
                return row;
            }));

            assertArrayEquals(before, Files.readAllBytes(dir.resolve(SampleStore.FILE_NAME)));
            assertFalse(Files.exists(dir.resolve(SampleStore.REWRITE_NAME)));
            assertFalse(Files.exists(dir.resolve(KeyLog.REWRITE_NAME)));
            store.sync(store.append(rows(5, 7), null));
            assertEquals(7, store.rows());
        }
    }

    @Test
    void aRewriteInterruptedBeforeTheStoresRenameLeavesTheOldStoreAndKeysWhole() throws IOException {
        try (SampleStore store = SampleStore.open(dir, true, row -> {})) {
            store.sync(store.append(rows(0, 5), BatchKey.of("k", BatchKeysTest.DIGEST, 5, 5)));
        }
        byte[] storeBefore = Files.readAllBytes(dir.resolve(SampleStore.FILE_NAME));
        byte[] keysBefore = Files.readAllBytes(dir.resolve(KeyLog.FILE_NAME));
        // both new files written (the store's in part), the commit record already deleted
        Files.writeString(dir.resolve(SampleStore.REWRITE_NAME), "half a store");
        Files.writeString(dir.resolve(KeyLog.REWRITE_NAME), "FromRow,ToRow,Accepted,Total,BodyDigest,IdempotencyKey\n");
        Files.delete(dir.resolve(CommitFile.FILE_NAME));

        List<String> log = SampleStoreTest.captureLog(() -> {
            try (SampleStore store = SampleStore.open(dir, true, row -> {})) {
                assertEquals(5, store.rows());
                assertEquals(List.of(BatchKey.of("k", BatchKeysTest.DIGEST, 5, 5)), store.keys());
            }
        });

        assertArrayEquals(storeBefore, Files.readAllBytes(dir.resolve(SampleStore.FILE_NAME)));
        assertArrayEquals(keysBefore, Files.readAllBytes(dir.resolve(KeyLog.FILE_NAME)));
        assertFalse(Files.exists(dir.resolve(SampleStore.REWRITE_NAME)));
        assertFalse(Files.exists(dir.resolve(KeyLog.REWRITE_NAME)));
        assertTrue(log.stream().anyMatch(line -> line.contains("interrupted before its rename")), log.toString());
    }

    @Test
    void aRewriteInterruptedAfterTheStoresRenameGetsItsKeyLogOnOpen() throws IOException {
        try (SampleStore store = SampleStore.open(dir, true, row -> {})) {
            store.sync(store.append(rows(0, 5), BatchKey.of("k", BatchKeysTest.DIGEST, 5, 5)));
        }
        // the store was renamed already (here: the same rows), the key log not yet
        Files.writeString(dir.resolve(KeyLog.REWRITE_NAME), "FromRow,ToRow,Accepted,Total,BodyDigest,IdempotencyKey\n"
                + "0,4,5,5," + BatchKeysTest.DIGEST + ",moved\n");

        try (SampleStore store = SampleStore.open(dir, true, row -> {})) {
            assertEquals(List.of(new BatchKey("moved", BatchKeysTest.DIGEST, 5, 5, 0, 4)), store.keys());
        }
        assertFalse(Files.exists(dir.resolve(KeyLog.REWRITE_NAME)));
    }

    @Test
    void exportWritesTheChosenRowsInStoreOrderWithSpreadsheetFormulasDefused() throws IOException {
        Sample formula = new Sample("7", "int:x", "2016-02-29", "=HYPERLINK(\"http://x\")", "-500", "@name", "+4", "");
        try (SampleStore store = SampleStore.open(dir, true, row -> {})) {
            store.sync(store.append(List.of(SampleStoreTest.row(1), new StoredSample(formula, "-1", 0.25),
                    SampleStoreTest.row(2))));
            ByteArrayOutputStream out = new ByteArrayOutputStream();

            assertEquals(1, store.export(sample -> sample.companyId().equals("int:x"), row -> row, out));

            assertEquals(",CompanyId,BankEntryDate,BankEntryText,BankEntryAmount,AccountName,AccountNumber,"
                            + "AccountTypeName,PredictedAccountNumber,PredictedProbability\n"
                            + "7,int:x,2016-02-29,\"'=HYPERLINK(\"\"http://x\"\")\",'-500,'@name,'+4,,'-1,0.25\n",
                    out.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void aClosedStoreRefusesARewrite() throws IOException {
        SampleStore store = SampleStore.open(dir, true, row -> {});
        store.close();

        assertThrows(IllegalStateException.class, () -> store.rewrite(row -> row));
    }

    private static boolean dropped(StoredSample row) {
        return row.sample().companyId().equals("int:1");
    }

    private static StoredSample renamed(StoredSample row) {
        return new StoredSample(row.sample(), "p" + row.predicted(), 0.5);
    }

    private static List<StoredSample> rows(int from, int to) {
        return IntStream.range(from, to).mapToObj(SampleStoreTest::row).toList();
    }
    @Test
    void aStoreOfManyRowsIsRewrittenAndExportedWhole() throws IOException {
        List<StoredSample> all = rows(0, 2000);
        try (SampleStore store = SampleStore.open(dir, true, row -> {})) {
            store.sync(store.append(all));
            byte[] before = Files.readAllBytes(dir.resolve(SampleStore.FILE_NAME));
            assertTrue(before.length > 1 << 16, "more than one piece of the copy and of the export: " + before.length);

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertEquals(2000, store.export(sample -> true, row -> row, out));
            assertArrayEquals(before, out.toByteArray(), "no cell a spreadsheet would take for a formula");
            assertEquals(new SampleStore.Rewritten(2000, 0), store.rewrite(row -> row));
            assertArrayEquals(before, Files.readAllBytes(dir.resolve(SampleStore.FILE_NAME)));
            assertEquals(1999, store.rewrite(row -> row.sample().equals(all.get(1000).sample()) ? null : row).rows());
        }
        List<StoredSample> kept = new java.util.ArrayList<>(all);
        kept.remove(1000);
        assertEquals(kept, SampleStoreTest.replay(dir));
    }
}
