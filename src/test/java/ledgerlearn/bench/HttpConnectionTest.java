package ledgerlearn.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import ledgerlearn.testing.Samples;
import ledgerlearn.testing.TestServer;
import org.junit.jupiter.api.Test;

final class HttpConnectionTest {

    @Test
    void buildsARequestWithHostAndContentLength() {
        byte[] request = HttpConnection.request("POST", new InetSocketAddress("127.0.0.1", 5000), "/predict",
                "{\"a\":\"é\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals("POST /predict HTTP/1.1\r\nHost: 127.0.0.1:5000\r\n"
                + "Content-Type: application/json; charset=utf-8\r\nContent-Length: 10\r\n\r\n{\"a\":\"é\"}",
                new String(request, StandardCharsets.UTF_8));
    }

    @Test
    void readsLengthChunkedAndClosingAnswersOneAfterAnother() throws Exception {
        List<String> answers = List.of(
                "HTTP/1.1 200 OK\r\nContent-length: 5\r\nDate: x\r\n\r\nhello",
                "HTTP/1.1 404 Not Found\r\nTRANSFER-ENCODING: chunked\r\n\r\n3\r\nabc\r\n2;ext=1\r\nde\r\n0\r\n\r\n",
                "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 2\r\nConnection: close\r\n\r\nno");
        try (CannedServer server = new CannedServer(answers);
             HttpConnection connection = new HttpConnection(server.address())) {
            byte[] request = HttpConnection.request("GET", server.address(), "/health", null);
            assertEquals(200, connection.exchange(request));
            assertEquals("hello", connection.body());
            assertEquals(404, connection.exchange(request));
            assertEquals("abcde", connection.body());
            assertEquals(503, connection.exchange(request));
            assertEquals("no", connection.body());
            assertEquals(1, server.connections(), "all three on one kept-alive connection");
        }
    }

    @Test
    void reconnectsAfterTheServerClosedTheConnection() throws Exception {
        try (CannedServer server = new CannedServer(List.of(
                "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nConnection: close\r\n\r\na",
                "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nb"));
             HttpConnection connection = new HttpConnection(server.address())) {
            byte[] request = HttpConnection.request("GET", server.address(), "/", null);
            connection.exchange(request);
            assertEquals(200, connection.exchange(request));
            assertEquals("b", connection.body());
            assertEquals(2, server.connections());
        }
    }

    @Test
    void refusesAnAnswerThatIsNotHttp() throws Exception {
        try (CannedServer server = new CannedServer(List.of("SSH-2.0-OpenSSH\r\n\r\n"));
             HttpConnection connection = new HttpConnection(server.address())) {
            IOException e = assertThrows(IOException.class,
                    () -> connection.exchange(HttpConnection.request("GET", server.address(), "/", null)));
            assertTrue(e.getMessage().contains("not an HTTP status line"), e.getMessage());
        }
    }

    @Test
    void talksToTheRealServer() throws Exception {
        try (TestServer server = TestServer.start()) {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.uri("/").getPort());
            try (HttpConnection connection = new HttpConnection(address)) {
                byte[] batch = Samples.body(Samples.stream(3, 1)).getBytes(StandardCharsets.UTF_8);
                assertEquals(200, connection.exchange(HttpConnection.request("POST", address, "/sample", batch)));
                assertTrue(connection.body().contains("\"total\":3"), connection.body());
                assertEquals(200, connection.exchange(HttpConnection.request("GET", address, "/health", null)));
                assertTrue(connection.body().contains("\"samples\":3"), connection.body());
            }
        }
    }

    /** Answers each request (read up to its blank line) with the next canned answer, in order, over any connection. */
    private static final class CannedServer implements AutoCloseable {
        private final ServerSocket socket;
        private final Thread thread;
        private final AtomicInteger connections = new AtomicInteger();

        CannedServer(List<String> answers) throws IOException {
            socket = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
            thread = new Thread(() -> serve(answers));
            thread.setDaemon(true);
            thread.start();
        }

        InetSocketAddress address() {
            return new InetSocketAddress("127.0.0.1", socket.getLocalPort());
        }

        int connections() {
            return connections.get();
        }

        private void serve(List<String> answers) {
            int next = 0;
            while (next < answers.size()) {
                try (Socket client = socket.accept()) {
                    connections.incrementAndGet();
                    InputStream in = client.getInputStream();
                    OutputStream out = client.getOutputStream();
                    while (next < answers.size() && readHead(in)) {
                        String answer = answers.get(next++);
                        out.write(answer.getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        if (answer.contains("Connection: close")) {
                            break;
                        }
                    }
                } catch (IOException e) {
                    return;
                }
            }
        }

        private static boolean readHead(InputStream in) throws IOException {
            int matched = 0;
            int b;
            while ((b = in.read()) >= 0) {
                matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
                if (matched == 4) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
