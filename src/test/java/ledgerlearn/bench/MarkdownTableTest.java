package ledgerlearn.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

final class MarkdownTableTest {

    @Test
    void padsEveryColumnToItsWidestCell() {
        String table = new MarkdownTable(List.of("#", "what", "met"))
                .row("1", "full ingest", "yes")
                .row("10", "x", "**no**")
                .render();
        assertEquals("""
                | #   | what        | met    |
                |-----|-------------|--------|
                | 1   | full ingest | yes    |
                | 10  | x           | **no** |
                """, table);
    }

    @Test
    void escapesPipesAndJoinsLinesSoACellStaysOneCell() {
        String table = new MarkdownTable(List.of("a")).row("x | y\n  z").render();
        assertEquals("| a        |\n|----------|\n| x \\| y z |\n", table);
    }

    @Test
    void refusesARowWithTheWrongNumberOfCells() {
        MarkdownTable table = new MarkdownTable(List.of("a", "b"));
        assertThrows(IllegalArgumentException.class, () -> table.row("only one"));
    }
}
