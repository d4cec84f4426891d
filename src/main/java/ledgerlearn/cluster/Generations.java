package ledgerlearn.cluster;

import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The topics of one log: generation 0 is the topic as configured, generation n the topic {@code TOPIC.gN}. A
 * company's deletion copies the log, without that company's rows, into the next generation and deletes the old one
 * (see docs/CLUSTER.md), so the log never keeps a deleted row.
 */
final class Generations {
    private Generations() {}

    static String topic(String base, int generation) {
        return generation == 0 ? base : base + ".g" + generation;
    }

    /** The generation of {@code topic} in the log {@code base}, or -1 when it is not one of its topics. */
    static int generation(String base, String topic) {
        if (topic.equals(base)) {
            return 0;
        }
        Matcher m = Pattern.compile(Pattern.quote(base) + "\\.g([1-9][0-9]{0,8})").matcher(topic);
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** The newest generation of {@code base} among {@code topics}, or -1 when there is none. */
    static int newest(String base, Collection<String> topics) {
        int newest = -1;
        for (String topic : topics) {
            newest = Math.max(newest, generation(base, topic));
        }
        return newest;
    }

    /** Whether {@code topic}, a generation of {@code base}, is gone: not among {@code topics}, and a later one is. */
    static boolean gone(String base, String topic, Collection<String> topics) {
        return !topics.contains(topic) && newest(base, topics) > generation(base, topic);
    }
}
