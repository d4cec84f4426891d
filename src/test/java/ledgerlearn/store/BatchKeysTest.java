package ledgerlearn.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.IntStream;
import ledgerlearn.sample.StoredSample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The idempotency keys beside the store: durable with their batches, and never naming a batch the store lacks. */
final class BatchKeysTest {
    static final String DIGEST = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path dir;

    @Test
    void keysAreReadBackAfterAReopenInStoreOrder() throws IOException {
        List<StoredSample> rows = rows(0, 10);
        try (SampleStore store = SampleStore.open(dir, true, row -> {})) {
            store.sync(store.append(rows.subList(0, 3), BatchKey.of("first", DIGEST, 3, 3)));
            store.sync(store.append(rows.subList(3, 5)));
            store.sync(store.append(rows.subList(5, 10), BatchKey.of("a key, with \"quotes\" ~", DIGEST, 5, 10)));
            assertEquals(2, store.keyCount());
        }

        try (SampleStore store = SampleStore.open(dir, true, row -> {})) {
            assertEquals(List.of(new BatchKey("first", DIGEST, 3, 3, 0, 3),
                    new BatchKey("a key, with \"quotes\" ~", DIGEST, 5, 10, 5, 10)), store.keys());
        }
    }

    @Test
    void aStoreWithoutKeysHasNoKeyFile() throws IOException {
        try (SampleStore store = SampleStore.open(dir, true, row -> {})) {
            store.sync(store.append(rows(0, 3)));
            assertEquals(List.of(), store.keys());
        }
        assertFalse(Files.exists(dir.resolve(KeyLog.FILE_NAME)));
    }

    @Test
    void theKeyOfABatchTheStoreDoesNotHoldIsCutOnOpen() throws IOException {
        long firstBatchEnd;
        try (SampleStore store = SampleStore.open(dir, true, row -> {})) {
            firstBatchEnd = store.append(rows(0, 2), BatchKey.of("kept", DIGEST, 2, 2));
            store.sync(store.append(rows(2, 4), BatchKey.of("never committed", DIGEST, 2, 4)));
        }
        // what a crash between the key's line and the rows' commit leaves: the line, without the rows
        try (FileChannel file = FileChannel.open(dir.resolve(SampleStore.FILE_NAME), StandardOpenOption.WRITE)) {
            file.truncate(firstBatchEnd);
        }
        Files.delete(dir.resolve(CommitFile.FILE_NAME));

        List<String> log = SampleStoreTest.captureLog(() -> {
            try (SampleStore store = SampleStore.open(dir, true, row -> {})) {
                assertEquals(2, store.rows());
                assertEquals(List.of(BatchKey.of("kept", DIGEST, 2, 2)), store.keys());
                store.sync(store.append(rows(2, 3), BatchKey.of("next", DIGEST, 1, 3)));
            }
        });

        assertTrue(log.stream().anyMatch(line -> line.contains("cut 1 idempotency keys of batches never committed")),
                log.toString());
        try (SampleStore store = SampleStore.open(dir, true, row -> {})) {
            assertEquals(List.of(BatchKey.of("kept", DIGEST, 2, 2), BatchKey.of("next", DIGEST, 1, 3)), store.keys());
        }
    }

    @Test
    void aTornLastKeyLineIsCut() throws IOException {
        try (SampleStore store = SampleStore.open(dir, true, row -> {})) {
            store.sync(store.append(rows(0, 2), BatchKey.of("whole", DIGEST, 2, 2)));
        }
        Files.writeString(dir.resolve(KeyLog.FILE_NAME), "2,3,1,3," + DIGEST + ",tor", StandardOpenOption.APPEND);

        try (SampleStore store = SampleStore.open(dir, true, row -> {})) {
            assertEquals(List.of(BatchKey.of("whole", DIGEST, 2, 2)), store.keys());
        }
        assertTrue(Files.readString(dir.resolve(KeyLog.FILE_NAME)).endsWith(",whole\n"));
    }

    @Test
    void aDamagedKeyLineStopsTheOpenNamingItsLine() throws IOException {
        try (SampleStore store = SampleStore.open(dir, true, row -> {})) {
            store.sync(store.append(rows(0, 2), BatchKey.of("whole", DIGEST, 2, 2)));
        }
        Files.writeString(dir.resolve(KeyLog.FILE_NAME), "x,y\n", StandardOpenOption.APPEND);

        IOException e = assertThrows(IOException.class, () -> SampleStore.open(dir, true, row -> {}));

        assertTrue(e.getMessage().contains("line 3 is not a key record"), e.getMessage());
    }

    @Test
    void aKeyMustNameTheRowsOfItsBatch() throws IOException {
        try (SampleStore store = SampleStore.open(dir, true, row -> {})) {
            assertThrows(IllegalArgumentException.class,
                    () -> store.append(rows(0, 2), BatchKey.of("off by one", DIGEST, 2, 3)));
            store.sync(store.append(rows(0, 2), BatchKey.of("right", DIGEST, 2, 2)));
        }
    }

    @Test
    void compactionKeepsTheGivenKeysAndOnlyThoseAcrossAReopen() throws IOException {
        try (SampleStore store = SampleStore.open(dir, true, row -> {})) {
            for (int i = 0; i < 5; i++) {
                store.sync(store.append(rows(i, i + 1), BatchKey.of("key " + i, DIGEST, 1, i + 1)));
            }
            List<BatchKey> newest = store.keys().subList(3, 5);
            store.compactKeys(newest);
            assertEquals(2, store.keyCount());
            store.sync(store.append(rows(5, 6), BatchKey.of("key 5", DIGEST, 1, 6)));
        }
        assertFalse(Files.exists(dir.resolve(KeyLog.COMPACT_NAME)));
        try (SampleStore store = SampleStore.open(dir, true, row -> {})) {
            assertEquals(List.of("key 3", "key 4", "key 5"), store.keys().stream().map(BatchKey::key).toList());
        }
    }

    @Test
    void aCompactionACrashInterruptedLeavesTheKeyLogAsItWas() throws IOException {
        try (SampleStore store = SampleStore.open(dir, true, row -> {})) {
            store.sync(store.append(rows(0, 1), BatchKey.of("only", DIGEST, 1, 1)));
        }
        Files.writeString(dir.resolve(KeyLog.COMPACT_NAME), "FromRow,To", StandardCharsets.US_ASCII);

        try (SampleStore store = SampleStore.open(dir, true, row -> {})) {
            assertEquals(List.of(BatchKey.of("only", DIGEST, 1, 1)), store.keys());
        }
        assertFalse(Files.exists(dir.resolve(KeyLog.COMPACT_NAME)));
    }

    @Test
    void keysArePrintableAsciiOfAtMost128Characters() {
        assertTrue(BatchKey.isValidKey(" ~ printable: !\"#$%&'()*+,-./"));
        assertTrue(BatchKey.isValidKey("k".repeat(128)));
        for (String bad : new String[] {null, "", "k".repeat(129), "tab\there", "new\nline", "æøå", "del\u007f"}) {
            assertFalse(BatchKey.isValidKey(bad), String.valueOf(bad));
        }
    }

    @Test
    void aTenantsKeyIsItsClientsKeyBehindTheTenantsMarkAndNoClientKeyLooksLikeOne() {
        String key = BatchKey.ofTenant("0123456789abcdef", "k".repeat(128));

        assertEquals("k".repeat(128), BatchKey.clientKey(key));
        assertEquals("plain", BatchKey.clientKey("plain"));
        assertTrue(BatchKey.isValidStoredKey(key));
        assertFalse(BatchKey.isValidKey(key), "a client cannot send a tenant's key");
        for (String bad : new String[] {BatchKey.ofTenant("0123456789abcdef", "k").replace(" ", ""),
                "\u00a70123456789ABCDEF k", "\u00a70123456789abcde k", "\u00a70123456789abcdef ", "\u00a7"}) {
            assertFalse(BatchKey.isValidStoredKey(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> BatchKey.ofTenant("tenant", "k"));
    }

    @Test
    void aTenantsKeyIsReadBackAfterAReopen() throws IOException {
        BatchKey key = BatchKey.of(BatchKey.ofTenant("0123456789abcdef", "chunk 0"), DIGEST, 3, 3);
        try (SampleStore store = SampleStore.open(dir, true, row -> {})) {
            store.sync(store.append(rows(0, 3), key));
        }

        try (SampleStore store = SampleStore.open(dir, true, row -> {})) {
            assertEquals(List.of(key), store.keys());
        }
    }

    private static List<StoredSample> rows(int from, int to) {
        return IntStream.range(from, to).mapToObj(SampleStoreTest::row).toList();
    }
}
