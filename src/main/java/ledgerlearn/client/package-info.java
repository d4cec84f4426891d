/**
 * Calls a running server from the command line: a data set streamed in seeded random-size batches
 * (then its metrics, learning curve and an example prediction), one prediction, or one scores query.
 */
package ledgerlearn.client;
