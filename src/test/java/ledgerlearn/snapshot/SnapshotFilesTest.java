package ledgerlearn.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class SnapshotFilesTest {
    private static final int[] STATE = {1, 2, 3, 4, 5};

    private static Path write(Path dir, SnapshotFiles.Position position, long settings) throws IOException {
        return SnapshotFiles.write(dir, position, settings, out -> out.writeInts(STATE, STATE.length));
    }

    private static int[] stateOf(SnapshotFiles.Snapshot snapshot) throws IOException {
        try (StateInput in = snapshot.open()) {
            int[] state = in.readInts(0);
            in.end();
            return state;
        }
    }

    @TempDir
    Path dir;

    @Test
    void writesAndReadsBackAStateAtItsPositionAndKeepsTheNewestTwo() throws IOException {
        for (long rows : new long[] {10, 30, 20}) {
            write(dir, new SnapshotFiles.Position(rows, rows * 100, (int) rows), 7);
        }
        List<Path> files = SnapshotFiles.list(dir);

        assertEquals(2, files.size());
        SnapshotFiles.Snapshot newest = SnapshotFiles.read(files.get(0), 7);
        assertEquals(new SnapshotFiles.Position(30, 3000, 30), newest.position());
        assertArrayEquals(STATE, stateOf(newest));
        assertEquals(20, SnapshotFiles.read(files.get(1), 7).position().rows());
    }

    @Test
    void refusesAnotherSettingsTornOrDamagedSnapshotNamingWhy() throws IOException {
        Path file = write(dir, new SnapshotFiles.Position(5, 500, 1), 7);
        assertTrue(assertThrows(IOException.class, () -> SnapshotFiles.read(file, 8)).getMessage().contains("other settings"));

        byte[] whole = Files.readAllBytes(file);
        byte[] bytes = whole.clone();
        bytes[bytes.length - 6] ^= 1; // the state's length
        Files.write(file, bytes);
        assertTrue(assertThrows(IOException.class, () -> SnapshotFiles.read(file, 7)).getMessage().contains("torn or damaged"));

        // a byte of the state: found when the state is read, by the checksum over every byte read
        for (int at : new int[] {whole.length - 13, 40, 33}) {
            bytes = whole.clone();
            bytes[at] ^= 1;
            Files.write(file, bytes);
            SnapshotFiles.Snapshot damaged = SnapshotFiles.read(file, 7);
            StateInput.CorruptStateException refused = assertThrows(StateInput.CorruptStateException.class,
                    () -> damaged.read(in -> in.readInts(0)), "byte " + at);
            assertTrue(refused.getMessage().contains("checksum mismatch"), refused.getMessage());
        }
        // a reader that stops midway, as one does on a damaged length: the checksum names the damage
        bytes = whole.clone();
        bytes[36] ^= 1;
        Files.write(file, bytes);
        SnapshotFiles.Snapshot damaged = SnapshotFiles.read(file, 7);
        StateInput.CorruptStateException refused = assertThrows(StateInput.CorruptStateException.class,
                () -> damaged.read(in -> in.readLong()));
        assertTrue(refused.getMessage().contains("checksum mismatch"), refused.getMessage());
        Files.write(file, whole);
        assertArrayEquals(STATE, SnapshotFiles.read(file, 7).read(in -> in.readInts(0)));

        Files.write(file, new byte[10]);
        assertTrue(assertThrows(IOException.class, () -> SnapshotFiles.read(file, 7)).getMessage().contains("too short"));
    }

    @Test
    void aPartialFileACrashLeftIsNoSnapshotAndIsDeleted() throws IOException {
        Path partial = dir.resolve("snapshot-00000000000000000009.bin.partial");
        Files.write(partial, new byte[] {1, 2, 3});

        assertEquals(List.of(), SnapshotFiles.list(dir));
        assertFalse(Files.exists(partial));
    }

    @Test
    void stateBytesRoundTripAndADamagedLengthIsRefusedNotAllocated() {
        byte[] bytes = new StateOutput().writeInt(-7).writeLong(1L << 40).writeDouble(0.1).writeBoolean(true)
                .writeString("æøå").writeString(null).writeInts(new int[] {1, 2, 3}, 2)
                .writeBits(BitSet.valueOf(new long[] {0b1_0000_1101}), 9)
                .toByteArray();
        StateInput in = new StateInput(bytes);

        assertEquals(-7, in.readInt());
        assertEquals(1L << 40, in.readLong());
        assertEquals(0.1, in.readDouble());
        assertTrue(in.readBoolean());
        assertEquals("æøå", in.readString());
        assertEquals(null, in.readString());
        assertArrayEquals(new int[] {1, 2}, in.readInts(0));
        assertEquals(BitSet.valueOf(new long[] {0b1_0000_1101}), in.readBits());
        in.end();

        StateInput huge = new StateInput(new StateOutput().writeInt(Integer.MAX_VALUE).toByteArray());
        assertThrows(StateInput.CorruptStateException.class, () -> huge.readLongs(0));
    }

    @Test
    void aStateCopiedIntoMemoryFirstMakesTheSameFileAsOneStreamed() throws IOException {
        // over two MiB: the copy spans three pieces, the last one partly filled
        int[] large = new int[600_000];
        for (int i = 0; i < large.length; i++) {
            large[i] = i * 31;
        }
        SnapshotFiles.Position position = new SnapshotFiles.Position(9, 900, 9);
        Path streamed = SnapshotFiles.write(Files.createDirectories(dir.resolve("streamed")), position, 7,
                out -> out.writeInts(large, large.length).writeString("end"));
        StateCopy copy = StateCopy.of(out -> out.writeInts(large, large.length).writeString("end"));
        Path copied = SnapshotFiles.write(Files.createDirectories(dir.resolve("copied")), position, 7, copy);

        assertArrayEquals(Files.readAllBytes(streamed), Files.readAllBytes(copied));
        assertTrue(copy.length() > 2 << 20, "length " + copy.length());
        try (StateInput in = SnapshotFiles.read(copied, 7).open()) {
            assertArrayEquals(large, in.readInts(0));
            assertEquals("end", in.readString());
            in.end();
        }
    }

    @Test
    void valuesOfEveryKindReadBackFromAFileWhateverBufferBoundaryTheyStraddle() throws IOException {
        // an odd byte first, so that every array after it straddles the reader's buffer at an odd offset
        long[] longs = new long[200_001];
        double[] doubles = new double[150_003];
        float[] floats = new float[300_007];
        int[] ints = new int[400_009];
        for (int i = 0; i < longs.length; i++) {
            longs[i] = i * 0x9E3779B97F4A7C15L;
        }
        for (int i = 0; i < doubles.length; i++) {
            doubles[i] = i / 7.0;
        }
        for (int i = 0; i < floats.length; i++) {
            floats[i] = i / 3f;
        }
        for (int i = 0; i < ints.length; i++) {
            ints[i] = -i;
        }
        BitSet bits = new BitSet();
        for (int i = 0; i < 1_000_003; i += 3) {
            bits.set(i);
        }
        Path file = SnapshotFiles.write(dir, new SnapshotFiles.Position(1, 2, 3), 7, out -> out.writeString("x")
                .writeLongs(longs, longs.length).writeDoubles(doubles, doubles.length).writeString("ø".repeat(700_000))
                .writeFloats(floats, floats.length).writeBits(bits, 1_000_003).writeInts(ints, ints.length).writeLong(-1));

        try (StateInput in = SnapshotFiles.read(file, 7).open()) {
            assertEquals("x", in.readString());
            assertArrayEquals(longs, in.readLongs(0));
            assertArrayEquals(doubles, in.readDoubles(0));
            assertEquals("ø".repeat(700_000), in.readString());
            assertArrayEquals(floats, in.readFloats(0));
            assertEquals(bits, in.readBits());
            assertArrayEquals(ints, in.readInts(0));
            assertEquals(-1, in.readLong());
            in.end();
        }
    }
}
