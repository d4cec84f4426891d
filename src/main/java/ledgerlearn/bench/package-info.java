/**
 * The {@code bench} subcommand: the real data set in; servers, a streaming client and a load generator
 * in their own JVMs over loopback HTTP; one table of measured numbers against the targets out.
 */
package ledgerlearn.bench;
