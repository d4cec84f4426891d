package ledgerlearn.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;

/**
 * Before the first request to an {@code https://} URL, whether the port speaks TLS at all. A plain-HTTP
 * server never answers a TLS hello (it waits for the end of a request line that never comes), so without
 * this the client would report a connect timeout ten seconds later.
 */
final class TlsProbe {
    static final int HANDSHAKE_MILLIS = 1000;
    private static final int PLAIN_MILLIS = 1000;

    private TlsProbe() {}

    /**
     * A message saying the server answers plain HTTP instead of TLS, when the TLS handshake failed or got no
     * answer and a plain request did get one; otherwise empty, and the request itself reports what is wrong.
     */
    static Optional<String> plainHttpInsteadOfTls(String host, int port, SSLContext context) {
        try (Socket raw = connect(host, port, HANDSHAKE_MILLIS);
             SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(raw, host, port, false)) {
            tls.startHandshake();
            return Optional.empty();
        } catch (SSLHandshakeException e) {
            // a TLS peer that the trust store does not trust, or that wants other parameters: it speaks TLS
            return Optional.empty();
        } catch (SSLException | SocketTimeoutException e) {
            return answersPlainHttp(host, port)
                    ? Optional.of("the server at " + host + ":" + port + " does not speak TLS: it answers plain HTTP."
                            + " Use http://" + host + ":" + port + " (or start the server with --tls-keystore)")
                    : Optional.empty();
        } catch (IOException e) {
            // refused, unreachable: the request reports it in its own words
            return Optional.empty();
        }
    }

    /**
     * Whether the port answers a TLS hello, for a plain request the server closed without an answer: a TLS server
     * does that to a request in clear text. A certificate this JVM does not trust still means it speaks TLS.
     */
    static boolean speaksTls(String host, int port) {
        try (Socket raw = connect(host, port, HANDSHAKE_MILLIS);
             SSLSocket tls = (SSLSocket) SSLContext.getDefault().getSocketFactory().createSocket(raw, host, port, false)) {
            tls.startHandshake();
            return true;
        } catch (SSLHandshakeException e) {
            // it answered with TLS, with a certificate or parameters this client does not accept
            return true;
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            return false;
        }
    }

    private static boolean answersPlainHttp(String host, int port) {
        try (Socket socket = connect(host, port, PLAIN_MILLIS)) {
            socket.getOutputStream().write(("GET /health HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] start = in.readNBytes(5);
            return Arrays.equals(start, "HTTP/".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return false;
        }
    }

    private static Socket connect(String host, int port, int timeoutMillis) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }
}
