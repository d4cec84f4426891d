package ledgerlearn.evaluate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ledgerlearn.metrics.Average;
import ledgerlearn.metrics.Scores;
import ledgerlearn.model.ModelOptions;
import ledgerlearn.sample.Sample;

/**
 * Runs the production learner and two majority baselines over a data set in file order, per-sample
 * prequentially (each sample is predicted by what learnt every earlier one, then learnt), as the
 * server would if the rows arrived one by one, and sums up how well each did.
 */
final class Evaluator {
    /** Where {@link Result#checkpoint()} is taken: the client's default row limit ... */
    static final int CHECKPOINT_ROWS = 15_000;
    /** ... and the window the client then asks {@code /metrics} for. */
    static final int CHECKPOINT_WINDOW = 1_000;
    private static final int TOP = 3;

    private Evaluator() {}

    /** Where the rows come from, in stream order, e.g. {@link ledgerlearn.dataset.DatasetReader#next}. */
    @FunctionalInterface
    interface Rows {
        /** The next row, or {@code null} at the end. */
        Sample next() throws IOException;
    }

    /** Evaluates at most {@code limit} of {@code rows}; {@code tailRows} sizes {@link Result#tailAccuracy()}. */
    static Evaluation run(Rows rows, String data, ModelOptions options, long limit, int tailRows)
            throws IOException {
        if (tailRows < 1) {
            throw new IllegalArgumentException("tailRows must be >= 1, got " + tailRows);
        }
        List<Contender> contenders = List.of(Contender.model(options), MajorityBaseline.perCompany(),
                MajorityBaseline.global());
        int count = contenders.size();
        long[] nanos = new long[count];
        long[] top3Hits = new long[count];
        Scores[] checkpoints = new Scores[count];
        Map<String, long[]> rowsByCompany = new LinkedHashMap<>();
        long read = 0;
        for (Sample sample; read < limit && (sample = rows.next()) != null; ) {
            read++;
            rowsByCompany.computeIfAbsent(sample.companyId(), c -> new long[1])[0]++;
            for (int i = 0; i < count; i++) {
                Contender contender = contenders.get(i);
                long start = System.nanoTime();
                List<String> top = contender.predictThenLearn(sample, TOP);
                String predicted = top.isEmpty() ? "" : top.get(0);
                contender.score(sample, predicted);
                nanos[i] += System.nanoTime() - start;
                if (top.contains(sample.accountNumber())) {
                    top3Hits[i]++;
                }
                if (read == CHECKPOINT_ROWS) {
                    checkpoints[i] = contender.window.scores(CHECKPOINT_WINDOW, Average.MACRO);
                }
            }
        }
        String largest = null;
        long largestRows = 0;
        for (Map.Entry<String, long[]> entry : rowsByCompany.entrySet()) {
            if (entry.getValue()[0] > largestRows) {
                largest = entry.getKey();
                largestRows = entry.getValue()[0];
            }
        }
        List<Result> results = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            results.add(result(contenders.get(i), rowsByCompany.keySet(), largest, top3Hits[i], checkpoints[i],
                    nanos[i] / 1e9, read, tailRows));
        }
        return new Evaluation(data, read, rowsByCompany.size(), largest, largestRows, tailRows, CHECKPOINT_ROWS,
                options, results);
    }

    private static Result result(Contender contender, Iterable<String> companies, String largest, long top3Hits,
                                 Scores checkpoint, double seconds, long rows, int tailRows) {
        Scores all = contender.window.scores(Integer.MAX_VALUE, Average.MACRO);
        int scored = all.n();
        long correct = correct(all);
        double companySum = 0;
        int companiesScored = 0;
        long largestCorrect = 0;
        int largestScored = 0;
        for (String company : companies) {
            Scores scores = contender.window.scores(Integer.MAX_VALUE, Average.MICRO, company);
            if (scores.n() > 0) {
                companySum += scores.accuracy();
                companiesScored++;
            }
            if (company.equals(largest)) {
                largestCorrect = correct(scores);
                largestScored = scores.n();
            }
        }
        Scores tail = contender.window.scores(tailRows, Average.MICRO);
        return new Result(contender.name, all.accuracy(), ratio(top3Hits, scored), all.precision(), all.recall(),
                ratio(correct - largestCorrect, scored - largestScored),
                companiesScored == 0 ? null : companySum / companiesScored, tail.accuracy(), checkpoint, seconds,
                rows);
    }

    private static long correct(Scores scores) {
        return scores.n() == 0 ? 0 : Math.round(scores.accuracy() * scores.n());
    }

    private static Double ratio(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }
}
