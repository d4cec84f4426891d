package ledgerlearn.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.util.Collections;
import java.util.Enumeration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import ledgerlearn.secret.Secret;

/** An SSLContext that trusts the certificates of a PKCS12 or JKS trust store, for a server the JDK's own trust does not know. */
final class TrustStore {
    private TrustStore() {}

    static SSLContext sslContext(Path file, Secret password) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("cannot read trust store " + file + ": no such file");
        }
        KeyStore store;
        try {
            // the type, PKCS12 or JKS, is detected from the file
            store = KeyStore.getInstance(file.toFile(), password == null ? null : password.value().toCharArray());
        } catch (IOException | GeneralSecurityException e) {
            throw new IOException("trust store " + file + " is not a readable PKCS12 or JKS file, or its password is wrong ("
                    + e.getMessage() + ")");
        }
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
