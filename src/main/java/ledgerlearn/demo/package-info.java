/** The {@code demo} command: a server and the streaming client in one JVM, on a throwaway data dir, fed the embedded data set. */
package ledgerlearn.demo;
