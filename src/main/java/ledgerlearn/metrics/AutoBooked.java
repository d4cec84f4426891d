package ledgerlearn.metrics;

/**
 * How the auto-book decision did over a window of scored samples, as it was decided when each was
 * predicted.
 *
 * @param coverage the share of the window's samples whose first suggestion was to be booked unseen
 *     ({@code null} for an empty window)
 * @param precision the share of those that were right ({@code null} when none was)
 * @param booked how many were to be booked unseen
 */
public record AutoBooked(Double coverage, Double precision, int booked) {

    /** Counts {@code booked} auto-booked samples, {@code right} of them right, in a window of {@code n}. */
    public static AutoBooked of(int booked, int right, int n) {
        return new AutoBooked(n == 0 ? null : (double) booked / n, booked == 0 ? null : (double) right / booked, booked);
    }
}
