/** A learner's whole state in and out of bytes, and the snapshot files in the data dir that hold it, each with its store position and checksum. */
package ledgerlearn.snapshot;
