package ledgerlearn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import ledgerlearn.telemetry.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class PrometheusTextTest {

    @Test
    void escapesBackslashQuoteAndLineFeedInLabelValuesAndHelp() {
        String text = text(new PrometheusText()
                .family("odd_total", "counter", "a \\ backslash,\na new line and a \"quote\"")
                .sample("odd_total", 1, "route", "C:\\dir \"x\"\nnext"));

        assertEquals("# HELP odd_total a \\\\ backslash,\\na new line and a \"quote\"\n"
                + "# TYPE odd_total counter\n"
                + "odd_total{route=\"C:\\\\dir \\\"x\\\"\\nnext\"} 1\n", text);
        List<PrometheusFormat.Sample> samples = PrometheusFormat.parse(text);
        assertEquals(Map.of("route", "C:\\dir \"x\"\nnext"), samples.get(0).labels());
    }

    @Test
    void writesNumbersAsPrometheusParsesThem() {
        assertEquals("3", PrometheusText.number(3));
        assertEquals("0", PrometheusText.number(0));
        assertEquals("2.5", PrometheusText.number(2.5));
        assertEquals("0.0005", PrometheusText.number(0.0005));
        assertEquals("0.973", PrometheusText.number(0.973));
        assertEquals("NaN", PrometheusText.number(Double.NaN));
        assertEquals("+Inf", PrometheusText.number(Double.POSITIVE_INFINITY));
        assertEquals("-Inf", PrometheusText.number(Double.NEGATIVE_INFINITY));
    }

    @Test
    void writesHistogramBucketsCumulativeEndingWithInfEqualToTheCount() {
        Histogram histogram = new Histogram(List.of(0.0005, 0.01));
        histogram.observe(100_000);
        histogram.observe(5_000_000);
        histogram.observe(20_000_000);

        String text = text(new PrometheusText().histogram("t_seconds", "Times.", "route", Map.of("/a", histogram.snapshot())));

        assertEquals("# HELP t_seconds Times.\n"
                + "# TYPE t_seconds histogram\n"
                + "t_seconds_bucket{route=\"/a\",le=\"0.0005\"} 1\n"
                + "t_seconds_bucket{route=\"/a\",le=\"0.01\"} 2\n"
                + "t_seconds_bucket{route=\"/a\",le=\"+Inf\"} 3\n"
                + "t_seconds_sum{route=\"/a\"} 0.0251\n"
                + "t_seconds_count{route=\"/a\"} 3\n", text);
        assertEquals(3, PrometheusFormat.parse(text).size() - 2);
    }

    static Stream<Arguments> brokenExpositions() {
        String type = "# TYPE h histogram\n";
        return Stream.of(
                Arguments.of("a sample before its TYPE", "x 1\n# TYPE x gauge\n", "before a TYPE"),
                Arguments.of("a bad metric name", "# TYPE 1x gauge\n1x 1\n", "bad metric name"),
                Arguments.of("an unknown escape", "# TYPE x gauge\nx{a=\"\\t\"} 1\n", "escapes only"),
                Arguments.of("an unquoted label", "# TYPE x gauge\nx{a=b} 1\n", "quoted"),
                Arguments.of("a missing final line feed", "# TYPE x gauge\nx 1", "line feed"),
                Arguments.of("a second TYPE", "# TYPE x gauge\n# TYPE x gauge\nx 1\n", "second TYPE"),
                Arguments.of("a family split in two", "# TYPE x gauge\nx{a=\"1\"} 1\n# TYPE y gauge\ny 1\nx{a=\"2\"} 1\n",
                        "one group"),
                Arguments.of("a negative counter", "# TYPE x_total counter\nx_total -1\n", "negative"),
                Arguments.of("a value that is not a number", "# TYPE x gauge\nx one\n", "not a number"),
                Arguments.of("buckets that decrease", type + "h_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\n"
                        + "h_sum 1\nh_count 1\n", "cumulative"),
                Arguments.of("le values that descend", type + "h_bucket{le=\"2\"} 1\nh_bucket{le=\"1\"} 1\n"
                        + "h_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n", "ascend"),
                Arguments.of("no +Inf bucket", type + "h_bucket{le=\"1\"} 1\nh_sum 1\nh_count 1\n", "+Inf"),
                Arguments.of("a count other than +Inf", type + "h_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 1\n",
                        "differs"),
                Arguments.of("no sum", type + "h_bucket{le=\"+Inf\"} 1\nh_count 1\n", "h_sum"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenExpositions")
    void formatCheckerRefusesWhatTheFormatForbids(String what, String text, String message) {
        AssertionError error = assertThrows(AssertionError.class, () -> PrometheusFormat.parse(text));
        assertTrue(error.getMessage().contains(message), error.getMessage());
    }

    private static String text(PrometheusText text) {
        return new String(text.bytes(), StandardCharsets.UTF_8);
    }
}
