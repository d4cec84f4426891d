package ledgerlearn.client;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonValue;
import com.eclipsesource.json.ParseException;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.ZipException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import ledgerlearn.secret.SecretFiles;

/**
 * Calls one server's API: builds its URLs, sends requests over one keep-alive connection (see
 * {@link BatchConnection} for why not the JDK's HTTP client), and turns every failure into one line.
 */
final class ApiClient implements Closeable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);

    private final String base;
    /** The TLS context of an {@code https} server: --trust-store's, else the JDK's default; {@code null} for http. */
    private final SSLContext tls;
    /** The {@code Authorization} header's value, {@code null} without a token. */
    private final String authorization;
    /** The connection of {@link #send}, {@code null} until the first request. */
    private BatchConnection calls;

    /**
     * A client of the server {@code connection} names; fails when the token or the trust store cannot be read,
     * or when an {@code https://} server answers plain HTTP. Warnings (a token file others may read) go to {@code err}.
     */
    ApiClient(Connection connection, PrintStream err) throws Failure {
        String text = connection.url().toString();
        this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        URI url = uri("");
        boolean https = "https".equalsIgnoreCase(url.getScheme());
        // https trusts the JDK's default trust store unless --trust-store names another
        SSLContext tls = null;
        if (connection.trustStore() != null) {
            try {
                tls = TrustStore.sslContext(connection.trustStore(), connection.trustStorePassword());
            } catch (IOException e) {
                throw new Failure(e.getMessage());
            }
        } else if (https) {
            try {
                tls = SSLContext.getDefault();
            } catch (NoSuchAlgorithmException e) {
                throw new Failure("cannot talk to " + base + " over TLS: " + e.getMessage());
            }
        }
        this.tls = tls;
        if (https) {
            Optional<String> plain = TlsProbe.plainHttpInsteadOfTls(url.getHost(), port(url), this.tls);
            if (plain.isPresent()) {
                throw Failure.lost(plain.get());
            }
        }
        String token = token(connection, err);
        this.authorization = token == null ? null : "Bearer " + token;
    }

    private static int port(URI url) {
        return url.getPort() >= 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }

    /**
     * The API token from --token-file, else from the environment; {@code null} when neither is given. The
     * file holds the token alone, or lines in the server's auth file format ({@code TOKEN ROLE[,ROLE]},
     * {@code #} comments): then the first token is sent.
     */
    private static String token(Connection connection, PrintStream err) throws Failure {
        String token;
        String source;
        if (connection.tokenFile() != null) {
            source = "token file " + connection.tokenFile();
            try {
                // Latin-1 decodes any byte; a token is printable ASCII, which the check below enforces
                token = firstToken(Files.readString(connection.tokenFile(), StandardCharsets.ISO_8859_1));
            } catch (IOException e) {
                throw unreadable(source, e);
            }
            SecretFiles.readableByOthers(connection.tokenFile(), "token file")
                    .ifPresent(warning -> err.println("warning: " + warning));
        } else if (connection.token() != null) {
            source = Connection.TOKEN_ENV;
            token = connection.token().value().strip();
        } else {
            return null;
        }
        // the token is never echoed: a message may end up in a log
        if (token.isEmpty() || !token.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
            throw new Failure("the API token in " + source + " must be one word of printable ASCII");
        }
        return token;
    }

    /** The first field of the first line that is neither blank nor a {@code #} comment; empty if there is none. */
    static String firstToken(String file) {
        for (String line : file.split("\\R")) {
            String text = line.strip();
            if (!text.isEmpty() && !text.startsWith("#")) {
                return text.split("\\s+", 2)[0];
            }
        }
        return "";
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

    /** A connection for POSTing a stream's batches to {@code uri}, with this client's token and TLS context. */
    BatchConnection batchConnection(URI uri) {
        return new BatchConnection(uri, tls, authorization, CONNECT_TIMEOUT, REQUEST_TIMEOUT);
    }

    /** A request of a command: {@code body} is JSON, {@code null} for none. */
    record Request(String method, URI uri, byte[] body) {
    }

    Request get(URI uri) {
        return new Request("GET", uri, null);
    }

    /** A POST of a JSON body. */
    Request post(URI uri, CharSequence body) {
        return new Request("POST", uri, body.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Sends {@code request} on this client's connection, opened on the first request, and returns the answer. */
    BatchConnection.Answer send(Request request) throws Failure {
        if (calls == null) {
            calls = batchConnection(uri(""));
        }
        try {
            return calls.call(request.method(), request.uri(), request.body());
        } catch (IOException e) {
            throw failure(request.method(), request.uri(), e);
        }
    }

    /** Sends {@code request} and returns the JSON of its 200 answer. */
    JsonValue json(Request request) throws Failure {
        return expectJson(request, send(request));
    }

    /** The body of a 200 answer, parsed; any other status fails with the server's error message. */
    static JsonValue expectJson(Request request, BatchConnection.Answer answer) throws Failure {
        if (answer.status() != 200) {
            String message = errorMessage(answer.body());
            throw Failure.answered(request.method() + " " + request.uri() + " answered HTTP " + answer.status()
                    + ": " + message + authHint(answer.status(), message), answer.status());
        }
        return parse(request.uri(), answer.body());
    }

    /** The JSON of a 200 answer from {@code uri}; a body that is not JSON fails with the start of it. */
    static JsonValue parse(URI uri, String body) throws Failure {
        try {
            return Json.parse(body);
        } catch (ParseException e) {
            throw new Failure(uri + " answered something that is not JSON: " + abbreviate(body));
        }
    }

    @Override
    public void close() {
        if (calls != null) {
            calls.close();
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

    /**
     * What to do about a 401, or a 403 for a role the token lacks, else nothing (a 403 for a company the token is
     * not bound to, or for a request from a web page, says itself what is wrong).
     */
    static String authHint(int status, String message) {
        if (status == 401) {
            return " (give the API token in --token-file or " + Connection.TOKEN_ENV + ")";
        }
        if (status == 403 && message.contains(" role")) {
            return " (the token needs the writer role for POST /sample and the reader role for the rest)";
        }
        return "";
    }

    /** One line saying why a local file (a data set, a token file) cannot be read. */
    static Failure unreadable(String source, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new Failure("cannot read " + source + ": no such file");
        }
        if (e instanceof AccessDeniedException) {
            return new Failure("cannot read " + source + ": permission denied");
        }
        if (e instanceof FileSystemException fileSystem) {
            return new Failure("cannot read " + source + ": " + fileSystem.getReason());
        }
        if (e instanceof ZipException) {
            return new Failure("cannot read " + source + ": not a readable zip (" + e.getMessage() + ")");
        }
        // the data set reader's own messages start with the file's name
        return new Failure("cannot read data set " + e.getMessage());
    }

    /** A server's answer on one line, cut short if it is long. */
    static String abbreviate(String text) {
        String line = text.strip().replaceAll("\\s*[\r\n]+\\s*", " ");
        return line.length() <= 500 ? line : line.substring(0, 500) + "...";
    }

    /** One line saying why a request ({@code method} to {@code uri}) got no answer; never a stack trace. */
    Failure failure(String method, URI uri, Throwable cause) {
        if (connectTimedOut(cause)) {
            return unreachable("connection timed out");
        }
        if (hasCause(cause, UnknownHostException.class)) {
            return unreachable("unknown host");
        }
        if (hasCause(cause, ConnectException.class)) {
            return unreachable("connection refused");
        }
        if (closedByServer(cause)) {
            if ("http".equalsIgnoreCase(uri.getScheme()) && TlsProbe.speaksTls(uri.getHost(), port(uri))) {
                return new Failure(method + " " + uri.getRawPath() + ": the server at " + base + " speaks TLS, and closed"
                        + " the plain HTTP request without an answer. Use https://" + uri.getRawAuthority()
                        + " (with --trust-store FILE if its certificate is one of your own)");
            }
            return Failure.lost(method + " " + uri.getRawPath() + ": the server at " + base
                    + " closed the connection without an answer (it stopped or crashed)");
        }
        if (hasCause(cause, SSLHandshakeException.class)) {
            return new Failure("cannot talk to " + base + " over TLS: " + cause.getMessage()
                    + " — does --trust-store hold the server's certificate?");
        }
        if (hasCause(cause, SSLException.class)) {
            return new Failure("cannot talk to " + base + " over TLS: " + cause.getMessage()
                    + " — does the server serve https?");
        }
        if (hasCause(cause, SocketTimeoutException.class)) {
            return Failure.lost(method + " " + uri + ": no answer within " + REQUEST_TIMEOUT.toSeconds() + " s");
        }
        return new Failure(method + " " + uri + " failed: "
                + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()));
    }

    /** Whether the socket's connect timed out (a read that timed out says "Read timed out"). */
    private static boolean connectTimedOut(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException && t.getMessage() != null
                    && t.getMessage().toLowerCase(Locale.ROOT).contains("connect")) {
                return true;
            }
        }
        return false;
    }

    private Failure unreachable(String reason) {
        return Failure.lost("cannot reach " + base + ": " + reason
                + " — is the server running? (start it with: java -jar ledgerlearn.jar server)");
    }

    /** Whether the connection was closed or reset by the other side before an answer came. */
    private static boolean closedByServer(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage();
            if (t instanceof EOFException || message.contains("Connection reset")
                    || message.contains("Broken pipe")) {
                return true;
            }
        }
        return false;
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

    /**
     * Ends a command with one line on stderr and exit code 1. It says whether the server answered (and
     * with which status), or was lost: refused the connection, closed it, or stopped answering.
     */
    static final class Failure extends Exception {
        private final int status;
        private final boolean serverLost;

        Failure(String message) {
            this(message, 0, false);
        }

        private Failure(String message, int status, boolean serverLost) {
            super(message, null, false, false);
            this.status = status;
            this.serverLost = serverLost;
        }

        /** A failure of a request the server answered with {@code status}. */
        static Failure answered(String message, int status) {
            return new Failure(message, status, false);
        }

        /** A failure of a request that the server never answered: it could not be reached or went away. */
        static Failure lost(String message) {
            return new Failure(message, 0, true);
        }

        /** The HTTP status the server answered with; 0 when it did not answer. */
        int status() {
            return status;
        }

        /** Whether the server could not be reached, closed the connection, or stopped answering. */
        boolean serverLost() {
            return serverLost;
        }
    }
}
