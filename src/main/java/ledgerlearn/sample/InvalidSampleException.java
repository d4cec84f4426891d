package ledgerlearn.sample;

/** A request body that is not a valid batch or query; the message names the sample index and field. */
public final class InvalidSampleException extends RuntimeException {
    public InvalidSampleException(String message) {
        super(message);
    }
}
