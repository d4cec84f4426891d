/** Validated samples and their predictions in, a durable append-only CSV out; replayed on start as the source of truth. */
package ledgerlearn.store;
