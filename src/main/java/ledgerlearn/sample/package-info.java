/**
 * Request JSON in, validated {@link ledgerlearn.sample.Sample}s and {@link ledgerlearn.sample.Transaction}s out: input
 * is checked here once, and trusted downstream; a {@link ledgerlearn.sample.StoredSample} is a sample with the
 * prediction made for it before it was learnt.
 */
package ledgerlearn.sample;
