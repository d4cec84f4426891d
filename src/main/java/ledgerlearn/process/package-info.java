/** Throwaway runs: ledgerlearn commands in JVMs of their own, and the temporary directories they work in. */
package ledgerlearn.process;
