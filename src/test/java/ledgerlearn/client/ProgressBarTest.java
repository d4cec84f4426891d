package ledgerlearn.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

final class ProgressBarTest {
    private static final long MS = 1_000_000L;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private long now;

    @Test
    void aTerminalIsWhatStderrPointsToNotWhetherStdoutIsOne() {
        assertTrue(ProgressBar.isTerminalDevice("/dev/pts/3"));
        assertTrue(ProgressBar.isTerminalDevice("/dev/tty1"));
        assertFalse(ProgressBar.isTerminalDevice("pipe:[81723]"));
        assertFalse(ProgressBar.isTerminalDevice("/tmp/client.log"));
        assertFalse(ProgressBar.isTerminalDevice("/dev/null"));
    }

    @Test
    void redrawsOneLineOnATerminalAtMostTenTimesASecond() {
        ProgressBar bar = new ProgressBar(err, true, () -> 1_000, () -> now);
        now = 50 * MS;
        bar.update(100);
        assertEquals("", output(), "too soon after the start");
        now = 100 * MS;
        bar.update(200);
        now = 150 * MS;
        bar.update(300);
        now = 250 * MS;
        bar.update(400);
        String[] draws = output().split("\r", -1);
        assertEquals(3, draws.length, output());
        assertTrue(draws[1].startsWith("[####....................] 200/1,000 rows   20%"), draws[1]);
        assertTrue(draws[2].startsWith("[#########...............] 400/1,000 rows   40%"), draws[2]);
        assertFalse(output().contains("\n"));
        now = 300 * MS;
        bar.finish(1_000);
        String last = output().substring(output().lastIndexOf('\r') + 1);
        assertTrue(last.endsWith(" \n"), "pads over the longer line before, then ends it: " + last);
        assertEquals("[########################] 1,000/1,000 rows  100%  3,333 rows/s", last.strip());
    }

    @Test
    void printsAPlainLineEveryTwoSecondsWhenNotATerminal() {
        ProgressBar bar = new ProgressBar(err, false, () -> -1, () -> now);
        for (now = 0; now <= 5_000 * MS; now += 100 * MS) {
            bar.update(now / MS);
        }
        assertEquals("2,000 rows  1,000 rows/s\n4,000 rows  1,000 rows/s\n", output());
    }

    @Test
    void countsThePercentageInRowsOnceTheirNumberIsKnown() {
        long[] total = {-1};
        ProgressBar bar = new ProgressBar(err, false, () -> total[0], () -> now);
        now = 2_000 * MS;
        bar.update(2_000);
        total[0] = 8_000;
        now = 4_000 * MS;
        bar.update(4_000);
        assertEquals("2,000 rows  1,000 rows/s\n4,000/8,000 rows   50%  1,000 rows/s  ETA 0:04\n", output());
    }

    @Test
    void estimatesTheTimeLeftFromTheFractionDone() {
        ProgressBar bar = new ProgressBar(err, false, () -> 40_000, () -> now);
        now = 10_000 * MS;
        bar.update(10_000);
        assertEquals("10,000/40,000 rows   25%  1,000 rows/s  ETA 0:30\n", output());
    }

    @Test
    void showsWhatWasSentWhenTheFileEndsBeforeTheLimit() {
        ProgressBar bar = new ProgressBar(err, false, () -> 40_000, () -> now);
        now = 2_000 * MS;
        bar.finish(500);
        assertEquals("500 rows  100%  250 rows/s\n", output());
    }

    @Test
    void drawsNothingWhenQuiet() {
        ProgressBar bar = new ProgressBar(null, true, () -> 10, () -> now);
        now = 10_000 * MS;
        bar.update(5);
        bar.abandon();
        bar.finish(10);
        assertEquals("", output());
    }

    @Test
    void endsAnUnfinishedTerminalLineBeforeAnError() {
        ProgressBar bar = new ProgressBar(err, true, () -> 10, () -> now);
        now = 200 * MS;
        bar.update(5);
        bar.abandon();
        assertTrue(output().endsWith("\n"), output());
    }

    @Test
    void writesDurationsAsMinutesAndSecondsOrHours() {
        assertEquals("0:07", ProgressBar.duration(7.4));
        assertEquals("2:05", ProgressBar.duration(125));
        assertEquals("1:01:01", ProgressBar.duration(3661));
    }

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
