package ledgerlearn.metrics;

import java.util.Locale;

/** How per-label precision and recall are combined, as scikit-learn's {@code average} parameter. */
public enum Average {
    /** Unweighted mean over labels. */
    MACRO,
    /** Global counts of true positives, false positives and false negatives. */
    MICRO,
    /** Mean over labels weighted by each label's support (true count). */
    WEIGHTED;

    /** The average named {@code macro}, {@code micro} or {@code weighted} (any case). */
    public static Average parse(String name) {
        for (Average average : values()) {
            if (average.name().equalsIgnoreCase(name)) {
                return average;
            }
        }
        throw new IllegalArgumentException("average must be macro, micro or weighted, got \"" + name + "\"");
    }

    /** The name as the API writes it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
