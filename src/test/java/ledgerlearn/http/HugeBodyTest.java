package ledgerlearn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eclipsesource.json.Json;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import ledgerlearn.testing.RawHttp;
import ledgerlearn.testing.ForkedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 200 MB body streamed from a generator to a server whose heap is 64 MB: it is refused with 413
 * while the client is still sending, so it was never held whole.
 */
final class HugeBodyTest {
    private static final long BODY = 200L << 20;
    private static final int CHUNK = 64 << 10;

    @TempDir
    Path dataDir;

    @Test
    void twoHundredMegabyteBodyGets413BeforeItIsSentWithOrWithoutContentLength() throws Exception {
        try (ForkedServer server = ForkedServer.start(List.of("-Xmx64m"), dataDir, "--max-body", "1m")) {
            long declared = upload(server.port(), true);
            long chunked = upload(server.port(), false);

            assertEquals(0, server.samples(), "the server still answers, and stored nothing");
            System.out.printf("reliability: a %d MB body got 413 from a server with a 64 MB heap after the client had"
                            + " sent %.1f MB (Content-Length) and %.1f MB (chunked, no length)%n",
                    BODY >> 20, declared / 1048576.0, chunked / 1048576.0);
        }
    }

    /** Streams the body until the server answers or stops reading; returns the bytes sent by the time it answered. */
    private static long upload(int port, boolean declareLength) throws Exception {
        AtomicLong sent = new AtomicLong();
        try (Socket socket = RawHttp.connect(port)) {
            String framing = declareLength ? "Content-Length: " + BODY : "Transfer-Encoding: chunked";
            OutputStream out = socket.getOutputStream();
            out.write(("POST /sample HTTP/1.1\r\nHost: 127.0.0.1\r\n" + framing + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            Thread writer = new Thread(() -> stream(out, declareLength, sent), "huge-body-writer");
            writer.start();

            RawHttp.Reply reply = RawHttp.read(new BufferedInputStream(socket.getInputStream()));
            long sentWhenAnswered = sent.get();
            socket.close();
            writer.join(60_000);

            assertEquals(413, reply.status(), reply.text());
            assertTrue(reply.header("Content-Type").startsWith("application/json"), reply.text());
            assertTrue(Json.parse(reply.text()).asObject().getString("error", "").contains("limit of 1048576 bytes"),
                    reply.text());
            assertTrue(sentWhenAnswered < BODY, "answered after " + sentWhenAnswered + " of " + BODY + " bytes");
            assertTrue(sent.get() < BODY, "the server stopped taking the body: " + sent.get() + " of " + BODY);
            return sentWhenAnswered;
        }
    }

    /** Writes the body (as chunks without a length) until it is all sent or the connection fails. */
    private static void stream(OutputStream out, boolean declareLength, AtomicLong sent) {
        byte[] chunk = new byte[CHUNK];
        Arrays.fill(chunk, (byte) ' ');
        byte[] head = (Integer.toHexString(CHUNK) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\r\n".getBytes(StandardCharsets.US_ASCII);
        try {
            while (sent.get() < BODY) {
                if (!declareLength) {
                    out.write(head);
                }
                out.write(chunk);
                if (!declareLength) {
                    out.write(tail);
                }
                sent.addAndGet(CHUNK);
            }
            if (!declareLength) {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
        } catch (IOException e) {
            // the server answered and closed the connection: the rest of the body is never sent
        }
    }
}
