package ledgerlearn.http;

import java.util.List;
import ledgerlearn.learn.Learner;
import ledgerlearn.sample.Sample;
import ledgerlearn.telemetry.Histogram;

/**
 * What a server in a cluster adds to a single one: batches go through a shared log before this node
 * learns them, and the node says how far behind that log it is. A single server has none.
 */
public interface Replication {

    /**
     * Appends a validated batch to the log and returns once this node has applied it (read-your-writes),
     * with the answer a single server would give.
     *
     * @param idempotencyKey the client's key for the batch, or {@code null}
     * @throws HttpError 503 with {@code Retry-After} when the log cannot take the batch in time (nothing
     *     was acknowledged), or when the batch was appended but this node has not applied it in time
     */
    Learner.BatchResult append(List<Sample> batch, String idempotencyKey);

    /**
     * Deletes a company through the log: every node deletes its rows, and the log is rewritten without them (a new
     * generation of the topic, the old one deleted) before this returns.
     *
     * @throws HttpError 404 for a company with no rows, 503 with {@code Retry-After} when the log cannot take it
     */
    Learner.Deletion deleteCompany(String company);

    /** Where this node stands in the log, as {@code /health}, {@code /readyz} and {@code /metrics} report it. */
    Status status();

    /**
     * A node's place in the log.
     *
     * @param ready whether the node is within the allowed lag of the log's end and applying
     * @param topic the topic (generation) the node follows
     * @param appliedOffset the offset of the last record applied (-1: none)
     * @param logEnd the log's end offset as last seen (-1: not seen yet)
     * @param lag records between the last applied one and the log's end (-1: unknown)
     * @param logReachable whether the last call to the log succeeded
     * @param problem why the node is not ready, or {@code null}
     * @param applyDelays the time from each record's append to this node's applying it
     */
    record Status(boolean ready, String topic, long appliedOffset, long logEnd, long lag, boolean logReachable,
                  String problem, Histogram.Snapshot applyDelays) {
    }
}
