package ledgerlearn.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import ledgerlearn.snapshot.StateInput;
import ledgerlearn.snapshot.StateOutput;

/**
 * Every scored (booked, predicted) pair in stream order, with whether its prediction was to be booked
 * unseen, kept compactly; thread-safe.
 */
public final class ScoreWindow {
    // The largest array length common JVMs allow.
    private static final int MAX_PAIRS = Integer.MAX_VALUE - 8;

    private final Map<String, Integer> labelIds = new HashMap<>();
    private final Map<String, Integer> companyIds = new HashMap<>();
    private LabelColumn booked = new LabelColumn(1024);
    private LabelColumn predicted = new LabelColumn(1024);
    /** Bit i: whether the prediction of pair i was to be booked unseen. */
    private BitSet autoBooked = new BitSet();
    private int size;
    private int[][] positionsByCompany = new int[8][];
    private int[] countByCompany = new int[8];

    // Scratch counters indexed by label id, all zero between calls; a call lists the labels it
    // counts in labelsInWindow[0..labelsSeen).
    private int[] truePositives = new int[0];
    private int[] predictedCount = new int[0];
    private int[] trueCount = new int[0];
    private int[] labelsInWindow = new int[0];
    private int labelsSeen;
    /** By label id: its name; and its rank among the names in Unicode code point order, for the first {@link #ranked}. */
    private final List<String> labelNames = new ArrayList<>();
    private int[] rankById = new int[0];
    private int ranked;
    // Scratch for a window's labels in rank order, and their per-label values in that order.
    private long[] byRank = new long[0];
    private double[] precisions = new double[0];
    private double[] recalls = new double[0];
    private double[] weightedPrecisions = new double[0];
    private double[] weightedRecalls = new double[0];

    /** Records one scored sample of an unnamed company ({@code ""}). */
    public void add(String booked, String predicted) {
        add("", booked, predicted);
    }

    /** Records one scored sample of {@code company} that was not to be booked unseen. */
    public void add(String company, String booked, String predicted) {
        add(company, booked, predicted, false);
    }

    /** Records one scored sample of {@code company}, and whether its prediction was to be booked unseen. */
    public synchronized void add(String company, String booked, String predicted, boolean autoBook) {
        Objects.requireNonNull(company, "company");
        Objects.requireNonNull(booked, "booked");
        Objects.requireNonNull(predicted, "predicted");
        if (size == MAX_PAIRS) {
            throw new IllegalStateException("score window: cannot hold more than " + MAX_PAIRS + " pairs");
        }
        this.booked.add(label(booked));
        this.predicted.add(label(predicted));
        if (autoBook) {
            this.autoBooked.set(size);
        }
        appendPosition(intern(companyIds, company), size);
        size++;
    }

    /**
     * The scores over the last {@code n} scored samples (all of them when fewer exist).
     *
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public Scores scores(int n, Average average) {
        return scores(n, average, null);
    }

    /**
     * The scores over the last {@code n} scored samples of {@code company} (of every company when
     * {@code null}); all of them when fewer exist, and the empty answer for a company never seen.
     *
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public synchronized Scores scores(int n, Average average, String company) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        Objects.requireNonNull(average, "average");
        if (company == null) {
            return score(null, size - Math.min(n, size), size, average);
        }
        Integer id = companyIds.get(company);
        if (id == null) {
            return Scores.empty(average);
        }
        int count = countByCompany[id];
        return score(positionsByCompany[id], count - Math.min(n, count), count, average);
    }

    /**
     * The scores over consecutive windows of {@code windowSize} samples from the start of the
     * stream, oldest first; the last window holds the remainder and is left out when that is none.
     *
     * @throws IllegalArgumentException if {@code windowSize < 1}
     */
    public synchronized List<Scores> curve(int windowSize, Average average) {
        return curve(null, size, windowSize, average);
    }

    /**
     * The scores over the last {@code n} scored samples of the companies in {@code companies} taken together,
     * in stream order; all of them when fewer exist, the empty answer when none was seen.
     *
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public synchronized Scores scoresOf(int n, Average average, Set<String> companies) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        Objects.requireNonNull(average, "average");
        int[] positions = positions(companies);
        return score(positions, positions.length - Math.min(n, positions.length), positions.length, average);
    }

    /** As {@link #curve(int, Average)}, over the scored samples of the companies in {@code companies} only. */
    public synchronized List<Scores> curveOf(int windowSize, Average average, Set<String> companies) {
        int[] positions = positions(companies);
        return curve(positions, positions.length, windowSize, average);
    }

    /** The number of scored samples of the companies in {@code companies}. */
    public synchronized long sizeOf(Set<String> companies) {
        long count = 0;
        for (String company : companies) {
            Integer id = companyIds.get(company);
            count += id == null ? 0 : countByCompany[id];
        }
        return count;
    }

    /** The positions of the pairs of {@code companies}, in stream order. */
    private int[] positions(Set<String> companies) {
        int[] positions = new int[(int) sizeOf(companies)];
        int count = 0;
        for (String company : companies) {
            Integer id = companyIds.get(company);
            if (id != null) {
                System.arraycopy(positionsByCompany[id], 0, positions, count, countByCompany[id]);
                count += countByCompany[id];
            }
        }
        Arrays.sort(positions);
        return positions;
    }

    /** The curve over the pairs at {@code index[0..size)}, or at {@code 0..size} when {@code index} is null. */
    private List<Scores> curve(int[] index, int size, int windowSize, Average average) {
        checkWindow(windowSize, average);
        List<Scores> curve = new ArrayList<>(size / windowSize + 1);
        for (int from = 0; from < size; from += windowSize) {
            int to = (int) Math.min(size, (long) from + windowSize);
            curve.add(score(index, from, to, average));
            if (to == size) {
                break;
            }
        }
        return Collections.unmodifiableList(curve);
    }

    /**
     * The scores over consecutive windows of {@code windowSize} of {@code company}'s own scored samples,
     * oldest first, as {@link #curve(int, Average)} scores the whole stream; empty for a company never seen.
     *
     * @throws IllegalArgumentException if {@code windowSize < 1}
     */
    public synchronized List<Scores> curve(int windowSize, Average average, String company) {
        checkWindow(windowSize, average);
        Integer id = companyIds.get(Objects.requireNonNull(company, "company"));
        if (id == null) {
            return List.of();
        }
        int count = countByCompany[id];
        List<Scores> curve = new ArrayList<>(count / windowSize + 1);
        for (int from = 0; from < count; from += windowSize) {
            curve.add(score(positionsByCompany[id], from, (int) Math.min(count, (long) from + windowSize), average));
        }
        return Collections.unmodifiableList(curve);
    }

    /**
     * The same windows as {@link #curve(int, Average)}, each scored without {@code company}'s samples:
     * a window's {@code n} counts the others, and a window of that company's samples alone is empty.
     * It separates a company that dominates the stream from the rest.
     *
     * @throws IllegalArgumentException if {@code windowSize < 1}
     */
    public synchronized List<Scores> curveWithout(int windowSize, Average average, String company) {
        checkWindow(windowSize, average);
        int[] excluded = excludedPositions(company);
        List<Scores> curve = new ArrayList<>(size / windowSize + 1);
        int[] others = new int[Math.min(windowSize, size)];
        int next = 0;
        for (int from = 0; from < size; from += windowSize) {
            int to = (int) Math.min(size, (long) from + windowSize);
            int n = 0;
            for (int position = from; position < to; position++) {
                while (next < excluded.length && excluded[next] < position) {
                    next++;
                }
                if (next == excluded.length || excluded[next] != position) {
                    others[n++] = position;
                }
            }
            curve.add(score(others, 0, n, average));
        }
        return Collections.unmodifiableList(curve);
    }

    /** The scores over every scored sample but {@code company}'s. */
    public synchronized Scores scoresWithout(Average average, String company) {
        Objects.requireNonNull(average, "average");
        int[] excluded = excludedPositions(company);
        int[] others = new int[size - excluded.length];
        int n = 0;
        int next = 0;
        for (int position = 0; position < size; position++) {
            if (next < excluded.length && excluded[next] == position) {
                next++;
            } else {
                others[n++] = position;
            }
        }
        return score(others, 0, n, average);
    }

    /** The stream positions of {@code company}'s scored samples, ascending; none for a company never seen. */
    private int[] excludedPositions(String company) {
        Integer id = companyIds.get(Objects.requireNonNull(company, "company"));
        return id == null ? new int[0] : Arrays.copyOf(positionsByCompany[id], countByCompany[id]);
    }

    private static void checkWindow(int windowSize, Average average) {
        if (windowSize < 1) {
            throw new IllegalArgumentException("windowSize must be >= 1, got " + windowSize);
        }
        Objects.requireNonNull(average, "average");
    }

    /** The number of scored samples recorded. */
    public synchronized long size() {
        return size;
    }

    /**
     * Scores the pairs at positions {@code index[from..to)}, or at {@code from..to} themselves when
     * {@code index} is null, in O(pairs + labels).
     */
    private Scores score(int[] index, int from, int to, Average average) {
        if (from == to) {
            return Scores.empty(average);
        }
        int correct = tally(index, from, to);
        AutoBooked autoBook = autoBooked(index, from, to);
        // scikit-learn averages per-label values in the order of the sorted labels: so are they summed here
        sortByName();
        Sums sums = sumAndReset();
        int count = to - from;
        double accuracy = (double) correct / count;
        double baseline = (double) sums.majority() / count;
        return switch (average) {
            case MACRO -> new Scores(sums.precision() / labelsSeen, sums.recall() / labelsSeen, accuracy, count,
                    average, baseline, autoBook);
            // Every pair adds one to the predicted and to the true total, so both equal count.
            case MICRO -> new Scores(accuracy, accuracy, accuracy, count, average, baseline, autoBook);
            case WEIGHTED -> new Scores(sums.weightedPrecision() / count, sums.weightedRecall() / count, accuracy,
                    count, average, baseline, autoBook);
        };
    }

    private AutoBooked autoBooked(int[] index, int from, int to) {
        int auto = 0;
        int right = 0;
        for (int i = from; i < to; i++) {
            int position = index == null ? i : index[i];
            if (autoBooked.get(position)) {
                auto++;
                if (booked.get(position) == predicted.get(position)) {
                    right++;
                }
            }
        }
        return AutoBooked.of(auto, right, to - from);
    }

    /**
     * Counts the pairs into the scratch counters and lists each label they hold once in
     * {@code labelsInWindow[0..labelsSeen)}; returns how many pairs were predicted right.
     */
    private int tally(int[] index, int from, int to) {
        labelsSeen = 0;
        int correct = 0;
        for (int i = from; i < to; i++) {
            int position = index == null ? i : index[i];
            int t = booked.get(position);
            int p = predicted.get(position);
            if (trueCount[t] == 0 && predictedCount[t] == 0) {
                labelsInWindow[labelsSeen++] = t;
            }
            trueCount[t]++;
            if (trueCount[p] == 0 && predictedCount[p] == 0) {
                labelsInWindow[labelsSeen++] = p;
            }
            predictedCount[p]++;
            if (t == p) {
                truePositives[t]++;
                correct++;
            }
        }
        return correct;
    }

    /** Per-label precision and recall, summed plain and weighted by support, and the largest support. */
    private record Sums(double precision, double recall, double weightedPrecision, double weightedRecall,
                        int majority) {
    }

    /** Sums the labels seen, in order, as numpy does ({@link NumpySum}), and sets their scratch counters back to zero. */
    private Sums sumAndReset() {
        if (precisions.length < labelsSeen) {
            int length = Math.max(labelsSeen, grownLength(precisions.length));
            precisions = new double[length];
            recalls = new double[length];
            weightedPrecisions = new double[length];
            weightedRecalls = new double[length];
        }
        int majority = 0;
        for (int j = 0; j < labelsSeen; j++) {
            int id = labelsInWindow[j];
            int tp = truePositives[id];
            int support = trueCount[id];
            // zero_division=0: a label never predicted has precision 0, one never booked recall 0.
            double precision = predictedCount[id] == 0 ? 0.0 : (double) tp / predictedCount[id];
            double recall = support == 0 ? 0.0 : (double) tp / support;
            precisions[j] = precision;
            recalls[j] = recall;
            // As numpy.average: the sum of value * weight, divided by the sum of weights afterwards.
            weightedPrecisions[j] = precision * support;
            weightedRecalls[j] = recall * support;
            majority = Math.max(majority, support);
            truePositives[id] = 0;
            predictedCount[id] = 0;
            trueCount[id] = 0;
        }
        return new Sums(NumpySum.of(precisions, labelsSeen), NumpySum.of(recalls, labelsSeen),
                NumpySum.of(weightedPrecisions, labelsSeen), NumpySum.of(weightedRecalls, labelsSeen), majority);
    }

    /** Orders {@code labelsInWindow[0..labelsSeen)} by label name, as Python sorts strings: by code point. */
    private void sortByName() {
        if (ranked != labelNames.size()) {
            Integer[] ids = new Integer[labelNames.size()];
            for (int id = 0; id < ids.length; id++) {
                ids[id] = id;
            }
            Arrays.sort(ids, (a, b) -> compareCodePoints(labelNames.get(a), labelNames.get(b)));
            rankById = new int[ids.length];
            for (int rank = 0; rank < ids.length; rank++) {
                rankById[ids[rank]] = rank;
            }
            ranked = ids.length;
        }
        if (byRank.length < labelsSeen) {
            byRank = new long[Math.max(labelsSeen, grownLength(byRank.length))];
        }
        for (int j = 0; j < labelsSeen; j++) {
            byRank[j] = (long) rankById[labelsInWindow[j]] << 32 | labelsInWindow[j];
        }
        Arrays.sort(byRank, 0, labelsSeen);
        for (int j = 0; j < labelsSeen; j++) {
            labelsInWindow[j] = (int) byRank[j];
        }
    }

    /** Compares strings by Unicode code point, as Python does; {@link String#compareTo} compares UTF-16 units. */
    static int compareCodePoints(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                return Character.isSurrogate(x) || Character.isSurrogate(y)
                        ? Integer.compare(a.codePointAt(i), b.codePointAt(i)) : Character.compare(x, y);
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    /** Writes every pair, so that {@link #read} gives back an equal window. */
    public synchronized void write(StateOutput out) {
        writeNames(out, labelIds);
        writeNames(out, companyIds);
        out.writeInts(booked::get, size).writeInts(predicted::get, size).writeBits(autoBooked, size);
        for (int company = 0; company < companyIds.size(); company++) {
            out.writeInts(positionsByCompany[company], countByCompany[company]);
        }
    }

    /**
     * The window {@link #write} wrote.
     *
     * @throws StateInput.CorruptStateException when the bytes do not hold one
     */
    public static ScoreWindow read(StateInput in) {
        ScoreWindow window = new ScoreWindow();
        for (String label : readNames(in)) {
            window.label(label);
        }
        List<String> companies = readNames(in);
        int[] booked = in.readInts(0);
        window.size = in.lastLength();
        int[] predicted = in.readInts(0);
        int predictedLength = in.lastLength();
        BitSet marks = in.readBits();
        if (in.lastLength() != window.size || predictedLength != window.size) {
            throw new StateInput.CorruptStateException("score window: inconsistent lengths");
        }
        int labels = window.labelIds.size();
        try {
            window.booked = LabelColumn.of(booked, window.size, labels);
            window.predicted = LabelColumn.of(predicted, window.size, labels);
        } catch (IllegalArgumentException e) {
            throw new StateInput.CorruptStateException("score window: " + e.getMessage());
        }
        window.autoBooked = marks;
        window.countByCompany = new int[Math.max(8, companies.size())];
        window.positionsByCompany = new int[window.countByCompany.length][];
        for (int company = 0; company < companies.size(); company++) {
            intern(window.companyIds, companies.get(company));
            window.positionsByCompany[company] = in.readInts(16);
            window.countByCompany[company] = in.lastLength();
        }
        return window;
    }

    private static void writeNames(StateOutput out, Map<String, Integer> ids) {
        String[] names = new String[ids.size()];
        ids.forEach((name, id) -> names[id] = name);
        out.writeInt(names.length);
        for (String name : names) {
            out.writeString(name);
        }
    }

    private static List<String> readNames(StateInput in) {
        int n = in.readInt();
        if (n < 0) {
            throw new StateInput.CorruptStateException("score window: " + n + " names");
        }
        List<String> names = new ArrayList<>(Math.min(n, 1 << 16));
        for (int i = 0; i < n; i++) {
            names.add(in.readString());
        }
        return names;
    }

    private void appendPosition(int companyId, int position) {
        if (companyId == countByCompany.length) {
            countByCompany = Arrays.copyOf(countByCompany, companyId * 2);
            positionsByCompany = Arrays.copyOf(positionsByCompany, companyId * 2);
        }
        int[] positions = positionsByCompany[companyId];
        if (positions == null) {
            positions = new int[16];
        } else if (countByCompany[companyId] == positions.length) {
            positions = grow(positions);
        }
        positionsByCompany[companyId] = positions;
        positions[countByCompany[companyId]++] = position;
    }

    /** The id of label {@code name}, a new one the first time, with room for it in the scratch counters. */
    private int label(String name) {
        int id = intern(labelIds, name);
        if (id == labelNames.size()) {
            labelNames.add(name);
        }
        if (id == trueCount.length) {
            truePositives = grow(truePositives);
            predictedCount = grow(predictedCount);
            trueCount = grow(trueCount);
            labelsInWindow = grow(labelsInWindow);
        }
        return id;
    }

    private static int intern(Map<String, Integer> ids, String name) {
        Integer id = ids.get(name);
        if (id == null) {
            id = ids.size();
            ids.put(name, id);
        }
        return id;
    }

    private static int[] grow(int[] array) {
        return Arrays.copyOf(array, grownLength(array.length));
    }

    /** Half as long again, and 16 more so that short arrays grow too; never past {@link #MAX_PAIRS}. */
    static int grownLength(int length) {
        return (int) Math.min(MAX_PAIRS, (long) length + (length >> 1) + 16);
    }
}
