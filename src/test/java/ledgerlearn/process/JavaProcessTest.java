package ledgerlearn.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class JavaProcessTest {

    @Test
    void keepsTheFirstAndLastLinesOfALongOutputAndNoticesAnOutOfMemoryError(@TempDir Path dir) throws Exception {
        Path program = dir.resolve("Lines.java");
        Files.writeString(program, """
                class Lines {
                    public static void main(String[] args) {
                        for (int i = 0; i < 1000; i++) {
                            System.out.println("line " + i);
                            if (i == 500) {
                                System.err.println("java.lang.OutOfMemoryError: Java heap space");
                            }
                        }
                    }
                }
                """);
        JavaProcess process = JavaProcess.start("lines", List.of(JavaProcess.java().toString(), program.toString()));
        assertEquals("line 3", process.awaitLine(l -> l.equals("line 3"), Duration.ofSeconds(60)).orElse(null));
        assertEquals(0, process.waitFor(Duration.ofSeconds(60)));

        List<String> lines = process.lines();
        assertEquals(JavaProcess.HEAD_LINES + JavaProcess.TAIL_LINES, lines.size());
        assertEquals("line 0", lines.get(0));
        assertEquals("line 999", lines.get(lines.size() - 1));
        assertFalse(lines.contains("line 500"), "the middle is not kept");
        assertTrue(process.printedOutOfMemoryError());
        assertTrue(process.tail().endsWith("line 999"), process.tail());
    }
}
