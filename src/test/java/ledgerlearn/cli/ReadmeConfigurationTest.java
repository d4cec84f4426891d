package ledgerlearn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's configuration table lists every flag of every command, with its env twin and default. */
final class ReadmeConfigurationTest {

    @Test
    void readmeTableHasARowForEveryFlagWithItsEnvironmentTwinAndDefault() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, List<Flag>> command : Help.flagsByCommand().entrySet()) {
            for (Flag flag : command.getValue()) {
                String row = "| " + command.getKey() + " | `--" + flag.name() + "` | `" + flag.env() + "` | "
                        + (flag.defaultValue() == null || flag.defaultValue().isEmpty() ? "none" : "`" + flag.defaultValue() + "`")
                        + " | ";
                if (!readme.contains(row)) {
                    missing.add(row);
                }
            }
        }
        assertEquals(List.of(), missing, "README.md configuration rows missing or out of date");
    }
}
