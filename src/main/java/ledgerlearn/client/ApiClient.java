package ledgerlearn.client;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonValue;
import com.eclipsesource.json.ParseException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** Calls one server's API: builds its URLs, sends requests, and turns every failure into one line. */
final class ApiClient {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);
    private static final HttpResponse.BodyHandler<String> UTF8_BODY =
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8);

    private final String base;
    private final HttpClient http;

    ApiClient(URI url) {
        String text = url.toString();
        this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        // HTTP/1.1 keeps one connection alive for a whole stream; https uses the JDK's default trust store
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    /** The URL of {@code path} (with its query, if any) on the server. */
    URI uri(String path) throws Failure {
        try {
            URI uri = URI.create(base + path);
            if (("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below like any other unusable URL
        }
        throw new Failure("not a usable server URL: \"" + base + "\" (expected e.g. http://127.0.0.1:5000)");
    }

    HttpRequest get(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET().build();
    }

    HttpRequest post(URI uri, CharSequence body) {
        return HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toString().getBytes(StandardCharsets.UTF_8)))
                .build();
    }

    HttpResponse<String> send(HttpRequest request) throws Failure, InterruptedException {
        try {
            return http.send(request, UTF8_BODY);
        } catch (IOException e) {
            throw failure(request, e);
        }
    }

    CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest request) {
        return http.sendAsync(request, UTF8_BODY);
    }

    /** Waits for a request sent with {@link #sendAsync}. */
    HttpResponse<String> await(HttpRequest request, CompletableFuture<HttpResponse<String>> response)
            throws Failure, InterruptedException {
        try {
            return response.get();
        } catch (ExecutionException e) {
            throw failure(request, e.getCause());
        }
    }

    /** Sends {@code request} and returns the JSON of its 200 answer. */
    JsonValue json(HttpRequest request) throws Failure, InterruptedException {
        return expectJson(send(request));
    }

    /** The body of a 200 answer, parsed; any other status fails with the server's error message. */
    static JsonValue expectJson(HttpResponse<String> response) throws Failure {
        HttpRequest request = response.request();
        if (response.statusCode() != 200) {
            throw new Failure(request.method() + " " + request.uri() + " answered HTTP " + response.statusCode()
                    + ": " + errorMessage(response.body()));
        }
        try {
            return Json.parse(response.body());
        } catch (ParseException e) {
            throw new Failure(request.uri() + " answered something that is not JSON: " + abbreviate(response.body()));
        }
    }

    /** The message of a {@code {"error": message}} body, else the body itself on one line. */
    static String errorMessage(String body) {
        try {
            JsonValue json = Json.parse(body);
            if (json.isObject() && json.asObject().get("error") != null && json.asObject().get("error").isString()) {
                return json.asObject().get("error").asString();
            }
        } catch (ParseException e) {
            // not JSON (a proxy's HTML page, say): shown as it is
        }
        return abbreviate(body);
    }

    /** A server's answer on one line, cut short if it is long. */
    static String abbreviate(String text) {
        String line = text.strip().replaceAll("\\s*[\r\n]+\\s*", " ");
        return line.length() <= 500 ? line : line.substring(0, 500) + "...";
    }

    /** One line saying why a request got no answer; never a stack trace. */
    private Failure failure(HttpRequest request, Throwable cause) {
        if (hasCause(cause, HttpConnectTimeoutException.class)) {
            return unreachable("connection timed out");
        }
        if (hasCause(cause, UnresolvedAddressException.class) || hasCause(cause, UnknownHostException.class)) {
            return unreachable("unknown host");
        }
        if (hasCause(cause, ConnectException.class)) {
            return unreachable("connection refused");
        }
        if (hasCause(cause, HttpTimeoutException.class)) {
            return new Failure(request.method() + " " + request.uri() + ": no answer within "
                    + REQUEST_TIMEOUT.toSeconds() + " s");
        }
        return new Failure(request.method() + " " + request.uri() + " failed: "
                + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()));
    }

    private Failure unreachable(String reason) {
        return new Failure("cannot reach " + base + ": " + reason
                + " — is the server running? (start it with: java -jar ledgerlearn.jar server)");
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** What a command does with the server; it fails with one line. */
    @FunctionalInterface
    interface Call {
        void run() throws Failure, InterruptedException;
    }

    /** Runs a command's call and returns its exit code: 0, or 1 after printing its failure as one line on {@code err}. */
    static int exitCode(PrintStream err, Call call) {
        try {
            call.run();
            return 0;
        } catch (Failure failure) {
            err.println(failure.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("interrupted");
            return 1;
        }
    }

    /** Ends a command with one line on stderr and exit code 1. */
    static final class Failure extends Exception {
        Failure(String message) {
            super(message, null, false, false);
        }
    }
}
