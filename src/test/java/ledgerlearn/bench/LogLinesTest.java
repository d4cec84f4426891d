package ledgerlearn.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

final class LogLinesTest {

    @Test
    void readsTheReplayTimeOfTheServersListeningLine() {
        String line = "2026-11-25 13:27:42 INFO ledgerlearn: listening on http://127.0.0.1:38973, "
                + "data dir /tmp/bb1/d, replayed 737017 samples in 0.97 s";
        assertEquals(OptionalDouble.of(0.97), LogLines.replaySeconds(line));
    }

    @Test
    void readsRowsAndSecondsOfTheClientsSentLine() {
        String line = "sent 737,017 rows in 6.7 s (110,537 rows/s)";
        assertEquals(OptionalLong.of(737_017), LogLines.sentRows(line));
        assertEquals(OptionalDouble.of(6.7), LogLines.sentSeconds(line));
        assertEquals(OptionalLong.empty(), LogLines.sentRows("note: only 12 rows sent"));
    }

    @Test
    void sumsTheGenerationsOfASerialHeapAndLeavesMetaspaceOut() {
        List<String> heapInfo = List.of(
                "12345:",
                " def new generation   total 19648K, used 1405K [0x00000000fc000000, 0x00000000fd550000, 0x00000000fd550000)",
                "  eden space 17472K,   8% used [0x00000000fc000000, 0x00000000fc15f6d8, 0x00000000fd110000)",
                "  from space 2176K,   0% used [0x00000000fd110000, 0x00000000fd110000, 0x00000000fd330000)",
                " tenured generation   total 43712K, used 25112K [0x00000000fd550000, 0x0000000100000000, 0x0000000100000000)",
                "   the space 43712K,  57% used [0x00000000fd550000, 0x00000000fedd6390, 0x00000000fedd6400, 0x0000000100000000)",
                " Metaspace       used 8930K, committed 9216K, reserved 1114112K",
                "  class space    used 950K, committed 1088K, reserved 1048576K");
        assertEquals(OptionalLong.of((1405 + 25112) * 1024L), LogLines.heapUsedBytes(heapInfo));
    }

    @Test
    void readsTheOneRegionOfAG1Heap() {
        List<String> heapInfo = List.of(
                " garbage-first heap   total 65536K, used 23456K [0x00000000fc000000, 0x0000000100000000)",
                "  region size 1024K, 2 young (2048K), 0 survivors (0K)",
                " Metaspace       used 8930K, committed 9216K, reserved 1114112K");
        assertEquals(OptionalLong.of(23456 * 1024L), LogLines.heapUsedBytes(heapInfo));
    }

    @Test
    void readsZgcsHeapInMegabytes() {
        assertEquals(OptionalLong.of(22L << 20),
                LogLines.heapUsedBytes(List.of(" ZHeap           used 22M, capacity 64M, max capacity 64M")));
    }

    @Test
    void knowsNoHeapSizeWhenJcmdPrintedNone() {
        assertTrue(LogLines.heapUsedBytes(List.of("12345:", "Could not attach")).isEmpty());
    }
}
