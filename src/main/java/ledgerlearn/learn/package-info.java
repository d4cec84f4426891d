/**
 * Validated batches in, learnt and durably stored; predictions and scores out. {@link ledgerlearn.learn.Learner}
 * is the one class that joins store, model and metrics; {@link ledgerlearn.learn.Prequential} is the
 * per-sample predict-then-learn step that the server and the evaluator share.
 */
package ledgerlearn.learn;
