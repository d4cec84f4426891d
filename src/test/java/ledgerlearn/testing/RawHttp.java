package ledgerlearn.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for what java.net.http will not send: any method, any header
 * (Content-Length, Transfer-Encoding), any body bytes, half-sent or endless requests.
 */
public final class RawHttp {
    /** How long a read may block before the test gives up on the server. */
    public static final int READ_TIMEOUT_MILLIS = 30_000;

    private RawHttp() {}

    /** A response: status, headers (names in lower case) and body bytes. */
    public record Reply(int status, Map<String, String> headers, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * The bytes of a request that closes its connection after the reply. A body gets a
     * Content-Length unless {@code headers} gives one or a Transfer-Encoding; {@code null} sends none.
     * The Host is 127.0.0.1 unless {@code headers} gives one.
     */
    public static byte[] request(String method, String target, Map<String, String> headers, byte[] body) {
        boolean host = headers.keySet().stream().anyMatch(name -> name.equalsIgnoreCase("Host"));
        StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\n" + (host ? "" : "Host: 127.0.0.1\r\n")
                + "Connection: close\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        boolean framed = headers.keySet().stream()
                .anyMatch(name -> name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Transfer-Encoding"));
        if (body != null && !framed) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            bytes.writeBytes(body);
        }
        return bytes.toByteArray();
    }

    /** {@code body} in the chunked transfer coding, 64 KiB a chunk. */
    public static byte[] chunked(byte[] body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int offset = 0; offset < body.length; offset += 65536) {
            int length = Math.min(65536, body.length - offset);
            bytes.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            bytes.write(body, offset, length);
            bytes.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        bytes.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return bytes.toByteArray();
    }

    /** A connected socket whose reads give up after {@link #READ_TIMEOUT_MILLIS}. */
    public static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        return socket;
    }

    /** As {@link #connect(int)}, from the local address {@code from} (any 127.x.y.z is this machine on Linux). */
    public static Socket connect(int port, java.net.InetAddress from) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        return socket;
    }

    /**
     * Sends {@code request} and reads the reply. The server may answer and close before taking the
     * whole request (e.g. a 413): a failed write is ignored and the reply read all the same.
     */
    public static Reply exchange(int port, byte[] request) throws IOException {
        try (Socket socket = connect(port)) {
            return exchange(socket, request);
        }
    }

    /** As {@link #exchange(int, byte[])}, from the local address {@code from}. */
    public static Reply exchange(int port, java.net.InetAddress from, byte[] request) throws IOException {
        try (Socket socket = connect(port, from)) {
            return exchange(socket, request);
        }
    }

    private static Reply exchange(Socket socket, byte[] request) throws IOException {
        try {
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
        } catch (IOException e) {
            // the server stopped reading; its answer is in the input
        }
        return read(new java.io.BufferedInputStream(socket.getInputStream()));
    }

    /** Reads one reply: status line, headers, then a Content-Length body, or everything up to the close. */
    public static Reply read(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            throw new IOException("connection closed before a reply");
        }
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP reply: " + statusLine);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        String length = headers.get("content-length");
        byte[] body = length != null ? in.readNBytes(Integer.parseInt(length)) : in.readAllBytes();
        return new Reply(Integer.parseInt(parts[1]), headers, body);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                String text = bytes.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            bytes.write(b);
        }
        return bytes.size() == 0 ? null : bytes.toString(StandardCharsets.ISO_8859_1);
    }
}
