package ledgerlearn.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;

/** The stream's own HTTP/1.1 connection, against a scripted server on 127.0.0.1 that answers as real ones may. */
final class BatchConnectionTest {

    /** One scripted answer: what to send back, and whether to close the connection after it. */
    private record Script(String answer, boolean closeAfter) {
    }

    /** Accepts connections one after another; answers each request with the next script; records the requests. */
    private static final class ScriptedServer implements AutoCloseable {
        final ServerSocket listener = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"));
        final BlockingQueue<Script> scripts = new LinkedBlockingQueue<>();
        final List<String> requests = new ArrayList<>();
        int connections;
        final Thread thread = new Thread(this::serve, "scripted-server");

        ScriptedServer(Script... answers) throws IOException {
            scripts.addAll(List.of(answers));
            thread.setDaemon(true);
            thread.start();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/sample");
        }

        private void serve() {
            try {
                while (!scripts.isEmpty()) {
                    try (Socket socket = listener.accept()) {
                        synchronized (this) {
                            connections++;
                        }
                        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                                StandardCharsets.ISO_8859_1));
                        OutputStream out = socket.getOutputStream();
                        while (!scripts.isEmpty()) {
                            String request = readRequest(in);
                            if (request == null) {
                                break;
                            }
                            synchronized (this) {
                                requests.add(request);
                            }
                            Script script = scripts.take();
                            out.write(script.answer().getBytes(StandardCharsets.ISO_8859_1));
                            out.flush();
                            if (script.closeAfter()) {
                                break;
                            }
                        }
                    }
                }
            } catch (IOException | InterruptedException e) {
                // the test closed the listener
            }
        }

        /** The request line, headers and body as text; {@code null} at the connection's end. */
        static String readRequest(BufferedReader in) throws IOException {
            StringBuilder request = new StringBuilder();
            int length = 0;
            for (String line = in.readLine(); ; line = in.readLine()) {
                if (line == null) {
                    return null;
                }
                request.append(line).append('\n');
                if (line.isEmpty()) {
                    break;
                }
                if (line.toLowerCase().startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            char[] body = new char[length];
            int read = 0;
            while (read < length) {
                int n = in.read(body, read, length - read);
                if (n < 0) {
                    return null;
                }
                read += n;
            }
            return request.append(body).toString();
        }

        synchronized int connections() {
            return connections;
        }

        synchronized List<String> requests() {
            return List.copyOf(requests);
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }

    private static String fixed(int status, String body, String... headers) {
        return "HTTP/1.1 " + status + " X\r\n" + String.join("", headers) + "Content-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    private static BatchConnection connection(URI uri, Duration idleCheck) {
        return new BatchConnection(uri, null, "Bearer t0ken", Duration.ofSeconds(5), Duration.ofSeconds(5), idleCheck);
    }

    @Test
    void postsEachBatchWithItsHeadersOnOneConnectionAndReadsFixedLengthAnswers() throws Exception {
        try (ScriptedServer server = new ScriptedServer(new Script(fixed(200, "{\"total\":1}"), false),
                new Script(fixed(503, "{\"error\":\"later\"}"), false));
             BatchConnection batches = connection(server.uri(), Duration.ofMinutes(1))) {
            batches.send("[1]".getBytes(StandardCharsets.UTF_8), "key-1");
            assertEquals(new BatchConnection.Answer(200, "{\"total\":1}"), batches.answer());
            batches.send("[2,3]".getBytes(StandardCharsets.UTF_8), null);
            assertEquals(new BatchConnection.Answer(503, "{\"error\":\"later\"}"), batches.answer());

            assertEquals(1, server.connections());
            String first = server.requests().get(0);
            assertTrue(first.startsWith("POST /sample HTTP/1.1\n"), first);
            assertTrue(first.contains("Host: 127.0.0.1:" + server.uri().getPort() + "\n"), first);
            assertTrue(first.contains("Authorization: Bearer t0ken\n"), first);
            assertTrue(first.contains("Idempotency-Key: key-1\n"), first);
            assertTrue(first.endsWith("\n\n[1]"), first);
            assertTrue(!server.requests().get(1).contains("Idempotency-Key"), server.requests().get(1));
        }
    }

    @Test
    void aCommandsCallsGoToTheirOwnPathsOnTheSameConnectionAGetWithoutABody() throws Exception {
        try (ScriptedServer server = new ScriptedServer(new Script(fixed(200, "{\"n\":0}"), false),
                new Script(fixed(200, "[\"6700\"]"), false));
             BatchConnection calls = connection(server.uri(), Duration.ofMinutes(1))) {
            URI base = server.uri();
            assertEquals(new BatchConnection.Answer(200, "{\"n\":0}"),
                    calls.call("GET", base.resolve("/metrics/1000?average=macro"), null));
            assertEquals(new BatchConnection.Answer(200, "[\"6700\"]"),
                    calls.call("POST", base.resolve("/predict?top=1"), "{}".getBytes(StandardCharsets.UTF_8)));

            assertEquals(1, server.connections());
            String get = server.requests().get(0);
            assertTrue(get.startsWith("GET /metrics/1000?average=macro HTTP/1.1\n"), get);
            assertTrue(get.contains("Authorization: Bearer t0ken\n"), get);
            assertTrue(!get.contains("Content-Length") && !get.contains("Content-Type"), get);
            String post = server.requests().get(1);
            assertTrue(post.startsWith("POST /predict?top=1 HTTP/1.1\n"), post);
            assertTrue(post.contains("Content-Length: 2\n") && post.endsWith("\n\n{}"), post);
        }
    }

    @Test
    void readsChunkedAnswersAndOpensANewConnectionWhenTheServerClosesOne() throws Exception {
        String chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{\"to\r\n7;ext=1\r\ntal\":2}\r\n0\r\n\r\n";
        try (ScriptedServer server = new ScriptedServer(new Script(chunked, false),
                new Script(fixed(200, "{}", "Connection: close\r\n"), true), new Script(fixed(200, "[]"), false));
             BatchConnection batches = connection(server.uri(), Duration.ofMinutes(1))) {
            batches.send("[1]".getBytes(StandardCharsets.UTF_8), null);
            assertEquals("{\"total\":2}", batches.answer().body());
            batches.send("[2]".getBytes(StandardCharsets.UTF_8), null);
            assertEquals("{}", batches.answer().body());
            batches.send("[3]".getBytes(StandardCharsets.UTF_8), null);
            assertEquals("[]", batches.answer().body());

            assertEquals(2, server.connections(), "the server asked to close the first");
        }
    }

    @Test
    void anIdleConnectionTheServerClosedIsReplacedInsteadOfFailingTheNextBatch() throws Exception {
        // the server closes after its answer without saying so, as an idle timeout does
        try (ScriptedServer server = new ScriptedServer(new Script(fixed(200, "{}"), true), new Script(fixed(200, "{}"), false));
             BatchConnection batches = connection(server.uri(), Duration.ZERO)) {
            batches.send("[1]".getBytes(StandardCharsets.UTF_8), null);
            assertEquals(200, batches.answer().status());
            batches.send("[2]".getBytes(StandardCharsets.UTF_8), null);
            assertEquals(200, batches.answer().status());

            assertEquals(2, server.connections());
        }
    }

    @Test
    void reachesAServerByItsIpv6LiteralInBrackets() throws Exception {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
        } catch (IOException e) {
            assumeTrue(false, "no IPv6 loopback on this machine: " + e.getMessage());
        }
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
            Thread server = new Thread(() -> {
                try (Socket socket = listener.accept()) {
                    ScriptedServer.readRequest(new BufferedReader(new InputStreamReader(socket.getInputStream(),
                            StandardCharsets.ISO_8859_1)));
                    socket.getOutputStream().write(fixed(200, "{}").getBytes(StandardCharsets.ISO_8859_1));
                } catch (IOException e) {
                    // the test fails on the client's side
                }
            });
            server.start();
            URI uri = URI.create("http://[::1]:" + listener.getLocalPort() + "/sample");
            try (BatchConnection batches = connection(uri, Duration.ofMinutes(1))) {
                batches.send("[1]".getBytes(StandardCharsets.UTF_8), null);
                assertEquals(new BatchConnection.Answer(200, "{}"), batches.answer());
            }
            server.join();
        }
    }

    @Test
    void aServerThatClosesWithoutAnAnswerOrCannotBeReachedFailsTheBatch() throws Exception {
        try (ScriptedServer server = new ScriptedServer(new Script("", true));
             BatchConnection batches = connection(server.uri(), Duration.ofMinutes(1))) {
            batches.send("[1]".getBytes(StandardCharsets.UTF_8), null);
            assertThrows(EOFException.class, batches::answer);
        }
        int unused = FakeServer.unusedPort();
        try (BatchConnection batches = connection(URI.create("http://127.0.0.1:" + unused + "/sample"), Duration.ofMinutes(1))) {
            batches.send("[1]".getBytes(StandardCharsets.UTF_8), null);
            assertThrows(ConnectException.class, batches::answer);
        }
    }
}
