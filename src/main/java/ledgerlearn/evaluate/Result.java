package ledgerlearn.evaluate;

import java.util.Objects;
import ledgerlearn.metrics.AutoBooked;
import ledgerlearn.metrics.Scores;

/**
 * One learner's figures over a data set, each over the samples that had a prediction (every one but
 * the very first); a figure is {@code null} when no sample counts towards it.
 *
 * @param name {@code model}, {@code company majority} or {@code global majority}
 * @param accuracy the fraction whose prediction was the booked account
 * @param top3Accuracy the fraction whose booked account was among the three best
 * @param macroPrecision scikit-learn's macro precision over the whole stream
 * @param macroRecall scikit-learn's macro recall over the whole stream
 * @param accuracyWithoutLargest the accuracy over every company but the one with the most rows
 * @param meanCompanyAccuracy the mean of the companies' accuracies
 * @param tailAccuracy the accuracy over the last {@link Evaluation#tailRows()} samples
 * @param checkpoint what {@code /metrics/1000} answered after {@link Evaluation#checkpointRows()} rows
 *     ({@code null} for a shorter stream)
 * @param seconds the time spent predicting, learning and scoring, without reading the data
 * @param rows the rows predicted and learnt (counted or not)
 * @param calibrationError the expected calibration error (ten bins) of the first suggestion's probability;
 *     {@code null} for a learner without probabilities
 * @param calibrationErrorBelowFirst the same for the second and third suggestions
 * @param autoBook how the first suggestions to be booked unseen did; {@code null} without probabilities
 * @param reliability the first suggestion's reliability table; {@code null} without probabilities
 */
record Result(String name, Double accuracy, Double top3Accuracy, Double macroPrecision, Double macroRecall,
                     Double accuracyWithoutLargest, Double meanCompanyAccuracy, Double tailAccuracy,
                     Scores checkpoint, double seconds, long rows, Double calibrationError,
                     Double calibrationErrorBelowFirst, AutoBooked autoBook, Reliability reliability) {

    Result {
        Objects.requireNonNull(name, "name");
    }

    /** Rows per second through predict, learn and score. */
    double rowsPerSecond() {
        return seconds > 0 ? rows / seconds : 0;
    }
}
