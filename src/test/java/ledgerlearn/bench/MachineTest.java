package ledgerlearn.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class MachineTest {

    @Test
    void readsTheFirstValueOfAKeyInAProcFile() {
        List<String> cpuinfo = List.of("processor\t: 0", "model name\t: AMD EPYC 7B13", "processor\t: 1",
                "model name\t: AMD EPYC 7B13");
        assertEquals(Optional.of("AMD EPYC 7B13"), Machine.valueOf(cpuinfo, "model name"));
        assertEquals(Optional.empty(), Machine.valueOf(cpuinfo, "flags"));
    }
}
