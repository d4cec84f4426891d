package ledgerlearn.http;

import java.io.IOException;
import java.util.Arrays;
import javax.net.ssl.SSLContext;

/**
 * What the server enforces besides routing, loaded before it binds.
 *
 * @param tokens the API tokens; {@code null} when no token is needed
 * @param sslContext the TLS key and certificate; {@code null} serves plain HTTP
 */
public record Security(ApiTokens tokens, SSLContext sslContext) {
    /** Reads the auth file and the keystore that {@code access} names; each error names the file (and line), never a secret. */
    public static Security load(ServerConfig.Access access) throws IOException {
        ApiTokens tokens = access.authFile() == null ? null : ApiTokens.load(access.authFile());
        SSLContext context = null;
        if (access.tlsKeystore() != null) {
            char[] password = Tls.password(access);
            try {
                context = Tls.serverContext(access.tlsKeystore(), password);
            } finally {
                Arrays.fill(password, '\0');
            }
        }
        return new Security(tokens, context);
    }

    /** {@code https} with TLS, else {@code http}. */
    public String scheme() {
        return sslContext == null ? "http" : "https";
    }
}
