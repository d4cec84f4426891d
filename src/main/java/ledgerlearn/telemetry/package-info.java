/**
 * What the server says about itself: durations in, fixed-bucket histogram snapshots out (request and
 * fsync times), and the build's {@link ledgerlearn.telemetry.Version}.
 */
package ledgerlearn.telemetry;
