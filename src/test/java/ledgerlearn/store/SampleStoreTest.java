package ledgerlearn.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import ledgerlearn.sample.Sample;
import ledgerlearn.sample.StoredSample;
import ledgerlearn.testing.CapturedLog;
import ledgerlearn.testing.StoreRows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class SampleStoreTest {

    private static final String HEADER = ",CompanyId,BankEntryDate,BankEntryText,BankEntryAmount,AccountName,"
            + "AccountNumber,AccountTypeName,PredictedAccountNumber,PredictedProbability\n";

    @TempDir
    Path dir;

    @Test
    void createsFileWithHeader() throws IOException {
        Path dataDir = dir.resolve("not/yet/there");

        try (SampleStore store = SampleStore.open(dataDir, true, row -> {})) {
            assertEquals(dataDir.resolve("samples.csv"), store.file());
            assertEquals(0, store.rows());
            assertEquals(HEADER.length(), store.bytes());
        }
        assertEquals(HEADER, Files.readString(dataDir.resolve("samples.csv")));
    }

    @Test
    void appendsAndReplaysEveryRowInOrder() throws IOException {
        List<StoredSample> rows = IntStream.range(0, 50).mapToObj(SampleStoreTest::row).toList();
        try (SampleStore store = SampleStore.open(dir, true, row -> {})) {
            long length = store.append(rows.subList(0, 20));
            store.sync(length);
            length = store.append(rows.subList(20, 21));
            assertEquals(length, store.append(List.of()));
            store.sync(store.append(rows.subList(21, 50)));
            assertEquals(50, store.rows());
            assertEquals(Files.size(store.file()), store.bytes());
        }

        List<StoredSample> replayed = new ArrayList<>();
        try (SampleStore store = SampleStore.open(dir, true, replayed::add)) {
            assertEquals(50, store.rows());
        }
        assertEquals(rows, replayed);
    }

    @Test
    void replaysPredictionsAndTheirProbabilitiesExactly() throws IOException {
        List<StoredSample> rows = List.of(
                new StoredSample(row(1).sample(), ""),
                new StoredSample(row(2).sample(), "6700", 0.1 + 0.2),
                new StoredSample(row(3).sample(), "a \"quoted\", odd\r\naccount", Math.nextDown(1.0)),
                new StoredSample(row(4).sample(), ""),
                new StoredSample(row(5).sample(), "6700", Double.MIN_VALUE),
                new StoredSample(row(6).sample(), "6700", null));
        try (SampleStore store = SampleStore.open(dir, false, row -> {})) {
            store.append(rows);
        }

        assertEquals(rows, replay(dir));
        assertEquals(List.of(false, true, true, false, true, true), replay(dir).stream().map(StoredSample::scored).toList());
    }

    @Test
    void keepsTextThatASpreadsheetWouldRunAsAFormulaExactlyAsReceived() throws IOException {
        // the store is the source of truth and keeps what clients sent; exports neutralise (Csv.formulaSafe)
        Sample formulas = new Sample("=1+1", "@SUM(A1:A9)", "2016-02-29", "=HYPERLINK(\"http://evil.example\",\"x\")",
                "+cmd|' /C calc'!A0", "-2+3", "=cmd", "\t=1");
        List<StoredSample> rows = List.of(new StoredSample(formulas, "=1"));
        try (SampleStore store = SampleStore.open(dir, false, row -> {})) {
            store.append(rows);
        }

        assertEquals(rows, replay(dir));
        assertTrue(Files.readString(dir.resolve(SampleStore.FILE_NAME)).contains(",\"=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\","));
    }

    @Test
    void aStoreWrittenBeforeProbabilitiesIsReplayedThenRewrittenWithAnEmptyProbabilityColumn() throws IOException {
        String oldHeader = HEADER.replace(",PredictedProbability", "");
        String oldRows = "0,int:a,2016-02-29,str:x,> -1,,6700,Balance,\n1,int:a,2016-02-29,\"str:y, z\",> -1,,6700,Balance,6700\n";
        Files.writeString(dir.resolve(SampleStore.FILE_NAME), oldHeader + oldRows);

        List<StoredSample> replayed = new ArrayList<>();
        List<String> log = captureLog(() -> {
            try (SampleStore store = SampleStore.open(dir, true, replayed::add)) {
                assertEquals(2, store.rows());
                store.append(List.of(new StoredSample(row(2).sample(), "6700", 0.5)));
            }
        });

        assertEquals(2, replayed.size());
        assertEquals("6700", replayed.get(1).predicted());
        assertNull(replayed.get(1).probability());
        String text = Files.readString(dir.resolve(SampleStore.FILE_NAME));
        assertTrue(text.startsWith(HEADER + "0,int:a,2016-02-29,str:x,> -1,,6700,Balance,,\n"
                + "1,int:a,2016-02-29,\"str:y, z\",> -1,,6700,Balance,6700,\n"), text);
        assertTrue(text.endsWith(",6700,0.5\n"), text);
        assertEquals(3, replay(dir).size());
        assertTrue(log.stream().anyMatch(line -> line.contains("rewrote 2 rows") && line.contains("PredictedProbability")), log.toString());
        assertFalse(Files.exists(dir.resolve(SampleStore.REWRITE_NAME)));
    }

    @Test
    void aRewriteACrashInterruptedLeavesTheOldStoreWholeAndIsDoneAgain() throws IOException {
        String oldHeader = HEADER.replace(",PredictedProbability", "");
        Files.writeString(dir.resolve(SampleStore.FILE_NAME), oldHeader + "0,int:a,2016-02-29,str:x,> -1,,6700,Balance,\n");
        Files.writeString(dir.resolve(SampleStore.REWRITE_NAME), HEADER + "0,int:a,2016-02-29,str:x");

        assertEquals(1, replay(dir).size());
        assertTrue(Files.readString(dir.resolve(SampleStore.FILE_NAME)).startsWith(HEADER));
        assertFalse(Files.exists(dir.resolve(SampleStore.REWRITE_NAME)));
    }

    @Test
    void refusesAProbabilityThatIsNoNumberNamingTheRow() throws IOException {
        Files.writeString(dir.resolve(SampleStore.FILE_NAME), HEADER + "0,int:a,2016-02-29,str:x,> -1,,6700,Balance,6700,high\n");

        IOException e = assertThrows(IOException.class, () -> SampleStore.open(dir, true, row -> {}));

        assertTrue(e.getMessage().contains("row 1: PredictedProbability is not a number: \"high\""), e.getMessage());
    }

    @Test
    void cutsTornLastLineAndKeepsEveryCompleteRow() throws IOException {
        List<StoredSample> rows = IntStream.range(0, 10).mapToObj(SampleStoreTest::row).toList();
        long complete;
        try (SampleStore store = SampleStore.open(dir, true, row -> {})) {
            complete = store.append(rows);
        }
        Path file = dir.resolve(SampleStore.FILE_NAME);
        Files.writeString(file, "10,int:a055470,2016-02-29,str:6cd08e4 int:49fed3", StandardOpenOption.APPEND);
        long torn = Files.size(file) - complete;

        List<String> log = captureLog(() -> {
            List<StoredSample> replayed = new ArrayList<>();
            try (SampleStore store = SampleStore.open(dir, true, replayed::add)) {
                assertEquals(rows, replayed);
                assertEquals(10, store.rows());
                assertEquals(complete, store.bytes());
                assertEquals(complete, Files.size(file));
                store.sync(store.append(List.of(row(10))));
            }
        });

        assertEquals(List.of("store: cut torn last line at byte " + complete + " of samples.csv ("
                + torn + " bytes)"), log);
        List<StoredSample> expected = new ArrayList<>(rows);
        expected.add(row(10));
        assertEquals(expected, replay(dir));
    }

    @Test
    void cutsRowsOfABatchWhoseWriteNeverFinished() throws IOException {
        List<StoredSample> rows = IntStream.range(0, 10).mapToObj(SampleStoreTest::row).toList();
        long committed;
        try (SampleStore store = SampleStore.open(dir, true, row -> {})) {
            committed = store.append(rows);
        }
        // a crash between two rows of the next batch: what reached the file are whole lines
        byte[] unfinished = StoreRows.encode(List.of(row(10), row(11), row(12)));
        Path file = dir.resolve(SampleStore.FILE_NAME);
        Files.write(file, unfinished, StandardOpenOption.APPEND);

        List<String> log = captureLog(() -> assertEquals(rows, replay(dir)));

        assertEquals(committed, Files.size(file));
        assertEquals(List.of("store: cut unfinished batch (3 complete rows, never acknowledged) at byte " + committed
                + " of samples.csv (" + unfinished.length + " bytes)"), log);
    }

    @Test
    void cutsAFirstBatchThatNeverFinishedDownToTheHeader() throws IOException {
        try (SampleStore store = SampleStore.open(dir, true, row -> {})) {
            assertEquals(0, store.rows());
        }
        Files.write(dir.resolve(SampleStore.FILE_NAME), StoreRows.encode(List.of(row(0), row(1))), StandardOpenOption.APPEND);

        assertEquals(List.of(), replay(dir));
        assertEquals(HEADER, Files.readString(dir.resolve(SampleStore.FILE_NAME)));
    }

    @Test
    void keepsEveryCompleteRowOfAStoreWithoutCommitRecordAndAddsOne() throws IOException {
        List<StoredSample> rows = IntStream.range(0, 6).mapToObj(SampleStoreTest::row).toList();
        try (SampleStore store = SampleStore.open(dir, true, row -> {})) {
            store.append(rows.subList(0, 4));
        }
        // a store from before commit records, with rows appended by another tool
        Files.delete(dir.resolve("samples.commit"));
        Files.write(dir.resolve(SampleStore.FILE_NAME), StoreRows.encode(rows.subList(4, 6)), StandardOpenOption.APPEND);

        assertEquals(rows, replay(dir));
        assertTrue(Files.exists(dir.resolve("samples.commit")));
        Files.write(dir.resolve(SampleStore.FILE_NAME), StoreRows.encode(List.of(row(6))), StandardOpenOption.APPEND);
        assertEquals(rows, replay(dir), "rows after the new commit record are an unfinished batch");
    }

    @Test
    void commitRecordAheadOfTheDataKeepsEveryCompleteRow() throws IOException {
        List<StoredSample> rows = IntStream.range(0, 5).mapToObj(SampleStoreTest::row).toList();
        long fourRows;
        try (SampleStore store = SampleStore.open(dir, true, row -> {})) {
            fourRows = store.append(rows.subList(0, 4));
            store.append(rows.subList(4, 5));
        }
        // as after an operating system crash that saved the record but not all the data it covers
        Path file = dir.resolve(SampleStore.FILE_NAME);
        try (var channel = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(fourRows + 3);
        }

        List<String> log = captureLog(() -> assertEquals(rows.subList(0, 4), replay(dir)));

        assertEquals(fourRows, Files.size(file));
        assertEquals(2, log.size(), log.toString());
        assertTrue(log.get(0).contains("keeping every complete row"), log.get(0));
        assertEquals("store: cut torn last line at byte " + fourRows + " of samples.csv (3 bytes)", log.get(1));
    }

    @Test
    void refusesASecondStoreOnTheSameDataDirUntilTheFirstCloses() throws IOException {
        try (SampleStore first = SampleStore.open(dir, true, row -> {})) {
            first.append(List.of(row(0)));

            IOException e = assertThrows(IOException.class, () -> SampleStore.open(dir, true, row -> {}));

            assertTrue(e.getMessage().contains("data dir " + dir.toAbsolutePath() + " is in use by another"
                    + " ledgerlearn server (pid " + ProcessHandle.current().pid() + ")"), e.getMessage());
        }
        assertEquals(List.of(row(0)), replay(dir));
    }

    @Test
    void cutsTornQuotedField() throws IOException {
        long complete;
        try (SampleStore store = SampleStore.open(dir, true, row -> {})) {
            complete = store.append(List.of(row(0), row(1)));
        }
        Path file = dir.resolve(SampleStore.FILE_NAME);
        // a crash inside a quoted value that holds a line feed: the bytes end at a line feed, but inside quotes
        Files.writeString(file, "2,1,2016-02-29,\"first line\nsecond, line\n", StandardOpenOption.APPEND);

        assertEquals(List.of(row(0), row(1)), replay(dir));
        assertEquals(complete, Files.size(file));
    }

    @Test
    void cutsTornHeaderAndStartsAfresh() throws IOException {
        Files.writeString(dir.resolve(SampleStore.FILE_NAME), HEADER.substring(0, 30));

        try (SampleStore store = SampleStore.open(dir, true, row -> {})) {
            store.append(List.of(row(0)));
        }

        assertEquals(List.of(row(0)), replay(dir));
        assertTrue(Files.readString(dir.resolve(SampleStore.FILE_NAME)).startsWith(HEADER));
    }

    @Test
    void refusesForeignHeader() throws IOException {
        Path file = dir.resolve(SampleStore.FILE_NAME);
        String foreign = "id,name\n1,x\n";
        Files.writeString(file, foreign);

        IOException e = assertThrows(IOException.class, () -> SampleStore.open(dir, true, row -> {}));

        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(HEADER.strip()), e.getMessage());
        assertTrue(e.getMessage().contains("\"id,name\""), e.getMessage());
        assertEquals(foreign, Files.readString(file));
    }

    @Test
    void refusesUnterminatedForeignFirstLine() throws IOException {
        Path file = dir.resolve(SampleStore.FILE_NAME);
        Files.writeString(file, "hello");

        assertThrows(IOException.class, () -> SampleStore.open(dir, true, row -> {}));

        assertEquals("hello", Files.readString(file));
    }

    @Test
    void reportsCorruptRowWithOffset() throws IOException {
        long second;
        try (SampleStore store = SampleStore.open(dir, true, row -> {})) {
            store.append(List.of(row(0)));
            second = store.bytes();
            store.append(List.of(row(1)));
        }
        Path file = dir.resolve(SampleStore.FILE_NAME);
        String text = Files.readString(file);
        String corrupt = text.substring(0, (int) second) + "1,2,3\n" + text.substring((int) second);
        Files.writeString(file, corrupt);

        IOException e = assertThrows(IOException.class, () -> SampleStore.open(dir, true, row -> {}));

        assertTrue(e.getMessage().contains("row 2 at byte " + second + " has 3 fields, expected 10"), e.getMessage());
        assertEquals(corrupt, Files.readString(file));
    }

    @Test
    void aStrayQuoteAmongCommittedRowsIsRefusedNotCutThere() throws IOException {
        long second;
        try (SampleStore store = SampleStore.open(dir, true, row -> {})) {
            store.sync(store.append(List.of(row(0))));
            second = store.bytes();
            // rows without a quote of their own
            store.sync(store.append(List.of(row(3), row(5), row(10))));
        }
        Path file = dir.resolve(SampleStore.FILE_NAME);
        byte[] bytes = Files.readAllBytes(file);
        // a quote where a digit was: the rest of the file reads as one quoted value that never ends
        bytes[(int) second] = '"';
        Files.write(file, bytes);

        IOException e = assertThrows(IOException.class, () -> SampleStore.open(dir, true, row -> {}));

        assertTrue(e.getMessage().contains("row 2 at byte " + second + " is not a whole row"), e.getMessage());
        assertTrue(e.getMessage().contains("left as it is"), e.getMessage());
        assertArrayEquals(bytes, Files.readAllBytes(file), "the acknowledged rows after it are still there");
    }

    @Test
    void recoversFromEmptyFile() throws IOException {
        Files.createFile(dir.resolve(SampleStore.FILE_NAME));

        try (SampleStore store = SampleStore.open(dir, true, row -> {})) {
            assertEquals(0, store.rows());
            store.append(List.of(row(0)));
        }

        assertTrue(Files.readString(dir.resolve(SampleStore.FILE_NAME)).startsWith(HEADER));
        assertEquals(List.of(row(0)), replay(dir));
    }

    @Test
    void concurrentSyncersAllBecomeDurable() throws Exception {
        int threads = 8;
        int batchesPerThread = 40;
        Object learnerLock = new Object();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        List<StoredSample> written = new ArrayList<>();
        try (SampleStore store = SampleStore.open(dir, true, row -> {})) {
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                workers.add(new Thread(() -> {
                    try {
                        start.await();
                        for (int b = 0; b < batchesPerThread; b++) {
                            long length;
                            synchronized (learnerLock) {
                                int first = thread * 1000 + b * 2;
                                List<StoredSample> batch = List.of(row(first), row(first + 1));
                                length = store.append(batch);
                                written.addAll(batch);
                            }
                            store.sync(length);
                            if (store.durableBytes() < length) {
                                problems.add("sync(" + length + ") returned at durable " + store.durableBytes());
                            }
                        }
                    } catch (Exception e) {
                        problems.add(e.toString());
                    }
                }));
            }
            workers.forEach(Thread::start);
            start.countDown();
            for (Thread worker : workers) {
                worker.join();
            }
            assertEquals(List.of(), List.copyOf(problems));
            assertEquals(store.bytes(), store.durableBytes());
            assertEquals(threads * batchesPerThread * 2L, store.rows());
        }

        assertEquals(written, replay(dir));
    }

    @Test
    void refusedWriteLeavesNothingBehindAndFailsTheStore() throws IOException {
        FailingChannel[] channel = new FailingChannel[1];
        try (SampleStore store = SampleStore.open(dir, true, row -> {}, failingStoreFile(channel))) {
            long before = store.append(List.of(row(0)));
            channel[0].arm();

            IOException e = assertThrows(IOException.class, () -> store.append(List.of(row(1), row(2), row(3))));

            assertEquals("No space left on device", e.getMessage());
            assertEquals(before, Files.size(store.file()));
            assertEquals(before, store.bytes());
            assertEquals(1, store.rows());
            IOException refused = assertThrows(IOException.class, () -> store.append(List.of(row(4))));
            assertEquals("store refuses appends since a failure: write failed: No space left on device", refused.getMessage());
            // what was written before the failed write is forced as usual: that write failed, no force did
            store.sync(before);
        }

        assertEquals(List.of(row(0)), replay(dir));
    }

    @Test
    void closeIsIdempotent() throws IOException {
        SampleStore store = SampleStore.open(dir, true, row -> {});
        store.append(List.of(row(0)));

        store.close();
        store.close();

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.append(List.of(row(1))));
        assertEquals("store is closed", e.getMessage());
        assertEquals(List.of(row(0)), replay(dir));
    }

    @Test
    void reopensACleanlyClosedStoreWithoutALogLine() throws IOException {
        List<StoredSample> rows = IntStream.range(0, 5).mapToObj(SampleStoreTest::row).toList();
        try (SampleStore store = SampleStore.open(dir, true, row -> {})) {
            store.sync(store.append(rows));
        }

        List<String> log = captureLog(() -> assertEquals(rows, replay(dir)));

        assertEquals(List.of(), log);
    }

    @Test
    void keepsEveryCompleteRowWhenTheCommitRecordPointsInsideARow() throws IOException {
        List<StoredSample> rows = IntStream.range(0, 5).mapToObj(SampleStoreTest::row).toList();
        long third;
        try (SampleStore store = SampleStore.open(dir, true, row -> {})) {
            store.append(rows.subList(0, 2));
            third = store.bytes();
            store.append(rows.subList(2, 5));
        }
        try (CommitFile commits = CommitFile.open(dir, Disk.local())) {
            commits.write(third + 5);
        }

        List<String> log = captureLog(() -> assertEquals(rows, replay(dir)));

        assertEquals(List.of("store: samples.commit says " + (third + 5) + " bytes, inside the row at byte " + third
                + "; keeping every complete row"), log);
    }

    @Test
    void logsTheCutOfATornHeader() throws IOException {
        Files.writeString(dir.resolve(SampleStore.FILE_NAME), HEADER.substring(0, 30));

        List<String> log = captureLog(() -> assertEquals(List.of(), replay(dir)));

        assertEquals(List.of("store: cut torn last line at byte 0 of samples.csv (30 bytes)"), log);
    }

    @Test
    void refusesAnUnterminatedFirstLineLongerThanTheHeader() throws IOException {
        Path file = dir.resolve(SampleStore.FILE_NAME);
        String foreign = HEADER.strip() + ",AndMore";
        Files.writeString(file, foreign);

        IOException e = assertThrows(IOException.class, () -> SampleStore.open(dir, true, row -> {}));

        assertTrue(e.getMessage().contains("not a sample store"), e.getMessage());
        assertEquals(foreign, Files.readString(file));
    }

    @Test
    void quotesAForeignHeaderWholeUpTo200CharactersAndCutsALongerOne() throws IOException {
        Path file = dir.resolve(SampleStore.FILE_NAME);
        String exactly200 = "h".repeat(200);
        Files.writeString(file, exactly200 + "\n");
        IOException whole = assertThrows(IOException.class, () -> SampleStore.open(dir, true, row -> {}));
        Files.writeString(file, exactly200 + "h\n");
        IOException cut = assertThrows(IOException.class, () -> SampleStore.open(dir, true, row -> {}));

        assertTrue(whole.getMessage().contains("got \"" + exactly200 + "\";"), whole.getMessage());
        assertTrue(cut.getMessage().contains("got \"" + exactly200 + "...\";"), cut.getMessage());
    }

    @Test
    void aRefusedWriteThatCannotBeCutEitherReportsBothFailures() throws IOException {
        FailingChannel[] channel = new FailingChannel[1];
        try (SampleStore store = SampleStore.open(dir, true, row -> {}, failingStoreFile(channel))) {
            store.append(List.of(row(0)));
            channel[0].armWithTruncate();

            IOException e = assertThrows(IOException.class, () -> store.append(List.of(row(1), row(2))));

            assertEquals("No space left on device", e.getMessage());
            assertEquals(1, e.getSuppressed().length);
            assertEquals("Input/output error", e.getSuppressed()[0].getMessage());
            assertThrows(IOException.class, () -> store.append(List.of(row(3))));
        }
    }

    /** The machine's disk, but the store file's channel is a {@link FailingChannel}, left in {@code channel[0]}. */
    private static Disk failingStoreFile(FailingChannel[] channel) {
        return new Disk((path, options) -> {
            FileChannel file = FileChannel.open(path, options);
            return path.getFileName().toString().equals(SampleStore.FILE_NAME) ? channel[0] = new FailingChannel(file) : file;
        }, CommitFile.currentBoot());
    }

    static List<StoredSample> replay(Path dir) throws IOException {
        List<StoredSample> rows = new ArrayList<>();
        try (SampleStore store = SampleStore.open(dir, false, rows::add)) {
            assertEquals(rows.size(), store.rows());
        }
        return rows;
    }

    /** A row whose values exercise quoting: commas, quotes, line ends, non-ASCII, empty values. */
    static StoredSample row(int i) {
        Sample sample = new Sample(i % 7 == 0 ? "" : Integer.toString(i), "int:" + (i % 3), "2016-02-29",
                switch (i % 5) {
                    case 0 -> "str:6cd08e4 int:49fed34";
                    case 1 -> "Kaffe, æøå \"special\" 😀";
                    case 2 -> "two\r\nlines\nand\rthree";
                    case 3 -> "";
                    default -> "\"" + i + "\"";
                },
                "> -" + i, i % 2 == 0 ? "" : "str:1e82557", Integer.toString(1000 + i % 11), "Profit and Loss");
        return i % 4 == 0 ? new StoredSample(sample, "")
                : new StoredSample(sample, Integer.toString(1000 + i % 13), i % 3 == 0 ? null : 1.0 / (i + 1));
    }

    interface IoAction {
        void run() throws IOException;
    }

    static List<String> captureLog(IoAction action) throws IOException {
        try (CapturedLog log = CapturedLog.of("ledgerlearn.store")) {
            action.run();
            return log.messages();
        }
    }
}
