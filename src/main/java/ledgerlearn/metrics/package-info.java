/** Scored (booked, predicted) account pairs in, precision/recall/accuracy over any recent window out, as scikit-learn computes them. */
package ledgerlearn.metrics;
