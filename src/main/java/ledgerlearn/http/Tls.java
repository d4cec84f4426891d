package ledgerlearn.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

/** The server's TLS: the key and certificate of a PKCS12 keystore, served with TLS 1.3 or 1.2 and AEAD suites only. */
final class Tls {
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private Tls() {}

    /** The keystore's password: the password file's first line if one is given, else the environment's. */
    static char[] password(ServerConfig.Access access) throws IOException {
        if (access.tlsPasswordFile() == null) {
            return access.tlsPassword().value().toCharArray();
        }
        Path file = access.tlsPasswordFile();
        String text = read(file, "TLS password file");
        int end = text.indexOf('\n');
        String password = (end < 0 ? text : text.substring(0, end)).replaceFirst("\r$", "");
        if (password.isEmpty()) {
            throw new IOException("TLS password file " + file + " is empty");
        }
        return password.toCharArray();
    }

    /** What the server serves TLS with: the context, and the certificate it shows (to log how long it lasts). */
    record ServerKey(SSLContext context, X509Certificate certificate) {
    }

    /** An SSLContext serving the keystore's key; a wrong password or a file that is not PKCS12 is said plainly. */
    static ServerKey serverKey(Path keystore, char[] password) throws IOException {
        String what = "TLS keystore " + keystore;
        KeyStore store;
        try (InputStream in = Files.newInputStream(keystore)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
        } catch (NoSuchFileException e) {
            throw new IOException("cannot read " + what + ": no such file");
        } catch (AccessDeniedException e) {
            throw new IOException("cannot read " + what + ": permission denied");
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new IOException(what + ": wrong password");
            }
            throw new IOException(what + " is not a readable PKCS12 keystore"
                    + (e.getMessage() == null ? " (" + e.getClass().getSimpleName() + ")" : " (" + e.getMessage() + ")"));
        } catch (GeneralSecurityException e) {
            throw new IOException(what + " cannot be loaded: " + e.getMessage());
        }
        try {
            if (Collections.list(store.aliases()).stream().noneMatch(alias -> isKey(store, alias))) {
                throw new IOException(what + " holds no private key; make one with keytool -genkeypair");
            }
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return new ServerKey(context, certificate(store));
        } catch (UnrecoverableKeyException e) {
            throw new IOException(what + ": its key has another password than the keystore; PKCS12 needs one password");
        } catch (GeneralSecurityException e) {
            throw new IOException(what + " cannot be used: " + e.getMessage());
        }
    }

    /** The certificate of the store's first key entry that has an X.509 one, else {@code null}. */
    private static X509Certificate certificate(KeyStore store) throws GeneralSecurityException {
        for (String alias : Collections.list(store.aliases())) {
            if (isKey(store, alias) && store.getCertificate(alias) instanceof X509Certificate certificate) {
                return certificate;
            }
        }
        return null;
    }

    private static boolean isKey(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** An HTTPS server (not yet started) that offers only {@link #PROTOCOLS} and {@link #cipherSuites}. */
    static HttpsServer httpsServer(InetSocketAddress address, int backlog, SSLContext context) throws IOException {
        HttpsServer server = HttpsServer.create(address, backlog);
        String[] suites = cipherSuites(context);
        server.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = context.getDefaultSSLParameters();
                parameters.setProtocols(PROTOCOLS);
                parameters.setCipherSuites(suites);
                params.setSSLParameters(parameters);
            }
        });
        return server;
    }

    /**
     * The JDK's default suites that are AEAD with forward secrecy, in the JDK's order: every TLS 1.3 suite
     * (all AEAD), and for TLS 1.2 only ECDHE with AES-GCM or ChaCha20-Poly1305. The JDK also offers CBC
     * suites with SHA-1 or SHA-2 MACs on TLS 1.2, which are dropped.
     */
    static String[] cipherSuites(SSLContext context) {
        return Arrays.stream(context.getDefaultSSLParameters().getCipherSuites())
                .filter(Tls::isAead)
                .toArray(String[]::new);
    }

    static boolean isAead(String suite) {
        boolean aead = suite.contains("_GCM_") || suite.contains("_CHACHA20_POLY1305_");
        return (suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_") || suite.startsWith("TLS_ECDHE_")) && aead;
    }

    private static String read(Path file, String what) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException("cannot read " + what + " " + file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new IOException("cannot read " + what + " " + file + ": permission denied");
        } catch (IOException e) {
            throw new IOException("cannot read " + what + " " + file + ": " + e.getMessage());
        }
    }
}
