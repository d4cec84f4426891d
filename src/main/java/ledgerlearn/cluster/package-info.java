/** Cluster mode: batches in through one Kafka log, every node applying it in order to its own learner; the log's offsets out to the node's data dir. The only package that uses Kafka. */
package ledgerlearn.cluster;
