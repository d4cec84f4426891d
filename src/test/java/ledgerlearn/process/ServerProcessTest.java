package ledgerlearn.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

final class ServerProcessTest {

    @Test
    void readsThePortOfTheServersListeningLineOverHttpOrHttps() {
        assertEquals(OptionalInt.of(38973), ServerProcess.port("2026-11-25 13:27:42 INFO ledgerlearn: listening on "
                + "http://127.0.0.1:38973, data dir /tmp/bb1/d, replayed 737017 samples in 0.97 s"));
        assertEquals(OptionalInt.of(5000), ServerProcess.port("listening on https://127.0.0.1:5000, data dir d"));
    }

    @Test
    void findsNoPortInOtherLines() {
        assertEquals(OptionalInt.empty(), ServerProcess.port("2026-11-25 13:27:42 INFO ledgerlearn: stopping"));
        assertEquals(OptionalInt.empty(), ServerProcess.port("listening on http://127.0.0.1:, data dir x"));
    }

    @Test
    void putsTheCallersFlagsFirstSoThatAddressPortAndDataDirWin() {
        List<String> command = ServerProcess.command(List.of("-Xmx64m"), List.of("--port", "1", "--threads", "2"),
                Path.of("d"), 0);

        assertEquals(List.of("-Xmx64m", "-cp", System.getProperty("java.class.path"), "ledgerlearn.Main", "server",
                "--port", "1", "--threads", "2", "--host", "127.0.0.1", "--port", "0", "--data-dir", "d"),
                command.subList(1, command.size()));
    }
}
