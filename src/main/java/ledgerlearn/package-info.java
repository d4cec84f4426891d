/** The entry point, {@link ledgerlearn.Main}: a command line in, the subcommand run, an exit code out. */
package ledgerlearn;
