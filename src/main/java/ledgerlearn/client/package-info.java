/** A data set in, a stream of seeded random-size batches to a running server out, then its metrics and an example prediction. */
package ledgerlearn.client;
