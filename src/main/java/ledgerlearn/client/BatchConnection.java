package ledgerlearn.client;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One keep-alive HTTP/1.1 connection to the server: a stream's batch is written at once and its answer read
 * later, so the client builds the next batch while the server learns this one; the commands' other requests
 * ({@link #call}) are written and answered in one go.
 *
 * <p>Why not {@code java.net.http.HttpClient}: over a whole data set its threads and hand-overs cost the client
 * about 1.9 ms of CPU per batch (2.8 s of the real set's ingest), on the same two cores the server learns on;
 * building one costs a command about 0.3 s (it sets up TLS even for plain HTTP), and its selector thread, waiting
 * in native code, holds the JVM's exit back by another 0.3 s. Writing a request to a socket costs next to nothing.
 * Answers are read as the server sends them: a status line, headers, and a body of {@code Content-Length} bytes
 * or in chunks.
 */
final class BatchConnection implements Closeable {
    /** After this long unused, the server may have closed the connection (its idle timeout): checked before reuse. */
    static final Duration IDLE_CHECK = Duration.ofSeconds(1);
    private static final int MAX_HEADER_LINE = 16 * 1024;

    private final URI uri;
    private final SSLContext tls;
    private final String authorization;
    private final Duration connectTimeout;
    private final Duration answerTimeout;
    private final long idleCheckNanos;
    private Socket socket;
    private OutputStream out;
    private InputStream in;
    private long lastUsed;
    /** A write that failed: the server may still have answered (a refusal before the whole body), so it is read first. */
    private IOException writeFailure;

    /** The status and body of an answer, and its {@code Retry-After} in seconds ({@code -1}: none, or not a number). */
    record Answer(int status, String body, int retryAfterSeconds) {
        Answer(int status, String body) {
            this(status, body, -1);
        }
    }

    /**
     * A connection to {@code uri}'s server, opened on the first request; batches are POSTed to {@code uri}.
     *
     * @param tls for an {@code https} URI, the TLS context (the server's name is checked against its certificate)
     * @param authorization the {@code Authorization} header's value, {@code null} for none
     */
    BatchConnection(URI uri, SSLContext tls, String authorization, Duration connectTimeout, Duration answerTimeout) {
        this(uri, tls, authorization, connectTimeout, answerTimeout, IDLE_CHECK);
    }

    /** As above, checking whether the server closed the connection once it has been unused for {@code idleCheck}. */
    BatchConnection(URI uri, SSLContext tls, String authorization, Duration connectTimeout, Duration answerTimeout,
                    Duration idleCheck) {
        this.uri = uri;
        this.idleCheckNanos = idleCheck.toNanos();
        this.tls = "https".equalsIgnoreCase(uri.getScheme()) ? tls : null;
        this.authorization = authorization;
        this.connectTimeout = connectTimeout;
        this.answerTimeout = answerTimeout;
    }

    /**
     * Writes a POST of {@code body} (JSON), with an {@code Idempotency-Key} unless {@code idempotencyKey} is
     * {@code null}. A failure to connect or to write is thrown by {@link #answer}, as the batch's.
     */
    void send(byte[] body, String idempotencyKey) {
        write("POST", uri, body, idempotencyKey);
    }

    /**
     * Sends {@code method} to {@code target} (on this connection's server) with {@code body} (JSON;
     * {@code null} for none) and returns the answer.
     */
    Answer call(String method, URI target, byte[] body) throws IOException {
        write(method, target, body, null);
        return answer();
    }

    private void write(String method, URI target, byte[] body, String idempotencyKey) {
        writeFailure = null;
        try {
            if (socket != null && System.nanoTime() - lastUsed >= idleCheckNanos && closedByServer()) {
                close();
            }
            if (socket == null) {
                open();
            }
        } catch (IOException e) {
            writeFailure = e;
            return;
        }
        StringBuilder head = new StringBuilder(256)
                .append(method).append(' ')
                .append(target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath())
                .append(target.getRawQuery() == null ? "" : "?" + target.getRawQuery()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(uri.getRawAuthority()).append("\r\n");
        if (body != null) {
            head.append("Content-Type: application/json; charset=utf-8\r\n")
                    .append("Content-Length: ").append(body.length).append("\r\n");
        }
        if (authorization != null) {
            head.append("Authorization: ").append(authorization).append("\r\n");
        }
        if (idempotencyKey != null) {
            head.append("Idempotency-Key: ").append(idempotencyKey).append("\r\n");
        }
        head.append("\r\n");
        try {
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
        } catch (IOException e) {
            writeFailure = e;
        }
    }

    /** The answer to the request sent last; the connection is closed after a failure or when the server asks. */
    Answer answer() throws IOException {
        if (socket == null) {
            throw writeFailure != null ? writeFailure : new IOException("no request was sent");
        }
        try {
            String status = line();
            String[] parts = status.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP answer: " + ApiClient.abbreviate(status));
            }
            int code;
            try {
                code = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IOException("not an HTTP status line: " + ApiClient.abbreviate(status));
            }
            long length = -1;
            boolean chunked = false;
            boolean close = parts[0].equals("HTTP/1.0");
            int retryAfter = -1;
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> close = value.equalsIgnoreCase("close");
                    case "retry-after" -> retryAfter = value.matches("[0-9]{1,6}") ? Integer.parseInt(value) : -1;
                    default -> { }
                }
            }
            byte[] body = chunked ? chunkedBody() : length >= 0 ? exactly(length) : in.readAllBytes();
            if (close || (!chunked && length < 0)) {
                close();
            }
            lastUsed = System.nanoTime();
            return new Answer(code, new String(body, StandardCharsets.UTF_8), retryAfter);
        } catch (IOException | RuntimeException e) {
            close();
            if (writeFailure != null) {
                // the server went away while the request was written, and left no answer
                writeFailure.addSuppressed(e);
                throw writeFailure;
            }
            if (e instanceof RuntimeException) {
                throw new IOException("an HTTP answer that cannot be read: " + e.getMessage(), e);
            }
            throw (IOException) e;
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing is all that was asked
            }
            socket = null;
        }
    }

    private void open() throws IOException {
        int port = uri.getPort() >= 0 ? uri.getPort() : tls != null ? 443 : 80;
        // an IPv6 literal comes in brackets ("[::1]"), which the certificate check must not see
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        Socket plain = new Socket();
        try {
            plain.setTcpNoDelay(true);
            plain.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
            plain.setSoTimeout((int) answerTimeout.toMillis());
            if (tls != null) {
                SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(plain, host, port, true);
                SSLParameters parameters = secure.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                secure.setSSLParameters(parameters);
                secure.startHandshake();
                socket = secure;
            } else {
                socket = plain;
            }
        } catch (IOException e) {
            plain.close();
            throw e;
        }
        out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
        in = new BufferedInputStream(socket.getInputStream(), 1 << 13);
        lastUsed = System.nanoTime();
    }

    /** Whether the server closed the idle connection: a read that ends at once instead of waiting. */
    private boolean closedByServer() {
        try {
            if (in.available() > 0) {
                // bytes nobody asked for: the connection is out of step, start a new one
                return true;
            }
            socket.setSoTimeout(1);
            try {
                // an end (-1) or a byte: either way the connection cannot carry the next batch
                in.read();
                return true;
            } catch (SocketTimeoutException e) {
                return false;
            } finally {
                socket.setSoTimeout((int) answerTimeout.toMillis());
            }
        } catch (IOException e) {
            return true;
        }
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (line.length() == 0) {
                    throw new EOFException("the server closed the connection without an answer");
                }
                throw new EOFException("the server closed the connection in the middle of its answer");
            }
            if (b == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            if (line.length() == MAX_HEADER_LINE) {
                throw new IOException("an answer's header line longer than " + MAX_HEADER_LINE + " bytes");
            }
            line.append((char) b);
        }
    }

    private byte[] exactly(long length) throws IOException {
        if (length > Integer.MAX_VALUE - 8) {
            throw new IOException("an answer of " + length + " bytes");
        }
        byte[] body = in.readNBytes((int) length);
        if (body.length < length) {
            throw new EOFException("the server closed the connection in the middle of its answer");
        }
        return body;
    }

    private byte[] chunkedBody() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line();
            int semicolon = size.indexOf(';');
            long n = Long.parseLong((semicolon >= 0 ? size.substring(0, semicolon) : size).trim(), 16);
            if (n == 0) {
                while (!line().isEmpty()) {
                    // trailers, ignored
                }
                return body.toByteArray();
            }
            body.write(exactly(n));
            line();
        }
    }
}
