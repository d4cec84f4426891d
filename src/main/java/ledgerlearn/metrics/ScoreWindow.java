package ledgerlearn.metrics;

/** Every scored (booked, predicted) pair in stream order, kept compactly; thread-safe. */
public final class ScoreWindow {

    /** Records one scored sample. */
    public void add(String booked, String predicted) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The scores over the last {@code n} scored samples (all of them when fewer exist). */
    public Scores scores(int n, Average average) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The number of scored samples recorded. */
    public long size() {
        throw new UnsupportedOperationException("not yet");
    }
}
