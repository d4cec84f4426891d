package ledgerlearn.http;

import java.io.IOException;
import java.util.Arrays;
import javax.net.ssl.SSLContext;
import ledgerlearn.cli.Options;

/**
 * What the server enforces besides routing, loaded before it binds.
 *
 * @param tokens the API tokens; {@code null} when no token is needed
 * @param sslContext the TLS key and certificate; {@code null} serves plain HTTP
 */
public record Security(ApiTokens tokens, SSLContext sslContext) {
    /** No tokens, plain HTTP. */
    public static final Security NONE = new Security(null, null);

    /** Reads the auth file and the keystore that {@code options} name; each error names the file (and line), never a secret. */
    public static Security load(Options.ServerSecurity options) throws IOException {
        ApiTokens tokens = options.authFile() == null ? null : ApiTokens.load(options.authFile());
        SSLContext context = null;
        if (options.tlsKeystore() != null) {
            char[] password = Tls.password(options);
            try {
                context = Tls.serverContext(options.tlsKeystore(), password);
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
