package ledgerlearn.http;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * What the server enforces besides routing, loaded before it binds.
 *
 * @param tokens the API tokens; {@code null} when no token is needed
 * @param sslContext the TLS key and certificate; {@code null} serves plain HTTP
 * @param certificate the certificate served with TLS; {@code null} without TLS
 */
public record Security(ApiTokens tokens, SSLContext sslContext, X509Certificate certificate) {
    /** A certificate that ends within this many days is warned about at start. */
    static final int EXPIRY_WARNING_DAYS = 30;

    /** Reads the auth file and the keystore that {@code access} names; each error names the file (and line), never a secret. */
    public static Security load(ServerConfig.Access access) throws IOException {
        ApiTokens tokens = access.authFile() == null ? null : ApiTokens.load(access.authFile());
        Tls.ServerKey key = null;
        if (access.tlsKeystore() != null) {
            char[] password = Tls.password(access);
            try {
                key = Tls.serverKey(access.tlsKeystore(), password);
            } finally {
                Arrays.fill(password, '\0');
            }
        }
        return new Security(tokens, key == null ? null : key.context(), key == null ? null : key.certificate());
    }

    /**
     * How long the TLS certificate lasts, as of {@code now}, e.g. "TLS certificate CN=localhost valid until
     * 2027-12-07 (365 days)"; empty without TLS. {@code expiring} says whether that is within
     * {@value #EXPIRY_WARNING_DAYS} days, or past.
     */
    public Optional<Validity> certificateValidity(Instant now) {
        if (certificate == null) {
            return Optional.empty();
        }
        Instant end = certificate.getNotAfter().toInstant();
        long days = Duration.between(now, end).toDays();
        String subject = certificate.getSubjectX500Principal().getName();
        String until = DateTimeFormatter.ISO_LOCAL_DATE.format(end.atOffset(ZoneOffset.UTC));
        String text = end.isBefore(now)
                ? "TLS certificate " + subject + " expired on " + until + "; clients will refuse it: make a new one"
                : "TLS certificate " + subject + " valid until " + until + " (" + days + (days == 1 ? " day" : " days")
                        + ")" + (days < EXPIRY_WARNING_DAYS ? "; make a new one before then" : "");
        return Optional.of(new Validity(text, days < EXPIRY_WARNING_DAYS));
    }

    /** A log line about the certificate, and whether it should be a warning. */
    public record Validity(String text, boolean expiring) {
    }

    /** {@code https} with TLS, else {@code http}. */
    public String scheme() {
        return sslContext == null ? "http" : "https";
    }
}
