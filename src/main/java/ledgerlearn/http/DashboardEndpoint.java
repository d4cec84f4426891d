package ledgerlearn.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.net.URLEncoder;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GET /: the dashboard, one self-contained HTML page from the jar that draws {@code GET /stats}.
 * Its Content-Security-Policy allows nothing but that page's own script and style and fetches
 * from the same origin.
 */
final class DashboardEndpoint implements Endpoint {
    static final String RESOURCE = "/ledgerlearn/dashboard.html";

    @Override
    public Set<String> queryParams() {
        return Set.of("company", "window");
    }

    /**
     * The page; asked for with {@code ?company=} or {@code ?window=}, a redirect to the page with them in the
     * fragment, where the page keeps its view (a query would be sent to the server with every refresh).
     */
    @Override
    public Response handle(Request request) {
        if (request.query().isEmpty()) {
            return Page.PAGE;
        }
        StringBuilder view = new StringBuilder();
        for (String name : List.of("company", "window")) {
            String value = request.query().get(name);
            if (value != null) {
                view.append(view.isEmpty() ? "#" : "&").append(name).append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
            }
        }
        // relative, so that the query is dropped and a page under /v1/ stays there
        String location = "./" + view;
        return new Response(303, "text/plain; charset=utf-8", ("See " + location + "\n").getBytes(StandardCharsets.UTF_8),
                Map.of("Location", location));
    }

    /**
     * The page and its policy, made on the first request rather than at start: reading and hashing it took
     * a fresh JVM about 60 ms of its start (the JDK's SHA-256 is loaded for it), and the page is once per JVM.
     */
    private static final class Page {
        static final Response PAGE = page();

        private static Response page() {
            byte[] html = load();
            String text = new String(html, StandardCharsets.UTF_8);
            // Hashes rather than 'unsafe-inline': data shown on the page comes from whoever posts samples,
            // and should it ever reach the DOM as markup, no injected handler or script may run.
            String policy = "default-src 'none'; script-src " + hashOfOnly("script", text)
                    + "; style-src " + hashOfOnly("style", text)
                    + "; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
            return new Response(200, "text/html; charset=utf-8", html,
                    Map.of("Content-Security-Policy", policy, "Referrer-Policy", "no-referrer"));
        }
    }

    private static byte[] load() {
        try (InputStream in = DashboardEndpoint.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The CSP source {@code 'sha256-...'} of the page's one {@code <tag>} element's text. */
    static String hashOfOnly(String tag, String html) {
        Matcher matcher = Pattern.compile("<" + tag + ">(.*?)</" + tag + ">", Pattern.DOTALL).matcher(html);
        if (!matcher.find()) {
            throw new IllegalStateException(RESOURCE + " has no <" + tag + "> element");
        }
        String content = matcher.group(1);
        if (matcher.find()) {
            throw new IllegalStateException(RESOURCE + " has more than one <" + tag + "> element");
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
