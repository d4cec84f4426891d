/** Command-line arguments and {@code LEDGERLEARN_*} environment variables in, one validated options record per subcommand out. */
package ledgerlearn.cli;
