package ledgerlearn.http;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import ledgerlearn.telemetry.Histogram;

/**
 * Writes the Prometheus text exposition format 0.0.4: per metric family a {@code # HELP} and a
 * {@code # TYPE} line, then its samples, label values escaped.
 */
final class PrometheusText {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StringBuilder out = new StringBuilder(4096);

    /** A counter or gauge without labels. */
    PrometheusText single(String name, String type, String help, double value) {
        family(name, type, help);
        sample(name, value);
        return this;
    }

    /** Starts a family: its help text and type; its samples must follow before the next family. */
    PrometheusText family(String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ');
        escape(help, false);
        out.append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        return this;
    }

    /** One sample, with label names and values given in pairs. */
    PrometheusText sample(String name, double value, String... labels) {
        out.append(name);
        if (labels.length > 0) {
            out.append('{');
            for (int i = 0; i < labels.length; i += 2) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(labels[i]).append("=\"");
                escape(labels[i + 1], true);
                out.append('"');
            }
            out.append('}');
        }
        out.append(' ').append(number(value)).append('\n');
        return this;
    }

    /** A histogram family with one series per value of {@code label}. */
    PrometheusText histogram(String name, String help, String label, Map<String, Histogram.Snapshot> series) {
        family(name, "histogram", help);
        series.forEach((value, snapshot) -> histogramSeries(name, snapshot, label, value));
        return this;
    }

    /** A histogram family with a single series. */
    PrometheusText histogram(String name, String help, Histogram.Snapshot snapshot) {
        family(name, "histogram", help);
        histogramSeries(name, snapshot, null, null);
        return this;
    }

    private void histogramSeries(String name, Histogram.Snapshot snapshot, String label, String value) {
        String bucket = name + "_bucket";
        for (int i = 0; i <= snapshot.boundsSeconds().size(); i++) {
            String le = i < snapshot.boundsSeconds().size() ? number(snapshot.boundsSeconds().get(i)) : "+Inf";
            long count = snapshot.cumulativeCounts().get(i);
            if (label == null) {
                sample(bucket, count, "le", le);
            } else {
                sample(bucket, count, label, value, "le", le);
            }
        }
        String[] labels = label == null ? new String[0] : new String[] {label, value};
        sample(name + "_sum", snapshot.sumSeconds(), labels);
        sample(name + "_count", snapshot.count(), labels);
    }

    byte[] bytes() {
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Go's float syntax as Prometheus parses it: {@code NaN}, {@code +Inf}, and plain decimals ({@code 0.0005}, not {@code 5.0E-4}). */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** Label values escape backslash, double quote and line feed; help text only backslash and line feed. */
    private void escape(String text, boolean quote) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '"' -> out.append(quote ? "\\\"" : "\"");
                default -> out.append(c);
            }
        }
    }
}
