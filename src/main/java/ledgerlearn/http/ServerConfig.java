package ledgerlearn.http;

import java.nio.file.Path;
import java.util.Objects;
import ledgerlearn.secret.Secret;

/**
 * How the HTTP server listens, how much it takes on, and whom it serves; the command line builds it
 * (flag, environment, default) and has already checked every range.
 *
 * @param port 0 picks any free port
 * @param threads workers: requests worked on at once, once their bodies are in
 * @param maxBodyBytes the largest POST /sample body accepted
 * @param accessLog whether each request gets a line on the {@code ledgerlearn.access} logger
 * @param queue requests that may wait for a worker; more are answered 503 at once
 * @param requestTimeoutSeconds the longest a client may take to send a whole request (headers and body)
 * @param idleTimeoutSeconds how long a keep-alive connection may stay idle before it is closed
 * @param connections requests in progress at once, each on a thread of its own while it is read (slow
 *     clients wait here, not on a worker); more are answered 503 at once
 * @param bodyMemory the bytes request bodies may hold at once while read, parsed and learnt; 0 for a
 *     quarter of the heap
 */
public record ServerConfig(String host, int port, int threads, long maxBodyBytes, boolean accessLog, int queue,
                           int requestTimeoutSeconds, int idleTimeoutSeconds, int connections, long bodyMemory,
                           Access access) {
    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(access, "access");
    }

    /** The memory for request bodies in flight: {@link #bodyMemory}, or a quarter of the heap when that is 0. */
    public long bodyMemoryBytes() {
        return bodyMemory > 0 ? bodyMemory : Runtime.getRuntime().maxMemory() / 4;
    }

    /**
     * Who may call the server, and over what: API tokens and TLS. The files are read when the server
     * starts ({@link Security#load}), so their errors are reported there.
     *
     * @param authFile lines {@code TOKEN ROLE[,ROLE]}; {@code null} serves without tokens
     * @param tlsKeystore a PKCS12 keystore with the server's key and certificate; {@code null} serves plain HTTP
     * @param tlsPasswordFile a file holding the keystore's password; wins over {@code tlsPassword}
     * @param tlsPassword the keystore's password from the environment, else {@code null}
     */
    public record Access(Path authFile, Path tlsKeystore, Path tlsPasswordFile, Secret tlsPassword) {
    }
}
