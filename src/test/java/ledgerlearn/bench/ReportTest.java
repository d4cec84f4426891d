package ledgerlearn.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

final class ReportTest {

    @Test
    void listsTheCircumstancesThenTheRowsInPhaseOrderWithTheirVerdicts() {
        Report report = new Report();
        report.note("cores", "2");
        report.add(new Report.Row(5, "restart", "0.72 s", "≤ 2 s", true));
        report.add(new Report.Row(1, "ingest", "12 s", "≤ 10 s", false));
        report.add(new Report.Row(3, "/predict, 1 connection", "11,134 req/s", "", null));
        List<String> lines = report.render("Latest run").lines().toList();

        assertEquals("## Latest run", lines.get(0));
        assertEquals("- cores: 2", lines.get(2));
        List<String> rows = lines.stream().filter(l -> l.matches("\\| [0-9].*")).toList();
        assertEquals(3, rows.size());
        assertTrue(rows.get(0).startsWith("| 1 ") && rows.get(0).endsWith("| **no** |"), rows.get(0));
        assertTrue(rows.get(1).startsWith("| 3 ") && rows.get(1).endsWith("|        |"), rows.get(1));
        assertTrue(rows.get(2).startsWith("| 5 ") && rows.get(2).endsWith("| yes    |"), rows.get(2));
    }

    @Test
    void writesMillisecondsFromNanosecondsToTwoDecimals() {
        assertEquals("1.67", Report.millis(1_666_000));
        assertEquals("0.00", Report.millis(0));
    }
}
