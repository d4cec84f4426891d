package ledgerlearn.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A PKCS12 keystore with an EC key and a self-signed certificate for 127.0.0.1 and localhost, made by the
 * JDK's own {@code keytool}, and a PKCS12 trust store holding just that certificate.
 *
 * @param passwordFile holds {@link #PASSWORD}, as {@code --tls-password-file} reads it
 * @param certificate the certificate alone, PEM, as {@code curl --cacert} takes it
 */
public record TestKeystore(Path keystore, Path passwordFile, Path trustStore, Path certificate) {
    /** The password of both stores. */
    public static final String PASSWORD = "test-keystore-password";

    /** Makes the keystore, its password file and the trust store in {@code dir}. */
    public static TestKeystore create(Path dir) throws IOException, InterruptedException {
        Path keystore = dir.resolve("server.p12");
        Path certificate = dir.resolve("server.pem");
        Path trustStore = dir.resolve("trust.p12");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", keystore.toString(), "-storepass", PASSWORD,
                "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", "server", "-file", certificate.toString(),
                "-storetype", "PKCS12", "-keystore", trustStore.toString(), "-storepass", PASSWORD);
        Path passwordFile = dir.resolve("tls-password");
        Files.writeString(passwordFile, PASSWORD + "\n", StandardCharsets.UTF_8);
        return new TestKeystore(keystore, passwordFile, trustStore, certificate);
    }

    /** The server flags that serve HTTPS with this keystore. */
    public List<String> serverFlags() {
        return List.of("--tls-keystore", keystore.toString(), "--tls-password-file", passwordFile.toString());
    }

    /** A client context that trusts this certificate and nothing else. */
    public SSLContext clientContext() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(trustStore.toFile(), PASSWORD.toCharArray());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        // keytool writes little; reading it all before waiting cannot block on a full pipe
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("keytool " + args[0] + " failed: " + output);
        }
    }
}
