package ledgerlearn.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import ledgerlearn.sample.Sample;
import org.junit.jupiter.api.Test;

final class RecordsTest {

    @Test
    void aBatchComesBackExactlyAsItWasAppended() {
        List<Sample> batch = List.of(
                new Sample("7", "int:a055470", "2016-02-29", "str:6cd08e4 int:49fed34", "> -1000", "str:1e82557", "9900", "Balance"),
                new Sample("", "c\"o,m\npany", "2016-03-01", "", "< 10", "", "1650", ""),
                new Sample("", "ø", "2016-03-02", "tab\there \\ back", "0", "æ", "1", "Profit and loss"));
        assertEquals(batch, Records.decode(Records.encode(batch)));
    }

    @Test
    void aRecordThatIsNoBatchIsNamedAsSuch() {
        byte[] good = Records.encode(List.of(new Sample("", "c", "2016-03-01", "t", "1", "", "1650", "")));
        List<byte[]> bad = List.of(new byte[0], "[[\"json\"]]".getBytes(StandardCharsets.UTF_8),
                java.util.Arrays.copyOf(good, good.length - 1), java.util.Arrays.copyOf(good, good.length + 1),
                new byte[] {1, 0, 0, 0, 0}, new byte[] {1, 0, 0, 0, 1, 127, 0, 0, 0});
        for (byte[] value : bad) {
            Records.UnreadableRecordException e = assertThrows(Records.UnreadableRecordException.class,
                    () -> Records.decode(value));
            assertTrue(!e.getMessage().isEmpty(), java.util.Arrays.toString(value));
        }
        assertThrows(Records.UnreadableRecordException.class, () -> Records.decode(null));
    }
}
