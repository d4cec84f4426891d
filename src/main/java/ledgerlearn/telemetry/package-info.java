/**
 * What the server says about itself: durations in, fixed-bucket histogram snapshots out (request and
 * fsync times), the build's {@link ledgerlearn.telemetry.Version}, and {@link ledgerlearn.telemetry.LogText},
 * which makes client text safe for a log line.
 */
package ledgerlearn.telemetry;
