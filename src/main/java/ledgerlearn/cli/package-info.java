/**
 * Command-line arguments and {@code LEDGERLEARN_*} environment variables in, one validated settings record
 * per subcommand out: the HTTP server's {@link ledgerlearn.http.ServerConfig} and the client's settings
 * (which never see a flag), and a record here for each other command. Each record's flags live beside it.
 */
package ledgerlearn.cli;
