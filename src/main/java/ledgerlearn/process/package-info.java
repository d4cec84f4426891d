/**
 * Throwaway runs: ledgerlearn commands in JVMs of their own ({@link ledgerlearn.process.ServerProcess}, the one
 * server launcher of the bench and the tests), their output watched line by line, stopped or killed; and the
 * temporary directories such runs work in.
 */
package ledgerlearn.process;
