package ledgerlearn.bench;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the numbers the bench needs out of what servers, clients and {@code jcmd} print. */
final class LogLines {
    private static final Pattern REPLAYED = Pattern.compile("replayed (\\d+) samples in (\\d+(?:\\.\\d+)?) s");
    private static final Pattern SENT = Pattern.compile("sent ([\\d,]+) rows in (\\d+(?:\\.\\d+)?) s");
    /** A heap region of {@code jcmd GC.heap_info}: "tenured generation   total 43712K, used 25112K [...". */
    private static final Pattern REGION = Pattern.compile("\\btotal \\d+[KMG]?, used (\\d+)([KMG]?)\\b");
    /** ZGC's single line: "ZHeap           used 22M, capacity 64M, max capacity 64M". */
    private static final Pattern Z_HEAP = Pattern.compile("ZHeap\\s+used (\\d+)([KMG]?),");

    private LogLines() {}

    /** The seconds of the server's "replayed N samples in X s". */
    static OptionalDouble replaySeconds(String line) {
        Matcher m = REPLAYED.matcher(line);
        return m.find() ? OptionalDouble.of(Double.parseDouble(m.group(2))) : OptionalDouble.empty();
    }

    /** The row count of the client's "sent 737,017 rows in 6.7 s (110,537 rows/s)". */
    static OptionalLong sentRows(String line) {
        Matcher m = SENT.matcher(line);
        return m.find() ? OptionalLong.of(Long.parseLong(m.group(1).replace(",", ""))) : OptionalLong.empty();
    }

    /** The seconds of the client's "sent N rows in X s". */
    static OptionalDouble sentSeconds(String line) {
        Matcher m = SENT.matcher(line);
        return m.find() ? OptionalDouble.of(Double.parseDouble(m.group(2))) : OptionalDouble.empty();
    }

    /**
     * The bytes in use on the Java heap, summed over the heap regions that {@code jcmd PID GC.heap_info}
     * lists (young and old generation, or G1's one heap); Metaspace is not heap and is left out.
     */
    static OptionalLong heapUsedBytes(List<String> heapInfo) {
        long used = 0;
        boolean found = false;
        for (String line : heapInfo) {
            if (line.contains("Metaspace") || line.contains("class space")) {
                continue;
            }
            Matcher m = REGION.matcher(line);
            if (!m.find()) {
                m = Z_HEAP.matcher(line);
                if (!m.find()) {
                    continue;
                }
            }
            used += Long.parseLong(m.group(1)) * unit(m.group(2));
            found = true;
        }
        return found ? OptionalLong.of(used) : OptionalLong.empty();
    }

    private static long unit(String suffix) {
        return switch (suffix) {
            case "K" -> 1L << 10;
            case "M" -> 1L << 20;
            case "G" -> 1L << 30;
            default -> 1;
        };
    }
}
