package ledgerlearn.bench;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection over a plain socket, sending prebuilt requests and reading the
 * answers without allocating per request, so the load generator costs the shared cores as little as
 * possible and its own garbage collections do not show up as server latency.
 */
final class HttpConnection implements Closeable {
    private static final int TIMEOUT_MILLIS = 60_000;
    private static final byte CR = 13;
    private static final byte LF = 10;

    private final InetSocketAddress address;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final byte[] buffer = new byte[16384];
    private int position;
    private int limit;
    private byte[] body = new byte[4096];
    private int bodyLength;
    /** Where the line that {@link #readLine} read starts and ends (before its CRLF) in {@link #buffer}. */
    private int lineStart;
    private int lineEnd;

    HttpConnection(InetSocketAddress address) throws IOException {
        this.address = address;
        connect();
    }

    /** The bytes of a complete request with a body (or none when {@code body} is null). */
    static byte[] request(String method, InetSocketAddress address, String target, byte[] body) {
        StringBuilder head = new StringBuilder(128);
        head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(address.getHostString()).append(':').append(address.getPort()).append("\r\n");
        if (body != null) {
            head.append("Content-Type: application/json; charset=utf-8\r\n")
                    .append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
        if (body == null) {
            return headBytes;
        }
        byte[] request = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        return request;
    }

    /** Sends {@code request} and reads the whole answer; returns its status. Reconnects if the server closed. */
    int exchange(byte[] request) throws IOException {
        if (socket == null) {
            connect();
        }
        out.write(request);
        out.flush();
        return readResponse();
    }

    /** The last answer's body as text. */
    String body() {
        return new String(body, 0, bodyLength, StandardCharsets.UTF_8);
    }

    private void connect() throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(address, TIMEOUT_MILLIS);
            s.setSoTimeout(TIMEOUT_MILLIS);
            in = s.getInputStream();
            out = s.getOutputStream();
        } catch (IOException e) {
            s.close();
            throw e;
        }
        socket = s;
        position = 0;
        limit = 0;
    }

    private int readResponse() throws IOException {
        int status = readStatusLine();
        long contentLength = -1;
        boolean chunked = false;
        boolean close = false;
        while (readLine()) {
            if (startsWithIgnoringCase("content-length:")) {
                contentLength = parseNumber(lineStart + "content-length:".length(), lineEnd, 10);
            } else if (startsWithIgnoringCase("transfer-encoding:")) {
                chunked = contains("chunked");
            } else if (startsWithIgnoringCase("connection:")) {
                close = contains("close");
            }
        }
        bodyLength = 0;
        if (chunked) {
            readChunkedBody();
        } else if (contentLength > 0) {
            readBody((int) contentLength);
        } else if (contentLength < 0 && status >= 200 && status != 204 && status != 304) {
            close = true;
        }
        if (close) {
            close();
        }
        return status;
    }

    private int readStatusLine() throws IOException {
        readLine();
        // "HTTP/1.1 200 OK"
        if (lineEnd - lineStart < 12 || buffer[lineStart + 8] != ' ') {
            throw new IOException("not an HTTP status line: "
                    + new String(buffer, lineStart, lineEnd - lineStart, StandardCharsets.ISO_8859_1));
        }
        return (int) parseNumber(lineStart + 9, lineStart + 12, 10);
    }

    private void readChunkedBody() throws IOException {
        while (true) {
            readLine();
            int semicolon = indexOf(';');
            long size = parseNumber(lineStart, semicolon < 0 ? lineEnd : semicolon, 16);
            if (size == 0) {
                while (readLine()) {
                    // trailers, up to the empty line
                }
                return;
            }
            readBody((int) size);
            readLine();
        }
    }

    /** Appends {@code length} body bytes to {@link #body}. */
    private void readBody(int length) throws IOException {
        if (bodyLength + length > body.length) {
            byte[] bigger = new byte[Math.max(body.length * 2, bodyLength + length)];
            System.arraycopy(body, 0, bigger, 0, bodyLength);
            body = bigger;
        }
        int left = length;
        while (left > 0) {
            if (position == limit) {
                fill();
            }
            int n = Math.min(left, limit - position);
            System.arraycopy(buffer, position, body, bodyLength, n);
            bodyLength += n;
            position += n;
            left -= n;
        }
    }

    /**
     * Reads one line ending in CRLF into {@link #lineStart}..{@link #lineEnd}, where it stays until the
     * next read; returns whether the line is not empty.
     */
    private boolean readLine() throws IOException {
        int scan = position;
        while (true) {
            for (; scan + 1 < limit; scan++) {
                if (buffer[scan] == CR && buffer[scan + 1] == LF) {
                    lineStart = position;
                    lineEnd = scan;
                    position = scan + 2;
                    return lineEnd > lineStart;
                }
            }
            if (position > 0) {
                // move the partial line to the front so the whole line fits
                System.arraycopy(buffer, position, buffer, 0, limit - position);
                limit -= position;
                scan -= position;
                position = 0;
            }
            if (limit == buffer.length) {
                throw new IOException("header line longer than " + buffer.length + " bytes");
            }
            fillAppend();
        }
    }

    private void fill() throws IOException {
        position = 0;
        limit = 0;
        fillAppend();
    }

    private void fillAppend() throws IOException {
        int n = in.read(buffer, limit, buffer.length - limit);
        if (n < 0) {
            close();
            throw new EOFException("server closed the connection");
        }
        limit += n;
    }

    private boolean startsWithIgnoringCase(String prefix) {
        if (lineEnd - lineStart < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (Character.toLowerCase((char) buffer[lineStart + i]) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean contains(String word) {
        outer:
        for (int i = lineStart; i + word.length() <= lineEnd; i++) {
            for (int j = 0; j < word.length(); j++) {
                if (Character.toLowerCase((char) buffer[i + j]) != word.charAt(j)) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private int indexOf(char c) {
        for (int i = lineStart; i < lineEnd; i++) {
            if (buffer[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private long parseNumber(int start, int end, int radix) throws IOException {
        long value = 0;
        boolean digits = false;
        for (int i = start; i < end; i++) {
            int digit = Character.digit((char) buffer[i], radix);
            if (digit >= 0) {
                value = value * radix + digit;
                digits = true;
            } else if (buffer[i] != ' ' && buffer[i] != '\t') {
                break;
            }
        }
        if (!digits) {
            throw new IOException("expected a number in: " + new String(buffer, start, end - start, StandardCharsets.ISO_8859_1));
        }
        return value;
    }

    @Override
    public void close() throws IOException {
        Socket s = socket;
        socket = null;
        if (s != null) {
            s.close();
        }
    }
}
