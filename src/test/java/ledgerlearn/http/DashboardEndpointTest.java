package ledgerlearn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ledgerlearn.testing.TestServer;
import org.junit.jupiter.api.Test;

final class DashboardEndpointTest {

    @Test
    void servesOneSelfContainedHtmlPageAtTheRootAndUnderV1() throws Exception {
        try (TestServer server = TestServer.start()) {
            HttpResponse<String> page = server.get("/");

            assertEquals(200, page.statusCode());
            assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElse(""));
            for (String id : List.of("samples", "classes", "requests", "curve", "recent", "companies")) {
                assertTrue(page.body().contains("id=\"" + id + "\""), "element #" + id);
            }
            assertTrue(page.body().contains("fetch(\"stats\""), "the data comes from GET stats, relative to the page");
            Matcher reference = Pattern.compile("(?:src|href)\\s*=\\s*\"([^\"]*)\"|url\\(|@import").matcher(page.body());
            while (reference.find()) {
                String target = reference.group(1);
                assertTrue(target != null && (target.startsWith("data:") || !target.contains(":")),
                        "nothing loaded from elsewhere: " + reference.group());
            }
            assertEquals(page.body(), server.get("/v1/").body());
        }
    }

    @Test
    void aViewAskedForInTheQueryIsRedirectedToThePageWithItInTheFragment() throws Exception {
        try (TestServer server = TestServer.start()) {
            HttpResponse<String> company = server.get("/?company=int:a%20b&window=100");
            HttpResponse<String> versioned = server.get("/v1/?window=500");

            assertEquals(303, company.statusCode());
            assertEquals("./#company=int%3Aa%20b&window=100", company.headers().firstValue("Location").orElse(""));
            assertEquals(303, versioned.statusCode());
            assertEquals("./#window=500", versioned.headers().firstValue("Location").orElse(""));
            assertEquals(400, server.get("/?x=1").statusCode(), "any other parameter is still refused");
        }
    }

    @Test
    void allowsOnlyThePagesOwnScriptAndStyleAndSameOriginFetches() throws Exception {
        try (TestServer server = TestServer.start()) {
            HttpResponse<String> page = server.get("/");
            String policy = page.headers().firstValue("Content-Security-Policy").orElse("");

            assertTrue(policy.startsWith("default-src 'none'; "), policy);
            assertTrue(policy.contains("script-src 'sha256-" + sha256(only("script", page.body())) + "';"), policy);
            assertTrue(policy.contains("style-src 'sha256-" + sha256(only("style", page.body())) + "';"), policy);
            assertTrue(policy.contains("connect-src 'self';"), policy);
            assertFalse(policy.contains("unsafe"), policy);
            assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElse(""));
        }
    }

    @Test
    void refusesAPageWithTwoScriptsRatherThanAllowOnlyOne() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> DashboardEndpoint.hashOfOnly("script", "<script>a()</script><p></p><script>b()</script>"));
        assertTrue(e.getMessage().contains("more than one <script>"), e.getMessage());
    }

    private static String only(String tag, String html) {
        Matcher matcher = Pattern.compile("<" + tag + ">(.*?)</" + tag + ">", Pattern.DOTALL).matcher(html);
        assertTrue(matcher.find());
        return matcher.group(1);
    }

    private static String sha256(String text) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(digest);
    }
}
