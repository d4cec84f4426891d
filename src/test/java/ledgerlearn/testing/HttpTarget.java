package ledgerlearn.testing;

import com.eclipsesource.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A server under test, called over HTTP/1.1 with java.net.http; every call is bounded by a timeout. */
public interface HttpTarget {
    /** Shared by every target: HttpClient is thread-safe and pools connections per address. */
    HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    URI uri(String path);

    default HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    default HttpResponse<String> post(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    default HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return trySend(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The number of samples stored, as GET /health reports it. */
    default long samples() {
        HttpResponse<String> health = get("/health");
        if (health.statusCode() != 200) {
            throw new AssertionError("GET /health: " + health.statusCode() + " " + health.body());
        }
        return Json.parse(health.body()).asObject().getLong("samples", -1);
    }

    /** As {@link #send}, but a connection failure is thrown as it is, for callers that expect some. */
    default HttpResponse<String> trySend(HttpRequest.Builder request) throws IOException {
        try {
            return CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
