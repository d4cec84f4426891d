package ledgerlearn.evaluate;

import java.util.List;
import ledgerlearn.model.ModelOptions;

/**
 * What {@code evaluate} found over one data set.
 *
 * @param data the data set's name
 * @param rows the rows read (every one of them learnt)
 * @param from the first row counted (the first row is row 0)
 * @param counted the rows counted: from {@code from} on
 * @param companies the distinct companies with a row scored among the rows counted: those the per-company mean covers
 * @param largestCompany the company with the most rows, left out of {@link Result#accuracyWithoutLargest()}
 * @param largestCompanyRows its rows
 * @param tailRows the number of last rows {@link Result#tailAccuracy()} covers
 * @param checkpointRows after how many rows {@link Result#checkpoint()} was taken
 * @param options the model's settings
 * @param autoBookPrecision the precision the auto-book decision keeps (0: off)
 * @param results the model first, then the baselines
 */
record Evaluation(String data, long rows, long from, long counted, int companies, String largestCompany,
                  long largestCompanyRows, int tailRows, int checkpointRows, ModelOptions options,
                  double autoBookPrecision, List<Result> results) {

    Evaluation {
        results = List.copyOf(results);
    }
}
