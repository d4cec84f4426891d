package ledgerlearn.model;

import java.util.List;
import ledgerlearn.sample.Transaction;

/**
 * A multinomial naive Bayes over hashed features that learns one sample at a time. Not thread-safe:
 * the caller serialises writers and readers.
 */
public final class NaiveBayes {

    public NaiveBayes(ModelOptions options) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Learns one booked transaction. */
    public void learn(Transaction transaction, String account) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The {@code k} most likely accounts, best first; empty before anything was learnt. */
    public List<String> predict(Transaction transaction, int k) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The number of distinct accounts learnt. */
    public int classCount() {
        throw new UnsupportedOperationException("not yet");
    }

    /** The number of samples learnt. */
    public long sampleCount() {
        throw new UnsupportedOperationException("not yet");
    }
}
