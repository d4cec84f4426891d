/**
 * The {@code server} command's wiring: its options in, a learner replayed from the store behind the HTTP
 * API out, stopped gracefully on SIGTERM; and the one-line log format every command writes.
 */
package ledgerlearn.server;
