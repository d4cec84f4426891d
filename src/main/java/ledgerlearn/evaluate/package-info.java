/** A data set in, figures out: the production learner and two baselines run per-sample prequentially over it, no HTTP. */
package ledgerlearn.evaluate;
