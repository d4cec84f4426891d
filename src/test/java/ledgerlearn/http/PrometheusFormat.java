package ledgerlearn.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4 for tests: it fails on the first
 * line that breaks a rule, naming the line, and otherwise returns every sample by name and labels.
 */
final class PrometheusFormat {
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    /** One sample line: the metric name, its labels in order and its value. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    private final Map<String, String> types = new HashMap<>();
    private final Set<String> helped = new HashSet<>();
    private final Set<String> finishedFamilies = new HashSet<>();
    private final Set<String> seriesSeen = new HashSet<>();
    private final List<Sample> samples = new ArrayList<>();
    private String currentFamily;
    private int lineNumber;

    private PrometheusFormat() {}

    /** Every sample of {@code text}, in order; throws {@link AssertionError} naming the first broken rule. */
    static List<Sample> parse(String text) {
        PrometheusFormat format = new PrometheusFormat();
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new AssertionError("the last line must end with a line feed");
        }
        if (!text.isEmpty()) {
            for (String line : text.substring(0, text.length() - 1).split("\n", -1)) {
                format.lineNumber++;
                format.line(line);
            }
        }
        format.checkHistograms();
        return List.copyOf(format.samples);
    }

    /** The value of the one sample with exactly this name and these labels (given in name, value pairs). */
    static double value(List<Sample> samples, String name, String... labels) {
        Map<String, String> want = new TreeMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            want.put(labels[i], labels[i + 1]);
        }
        List<Double> found = new ArrayList<>();
        for (Sample sample : samples) {
            if (sample.name().equals(name) && new TreeMap<>(sample.labels()).equals(want)) {
                found.add(sample.value());
            }
        }
        if (found.size() != 1) {
            throw new AssertionError("expected one sample " + name + want + ", found " + found.size());
        }
        return found.get(0);
    }

    private void line(String line) {
        if (line.isEmpty()) {
            fail("empty line");
        }
        if (line.startsWith("#")) {
            comment(line);
        } else {
            sample(line);
        }
    }

    private void comment(String line) {
        String[] parts = line.split(" ", 4);
        if (parts.length >= 3 && parts[1].equals("HELP")) {
            String name = parts[2];
            checkName(name);
            if (!helped.add(name)) {
                fail("second HELP for " + name);
            }
            enterFamily(name);
            checkEscapes(parts.length == 4 ? parts[3] : "", false);
        } else if (parts.length >= 3 && parts[1].equals("TYPE")) {
            String name = parts[2];
            checkName(name);
            if (parts.length != 4 || !TYPES.contains(parts[3])) {
                fail("TYPE must be one of " + TYPES);
            }
            if (types.containsKey(name)) {
                fail("second TYPE for " + name);
            }
            if (samples.stream().anyMatch(s -> family(s.name()).equals(name))) {
                fail("TYPE for " + name + " after its samples");
            }
            enterFamily(name);
            types.put(name, parts[3]);
        } else if (!line.startsWith("# ") && !line.equals("#")) {
            fail("a comment starts with \"# \"");
        }
    }

    private void sample(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        checkName(name);
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i = labels(line, i + 1, labels);
        }
        if (i >= line.length() || line.charAt(i) != ' ') {
            fail("a space must separate the sample from its value");
        }
        String[] rest = line.substring(i + 1).split(" ");
        if (rest.length < 1 || rest.length > 2 || rest[0].isEmpty()) {
            fail("a sample has a value and an optional timestamp");
        }
        double value = number(rest[0]);
        String family = family(name);
        if (!types.containsKey(family)) {
            fail("sample " + name + " before a TYPE line for " + family);
        }
        enterFamily(family);
        String type = types.get(family);
        if (type.equals("histogram") && name.equals(family)) {
            fail("a histogram has only _bucket, _sum and _count samples");
        }
        if (type.equals("counter") && !(value >= 0)) {
            fail("counter " + name + " is negative or NaN");
        }
        if (!seriesSeen.add(name + new TreeMap<>(labels))) {
            fail("duplicate series " + name + labels);
        }
        samples.add(new Sample(name, Map.copyOf(labels), value));
    }

    /** Reads {@code name="value",...}} from just after the brace; returns the index after the closing brace. */
    private int labels(String line, int from, Map<String, String> labels) {
        int i = from;
        while (true) {
            if (i < line.length() && line.charAt(i) == '}') {
                return i + 1;
            }
            int equals = line.indexOf('=', i);
            if (equals < 0) {
                fail("label without =");
            }
            String name = line.substring(i, equals);
            if (!LABEL_NAME.matcher(name).matches() || name.startsWith("__")) {
                fail("bad label name \"" + name + "\"");
            }
            if (equals + 1 >= line.length() || line.charAt(equals + 1) != '"') {
                fail("label value must be quoted");
            }
            StringBuilder value = new StringBuilder();
            int j = equals + 2;
            while (true) {
                if (j >= line.length()) {
                    fail("unterminated label value");
                }
                char c = line.charAt(j);
                if (c == '"') {
                    break;
                }
                if (c == '\\') {
                    char next = j + 1 < line.length() ? line.charAt(j + 1) : ' ';
                    switch (next) {
                        case '\\' -> value.append('\\');
                        case '"' -> value.append('"');
                        case 'n' -> value.append('\n');
                        default -> fail("label value escapes only \\\\, \\\" and \\n");
                    }
                    j += 2;
                } else {
                    value.append(c);
                    j++;
                }
            }
            if (labels.put(name, value.toString()) != null) {
                fail("label " + name + " given twice");
            }
            i = j + 1;
            if (i < line.length() && line.charAt(i) == ',') {
                i++;
            } else if (i >= line.length() || line.charAt(i) != '}') {
                fail("labels are separated by commas and closed by }");
            }
        }
    }

    /** Buckets of each histogram series: ascending le, non-decreasing counts, +Inf last and equal to _count, a _sum. */
    private void checkHistograms() {
        for (Map.Entry<String, String> entry : types.entrySet()) {
            if (!entry.getValue().equals("histogram")) {
                continue;
            }
            String family = entry.getKey();
            Map<Map<String, String>, List<Sample>> bucketsBySeries = new LinkedHashMap<>();
            for (Sample sample : samples) {
                if (sample.name().equals(family + "_bucket")) {
                    if (!sample.labels().containsKey("le")) {
                        throw new AssertionError(family + ": a bucket without le");
                    }
                    Map<String, String> series = new TreeMap<>(sample.labels());
                    series.remove("le");
                    bucketsBySeries.computeIfAbsent(series, key -> new ArrayList<>()).add(sample);
                }
            }
            for (Map.Entry<Map<String, String>, List<Sample>> series : bucketsBySeries.entrySet()) {
                checkBuckets(family, series.getKey(), series.getValue());
            }
        }
    }

    private void checkBuckets(String family, Map<String, String> series, List<Sample> buckets) {
        String where = family + series;
        double previousLe = Double.NEGATIVE_INFINITY;
        double previousCount = 0;
        for (Sample bucket : buckets) {
            double le = number(bucket.labels().get("le"));
            if (!(le > previousLe)) {
                throw new AssertionError(where + ": le values must ascend, got " + bucket.labels().get("le"));
            }
            if (bucket.value() < previousCount) {
                throw new AssertionError(where + ": bucket counts must be cumulative, got " + bucket.value()
                        + " after " + previousCount);
            }
            previousLe = le;
            previousCount = bucket.value();
        }
        Sample last = buckets.get(buckets.size() - 1);
        if (!last.labels().get("le").equals("+Inf")) {
            throw new AssertionError(where + ": the last bucket must be le=\"+Inf\"");
        }
        String[] labels = series.entrySet().stream()
                .flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue())).toArray(String[]::new);
        double count;
        try {
            count = value(samples, family + "_count", labels);
            value(samples, family + "_sum", labels);
        } catch (AssertionError e) {
            throw new AssertionError(where + ": " + e.getMessage());
        }
        if (count != last.value()) {
            throw new AssertionError(where + ": _count " + count + " differs from the +Inf bucket " + last.value());
        }
    }

    /** The family a sample belongs to: a histogram's {@code _bucket}, {@code _sum} and {@code _count} belong to it. */
    private String family(String name) {
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
            if (name.endsWith(suffix)) {
                String base = name.substring(0, name.length() - suffix.length());
                String type = types.get(base);
                if ("histogram".equals(type) || ("summary".equals(type) && !suffix.equals("_bucket"))) {
                    return base;
                }
            }
        }
        return name;
    }

    /** Lines of one family come as one group: a family may not start again once another began. */
    private void enterFamily(String family) {
        if (family.equals(currentFamily)) {
            return;
        }
        if (currentFamily != null) {
            finishedFamilies.add(currentFamily);
        }
        if (finishedFamilies.contains(family)) {
            fail("lines of " + family + " are not in one group");
        }
        currentFamily = family;
    }

    private void checkName(String name) {
        if (!METRIC_NAME.matcher(name).matches()) {
            fail("bad metric name \"" + name + "\"");
        }
    }

    private void checkEscapes(String text, boolean quoteAllowed) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\\') {
                char next = i + 1 < text.length() ? text.charAt(i + 1) : ' ';
                if (next != '\\' && next != 'n' && !(quoteAllowed && next == '"')) {
                    fail("help text escapes only \\\\ and \\n");
                }
                i++;
            }
        }
    }

    private double number(String text) {
        switch (text) {
            case "NaN":
                return Double.NaN;
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                if (!text.matches("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?")) {
                    fail("not a number: \"" + text + "\"");
                }
                return Double.parseDouble(text);
        }
    }

    private void fail(String message) {
        throw new AssertionError("line " + lineNumber + ": " + message);
    }
}
