package ledgerlearn.client;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import ledgerlearn.secret.Secret;

/**
 * Where a command finds the server and how it is let in: the base URL, the API token and the
 * certificates it trusts. The files are read when the command starts, so their errors are reported there.
 *
 * @param url the server's base URL, e.g. {@code http://127.0.0.1:5000}
 * @param tokenFile a file holding the API token; wins over {@code token}
 * @param token the API token from {@link #TOKEN_ENV}, else {@code null}
 * @param trustStore a PKCS12 or JKS trust store for {@code https://}; {@code null} trusts what the JDK trusts
 * @param trustStorePassword from {@link #TRUST_STORE_PASSWORD_ENV}, else {@code null}
 */
public record Connection(URI url, Path tokenFile, Secret token, Path trustStore, Secret trustStorePassword) {
    /** The API token's environment variable; there is deliberately no flag, which would show it in the process list. */
    public static final String TOKEN_ENV = "LEDGERLEARN_TOKEN";
    /** The trust store password's environment variable; like the token, not a flag. */
    public static final String TRUST_STORE_PASSWORD_ENV = "LEDGERLEARN_TRUST_STORE_PASSWORD";

    public Connection {
        Objects.requireNonNull(url, "url");
    }

    /** A server at {@code url} that needs no token, over plain HTTP or HTTPS the JDK trusts. */
    public static Connection to(URI url) {
        return new Connection(url, null, null, null, null);
    }
}
