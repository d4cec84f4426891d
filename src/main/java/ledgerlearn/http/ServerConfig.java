package ledgerlearn.http;

import java.nio.file.Path;
import java.util.Objects;
import ledgerlearn.secret.Secret;

/**
 * How the HTTP server listens, how much it takes on, and whom it serves; the command line builds it
 * (flag, environment, default) and has already checked every range.
 *
 * @param port 0 picks any free port
 * @param threads worker threads serving requests
 * @param maxBodyBytes the largest request body accepted
 * @param accessLog whether each request gets a line on the {@code ledgerlearn.access} logger
 * @param queue requests that may wait for a worker; more are answered 503 at once
 * @param requestTimeoutSeconds the longest a client may take to send a whole request (headers and body)
 * @param idleTimeoutSeconds how long a keep-alive connection may stay idle before it is closed
 */
public record ServerConfig(String host, int port, int threads, long maxBodyBytes, boolean accessLog, int queue,
                           int requestTimeoutSeconds, int idleTimeoutSeconds, Access access) {
    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(access, "access");
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
