package ledgerlearn.evaluate;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Counts accounts and keeps the most counted few in order; an account that reaches a count first stays ahead. */
final class Tally {
    private final Map<String, int[]> counts = new HashMap<>();
    private final String[] top;
    private final int[] topCounts;
    private int size;

    Tally(int keep) {
        top = new String[keep];
        topCounts = new int[keep];
    }

    void add(String account) {
        int count = ++counts.computeIfAbsent(account, a -> new int[1])[0];
        int at = indexOf(account);
        if (at < 0) {
            if (size < top.length) {
                at = size++;
            } else if (count > topCounts[size - 1]) {
                // Counts grow by one, so every account outside the top has at most the last one's count.
                at = size - 1;
            } else {
                return;
            }
            top[at] = account;
        }
        topCounts[at] = count;
        for (; at > 0 && topCounts[at] > topCounts[at - 1]; at--) {
            String account1 = top[at - 1];
            top[at - 1] = top[at];
            top[at] = account1;
            int count1 = topCounts[at - 1];
            topCounts[at - 1] = topCounts[at];
            topCounts[at] = count1;
        }
    }

    /** The most counted accounts, most first, at most {@code k} of them. */
    List<String> top(int k) {
        return Arrays.asList(Arrays.copyOf(top, Math.min(k, size)));
    }

    private int indexOf(String account) {
        for (int i = 0; i < size; i++) {
            if (top[i].equals(account)) {
                return i;
            }
        }
        return -1;
    }
}
