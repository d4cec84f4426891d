package ledgerlearn.http;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class AccessPolicyTest {
    static final String WRITER = "writer-token-0123456789";
    static final String READER = "reader-token-0123456789";
    static final String BOTH = "both-roles-token-0123456789";
    private static final InetAddress CLIENT = InetAddress.getLoopbackAddress();

    private final AccessPolicy policy = new AccessPolicy(tokens());

    static ApiTokens tokens() {
        try {
            return ApiTokens.parse(List.of(WRITER + " writer", READER + " reader", BOTH + " writer,reader"), "test");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @CsvSource({"GET, /", "GET, /openapi.json", "HEAD, /", "HEAD, /openapi.json"})
    void dashboardAndOpenApiArePublic(String method, String path) {
        assertEquals(Optional.empty(), AccessPolicy.required(method, path));
        assertDoesNotThrow(() -> policy.check(method, path, null, CLIENT));
    }

    @Test
    void postingSamplesNeedsTheWriterRole() {
        assertEquals(Optional.of(Role.WRITER), AccessPolicy.required("POST", "/sample"));
    }

    @ParameterizedTest
    @CsvSource({"DELETE, /companies/int:a055470", "DELETE, /companies/x%20y"})
    void deletingACompanyNeedsTheAdminRole(String method, String path) {
        assertEquals(Optional.of(Role.ADMIN), AccessPolicy.required(method, path));
        Caller caller = policy.check(method, path, "Bearer " + BOTH, CLIENT);
        HttpError error = assertThrows(HttpError.class, () -> AccessPolicy.requireRole(caller, method, path));
        assertEquals("token lacks the admin role needed for DELETE " + path, error.getMessage());
    }

    @Test
    void theCallerCarriesTheTokensRolesAndCompanies() throws IOException {
        AccessPolicy scoped = new AccessPolicy(ApiTokens.parse(List.of(READER + " reader companies=int:a,int:b"), "test"));

        Caller caller = scoped.check("GET", "/stats", "Bearer " + READER, CLIENT);

        assertEquals(new Caller(java.util.Set.of(Role.READER), java.util.Set.of("int:a", "int:b")), caller);
        assertEquals(Caller.ANYONE, scoped.check("GET", "/", null, CLIENT));
        assertEquals(Caller.ANYONE, AccessPolicy.ANONYMOUS.check("DELETE", "/companies/x", null, CLIENT));
    }

    @ParameterizedTest
    @CsvSource({"POST, /predict", "GET, /metrics/1000", "GET, /health", "GET, /sample", "POST, /", "POST, /openapi.json",
            "GET, /nope", "GET, /openapi.json/", "DELETE, /sample", "GET, /index.html", "GET, /companies",
            "GET, /companies/int:a055470/samples", "DELETE, /companies", "DELETE, /companies/x/samples"})
    void everythingElseNeedsTheReaderRoleUnknownPathsIncluded(String method, String path) {
        assertEquals(Optional.of(Role.READER), AccessPolicy.required(method, path));
    }

    @Test
    void missingMalformedOrUnknownTokenIs401() {
        for (String header : new String[] {null, "", "Bearer", "Bearer ", "Basic " + READER, READER,
                "Bearer " + READER.substring(1), "Bearer " + READER + "x", "Bearer wrong-token-0123456789"}) {
            HttpError error = assertThrows(HttpError.class, () -> policy.check("GET", "/health", header, CLIENT), header);
            assertEquals(401, error.status(), header);
            assertEquals(AccessPolicy.UNAUTHORIZED, error.getMessage());
        }
    }

    @Test
    void tokenWithoutTheNeededRoleIs403NamingRoleAndRoute() {
        Caller reader = policy.check("POST", "/sample", "Bearer " + READER, CLIENT);
        Caller writer = policy.check("GET", "/health", "Bearer " + WRITER, CLIENT);
        HttpError reading = assertThrows(HttpError.class, () -> AccessPolicy.requireRole(reader, "POST", "/sample"));
        assertEquals(403, reading.status());
        assertEquals("token lacks the writer role needed for POST /sample", reading.getMessage());

        HttpError writing = assertThrows(HttpError.class, () -> AccessPolicy.requireRole(writer, "GET", "/health"));
        assertEquals(403, writing.status());
        assertEquals("token lacks the reader role needed for GET /health", writing.getMessage());
    }

    @Test
    void eachRoleGrantsItsOwnRoutesAndALineMayGiveBoth() {
        assertDoesNotThrow(() -> AccessPolicy.requireRole(policy.check("POST", "/sample", "Bearer " + WRITER, CLIENT),
                "POST", "/sample"));
        assertDoesNotThrow(() -> AccessPolicy.requireRole(policy.check("POST", "/predict", "Bearer " + READER, CLIENT),
                "POST", "/predict"));
        assertDoesNotThrow(() -> AccessPolicy.requireRole(policy.check("POST", "/sample", "Bearer " + BOTH, CLIENT),
                "POST", "/sample"));
        assertDoesNotThrow(() -> AccessPolicy.requireRole(policy.check("GET", "/metrics/5", "Bearer " + BOTH, CLIENT),
                "GET", "/metrics/5"));
    }

    @Test
    void bearerSchemeIsCaseInsensitiveAndSpacesAroundTheTokenAreIgnored() {
        assertEquals(READER, AccessPolicy.bearer("bearer " + READER));
        assertEquals(READER, AccessPolicy.bearer("BEARER   " + READER + " "));
        assertNull(AccessPolicy.bearer("Bearer"));
        assertNull(AccessPolicy.bearer("Token " + READER));
    }

    @Test
    void withoutAnAuthFileEveryRequestIsLetThrough() {
        assertDoesNotThrow(() -> AccessPolicy.ANONYMOUS.check("POST", "/sample", null, CLIENT));
        assertDoesNotThrow(() -> AccessPolicy.ANONYMOUS.check("GET", "/health", "Bearer unknown", CLIENT));
    }
}
