package ledgerlearn.evaluate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ledgerlearn.metrics.Average;
import ledgerlearn.metrics.Scores;
import ledgerlearn.model.ModelOptions;
import ledgerlearn.sample.Sample;

/**
 * Runs the production learner and two majority baselines over a data set in file order, per-sample
 * prequentially (each sample is predicted by what learnt every earlier one, then learnt), as the
 * server would if the rows arrived one by one, and sums up how well each did over the rows from a given
 * one on (every row is learnt; only those are counted), so that figures can be reported on rows no
 * setting was chosen on.
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

    /** What {@link #run} is asked for. */
    record Settings(String data, ModelOptions options, double autoBookPrecision, long limit, int tailRows,
                    long from) {
        Settings {
            if (tailRows < 1) {
                throw new IllegalArgumentException("tailRows must be >= 1, got " + tailRows);
            }
            if (from < 0) {
                throw new IllegalArgumentException("from must be >= 0, got " + from);
            }
        }
    }

    /**
     * Evaluates at most {@code limit} of {@code rows}, counting the rows from row {@code from} on (the first
     * row is row 0); {@code tailRows} sizes {@link Result#tailAccuracy()}.
     */
    static Evaluation run(Rows rows, Settings settings) throws IOException {
        List<Contender> contenders = List.of(Contender.model(settings.options(), settings.autoBookPrecision()),
                MajorityBaseline.perCompany(), MajorityBaseline.global());
        int count = contenders.size();
        long[] nanos = new long[count];
        long[] top3Hits = new long[count];
        Scores[] checkpoints = new Scores[count];
        Reliability first = new Reliability();
        Reliability below = new Reliability();
        Map<String, long[]> rowsByCompany = new LinkedHashMap<>();
        // the companies the per-company mean covers: one whose counted rows all went unscored (the stream's first
        // row: nothing learnt yet) is in none
        Set<String> scoredCompanies = new HashSet<>();
        long read = 0;
        for (Sample sample; read < settings.limit() && (sample = rows.next()) != null; ) {
            boolean counted = read >= settings.from();
            read++;
            if (counted) {
                rowsByCompany.computeIfAbsent(sample.companyId(), c -> new long[1])[0]++;
            }
            for (int i = 0; i < count; i++) {
                Contender contender = contenders.get(i);
                long start = System.nanoTime();
                Contender.Guess guess = contender.predictThenLearn(sample, TOP);
                if (counted) {
                    contender.score(sample, guess);
                    if (i == 0 && !guess.accounts().isEmpty()) {
                        scoredCompanies.add(sample.companyId());
                    }
                }
                nanos[i] += System.nanoTime() - start;
                if (!counted) {
                    continue;
                }
                if (guess.accounts().contains(sample.accountNumber())) {
                    top3Hits[i]++;
                }
                if (guess.probabilities() != null) {
                    for (int s = 0; s < guess.accounts().size(); s++) {
                        boolean right = guess.accounts().get(s).equals(sample.accountNumber());
                        (s == 0 ? first : below).add(guess.probabilities().get(s), right);
                    }
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
            boolean model = i == 0;
            results.add(result(contenders.get(i), rowsByCompany.keySet(), largest, top3Hits[i], checkpoints[i],
                    nanos[i] / 1e9, read, settings.tailRows(), model ? first : null, model ? below : null));
        }
        long counted = Math.max(0, read - settings.from());
        // a data set shorter than the tail: the tail's accuracy is over every row counted
        int tailRows = (int) Math.min(settings.tailRows(), counted);
        return new Evaluation(settings.data(), read, settings.from(), counted, scoredCompanies.size(), largest,
                largestRows, tailRows, CHECKPOINT_ROWS, settings.options(), settings.autoBookPrecision(),
                results);
    }

    private static Result result(Contender contender, Iterable<String> companies, String largest, long top3Hits,
                                 Scores checkpoint, double seconds, long rows, int tailRows, Reliability first,
                                 Reliability below) {
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
                rows, first == null ? null : first.calibrationError(), below == null ? null : below.calibrationError(),
                first == null ? null : all.autoBook(), first);
    }

    private static long correct(Scores scores) {
        return scores.n() == 0 ? 0 : Math.round(scores.accuracy() * scores.n());
    }

    private static Double ratio(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }
}
