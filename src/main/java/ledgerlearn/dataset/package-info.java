/** Data set files (CSV, or a zip holding one) in, samples out; and the seeded generator of the synthetic data set the project ships. */
package ledgerlearn.dataset;
