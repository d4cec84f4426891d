/** Request JSON in, validated {@link ledgerlearn.sample.Sample}s and {@link ledgerlearn.sample.Transaction}s out: input is checked here once, and trusted downstream. */
package ledgerlearn.sample;
