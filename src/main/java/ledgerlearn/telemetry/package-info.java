/** Durations in, fixed-bucket histogram snapshots out: how the server and its store report their own timings. */
package ledgerlearn.telemetry;
