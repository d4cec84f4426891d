package ledgerlearn.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import ledgerlearn.secret.Secret;

/**
 * An SSLContext that trusts the certificates of a trust store, for a server the JDK's own trust does not
 * know: a PEM file of certificates (as {@code curl --cacert} takes) or a PKCS12 or JKS store.
 */
final class TrustStore {
    private static final String PEM_BEGIN = "-----BEGIN CERTIFICATE-----";

    private TrustStore() {}

    static SSLContext sslContext(Path file, Secret password) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("cannot read trust store " + file + ": no such file");
        }
        KeyStore store = isPem(file) ? fromPem(file) : fromStore(file, password);
        if (Collections.list(aliases(store)).stream().noneMatch(alias -> isCertificate(store, alias))) {
            throw new IOException("trust store " + file + " holds no certificate that can be read"
                    + (password == null ? "; if it has a password, set " + Connection.TRUST_STORE_PASSWORD_ENV : ""));
        }
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("trust store " + file + " cannot be used: " + e.getMessage());
        }
    }

    /** Whether the file is PEM text: it holds a certificate's BEGIN line (a binary store never does). */
    private static boolean isPem(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            // Latin-1 reads any byte, so a binary store is text without that line
            return new String(in.readNBytes(64 * 1024), StandardCharsets.ISO_8859_1).contains(PEM_BEGIN);
        }
    }

    /** The PEM file's certificates, in a store of their own (a PEM file has no password). */
    private static KeyStore fromPem(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("pem-" + i++, certificate);
            }
            return store;
        } catch (CertificateException e) {
            throw new IOException("trust store " + file + " is PEM, but its certificates cannot be read (" + e.getMessage() + ")");
        } catch (GeneralSecurityException e) {
            throw new IOException("trust store " + file + " cannot be used: " + e.getMessage());
        }
    }

    private static KeyStore fromStore(Path file, Secret password) throws IOException {
        try {
            // the type, PKCS12 or JKS, is detected from the file
            return KeyStore.getInstance(file.toFile(), password == null ? null : password.value().toCharArray());
        } catch (IOException | GeneralSecurityException e) {
            throw new IOException("trust store " + file + " is not a readable PEM, PKCS12 or JKS file, or its password is wrong ("
                    + e.getMessage() + ")");
        }
    }

    private static Enumeration<String> aliases(KeyStore store) throws IOException {
        try {
            return store.aliases();
        } catch (KeyStoreException e) {
            throw new IOException(e.getMessage());
        }
    }

    private static boolean isCertificate(KeyStore store, String alias) {
        try {
            return store.getCertificate(alias) != null;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
