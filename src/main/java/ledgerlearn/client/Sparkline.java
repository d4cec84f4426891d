package ledgerlearn.client;

import java.nio.charset.Charset;
import java.util.List;

/** A chart on one line: one block per value, its height from the lowest value to the highest. */
final class Sparkline {
    private static final String BLOCKS = "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588";
    /** For a terminal that cannot show the blocks: eight marks that read as rising. */
    private static final String ASCII = "_.:-=+*#";

    private Sparkline() {}

    /** The values as blocks, lowest to highest; a flat series is drawn at mid height. */
    static String of(List<Double> values, boolean unicode) {
        String levels = unicode ? BLOCKS : ASCII;
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        StringBuilder line = new StringBuilder(values.size());
        for (double value : values) {
            int level = max > min
                    ? (int) Math.round((value - min) / (max - min) * (levels.length() - 1))
                    : levels.length() / 2 - 1;
            line.append(levels.charAt(level));
        }
        return line.toString();
    }

    /** Whether standard output's encoding can show the blocks (on Java 17 it is the platform's, unless overridden). */
    static boolean stdoutTakesUnicode() {
        Charset charset = Charset.defaultCharset();
        String override = System.getProperty("sun.stdout.encoding");
        if (override != null && Charset.isSupported(override)) {
            charset = Charset.forName(override);
        }
        return charset.newEncoder().canEncode(BLOCKS);
    }
}
