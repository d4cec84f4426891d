/** The entry point and {@link ledgerlearn.Learner}, the one class that joins store, model and metrics. */
package ledgerlearn;
