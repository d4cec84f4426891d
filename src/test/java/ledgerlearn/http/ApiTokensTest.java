package ledgerlearn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class ApiTokensTest {
    private static final String TOKEN = "s3cret-token-abcdefgh";

    @TempDir
    Path dir;

    @Test
    void readsTokenRoleLinesSkippingCommentsAndBlankLines() throws IOException {
        Path file = dir.resolve("tokens");
        Files.writeString(file, "# ledgerlearn API tokens\n\n" + TOKEN + " writer\n  \t\n"
                + "  reader-token-0123456789\treader  \r\n# both=\nboth-token-0123456789== reader,writer\n");

        ApiTokens tokens = ApiTokens.load(file);

        assertEquals(3, tokens.size());
        assertEquals(Set.of(Role.WRITER), tokens.rolesOf(TOKEN));
        assertEquals(Set.of(Role.READER), tokens.rolesOf("reader-token-0123456789"));
        assertEquals(Set.of(Role.READER, Role.WRITER), tokens.rolesOf("both-token-0123456789=="));
    }

    @ParameterizedTest
    @CsvSource({"aaaaaaaaaaaaaaaa, 0", "abababababababab, 2", "abcdabcdabcdabcd, 2", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab, 2",
            "passwordpassword, 22", "changemechangeme1, 27", "1234567890123456, 5", "abcdefghijklmnop, 2",
            "0123456789abcdef, 8", "reader-0123456789, 25"})
    void refusesTokensThatRepeatACharacterOrAPatternOrRunThroughConsecutiveOnesNamingTheLine(String token, int bits) {
        IOException e = assertThrows(IOException.class,
                () -> ApiTokens.parse(List.of("# tokens", TOKEN + " reader", token + " writer"), "auth file t"));

        assertTrue(e.getMessage().startsWith("auth file t line 3: the token looks guessable (about " + bits + " bits"),
                e.getMessage());
        assertTrue(e.getMessage().contains("openssl rand -base64 24"), e.getMessage());
        assertFalse(e.getMessage().contains(token), "the message never shows the token");
    }

    @Test
    void acceptsRandomTokensOfTheShortestAllowedLength() throws IOException {
        java.security.SecureRandom random = new java.security.SecureRandom();
        for (int i = 0; i < 1000; i++) {
            byte[] bytes = new byte[12];
            random.nextBytes(bytes);
            String base64 = java.util.Base64.getEncoder().encodeToString(bytes);
            assertTrue(ApiTokens.estimatedBits(base64) >= ApiTokens.MIN_BITS, base64);
        }
        assertEquals(1, ApiTokens.parse(List.of("9f3c07be41d2a865 reader"), "t").size());
    }

    @Test
    void refusesFewRandomTokensOfSixteenHexDigits() {
        java.util.Random random = new java.util.Random(42);
        int refused = 0;
        for (int i = 0; i < 100_000; i++) {
            String hex = String.format("%016x", random.nextLong());
            refused += ApiTokens.estimatedBits(hex) < ApiTokens.MIN_BITS ? 1 : 0;
        }
        assertTrue(refused <= 20, refused + " of 100,000 refused");
    }

    @ParameterizedTest
    @CsvSource({"reader-token-0123456789", "writer-0123456789abcdef", "s3cret-token-abcdefgh"})
    void acceptsTokensWithEnoughLeftToChanceBesideARun(String token) {
        assertTrue(ApiTokens.estimatedBits(token) >= ApiTokens.MIN_BITS, token);
    }

    @Test
    void aThirdFieldBindsTheTokenToItsCompaniesAndAdminIsARole() throws IOException {
        ApiTokens tokens = ApiTokens.parse(List.of(TOKEN + " reader,writer companies=int:a055470,int:44fa489",
                "admin-token-0123456789 admin", "scoped-admin-0123456789 admin,reader companies=int:a055470"), "test");

        assertEquals(new Caller(Set.of(Role.READER, Role.WRITER), Set.of("int:a055470", "int:44fa489")),
                tokens.callerOf(TOKEN));
        assertEquals(new Caller(Set.of(Role.ADMIN), null), tokens.callerOf("admin-token-0123456789"));
        assertEquals(Set.of("int:a055470"), tokens.callerOf("scoped-admin-0123456789").companies());
        assertEquals(null, tokens.callerOf("unknown-token-0123456789"));
    }

    @Test
    void matchesATokenWhicheverLineItIsOn() throws IOException {
        List<String> lines = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            lines.add("token-number-" + (1000 + i) + "-abcdef " + (i % 2 == 0 ? "reader" : "writer"));
        }
        ApiTokens tokens = ApiTokens.parse(lines, "test");

        assertEquals(Set.of(Role.READER), tokens.rolesOf("token-number-1000-abcdef"));
        assertEquals(Set.of(Role.WRITER), tokens.rolesOf("token-number-1025-abcdef"));
        assertEquals(Set.of(Role.WRITER), tokens.rolesOf("token-number-1049-abcdef"));
    }

    @Test
    void refusesNullPrefixesExtensionsAndNearMisses() throws IOException {
        ApiTokens tokens = ApiTokens.parse(List.of(TOKEN + " reader"), "test");

        for (String guess : new String[] {null, "", TOKEN.substring(0, TOKEN.length() - 1), TOKEN + "h", TOKEN + " ",
                TOKEN.toUpperCase(), "t3cret-token-abcdefgh", TOKEN.substring(0, 1)}) {
            assertEquals(Set.of(), tokens.rolesOf(guess), String.valueOf(guess));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "s3cret-token-abcdefgh                  | expected \"TOKEN ROLE[,ROLE] [companies=ID[,ID...]]\" (2 or 3 fields), found 1",
            "s3cret-token-abcdefgh writer # ci      | found 4",
            "s3cret-token-abcdefgh writer reader    | the third field must be companies=ID[,ID...]",
            "s3cret-token-abcdefgh writer s3cret-x  | the third field must be companies=ID[,ID...]",
            "s3cret-token-abcdefgh reader companies= | an empty company in companies=",
            "s3cret-token-abcdefgh reader companies=a,,b | an empty company",
            "s3cret-token-abcdefgh reader companies=a,a | company a given twice",
            "s3cret-token-abcdefgh superuser        | the second field must be roles reader, writer and/or admin",
            "s3cret-token-abcdefgh writer,          | the second field must be roles reader, writer and/or admin",
            "s3cret-token-abcdefgh Writer           | the second field must be roles reader, writer and/or admin",
            "s3cret-token-abcdefgh reader,reader    | role reader given twice",
            "writer s3cret-token-abcdefgh           | at least 16 characters",
            "s3cret-tok reader                      | at least 16 characters",
            "s3cret-token-abcdefgh\"x reader        | at least 16 characters",
            "s3cret-token=abcdefgh reader           | at least 16 characters"})
    void malformedLineIsRefusedNamingItsNumberButNeverTheToken(String line, String expected) {
        IOException e = assertThrows(IOException.class,
                () -> ApiTokens.parse(List.of("# tokens", "ok-token-0123456789abc reader", line.strip()), "auth file t"));

        assertTrue(e.getMessage().startsWith("auth file t line 3: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    }

    @Test
    void repeatedTokenIsRefusedNamingBothLines() {
        IOException e = assertThrows(IOException.class,
                () -> ApiTokens.parse(List.of(TOKEN + " reader", "", TOKEN + " writer"), "auth file t"));

        assertEquals("auth file t line 3: the same token as line 1; give it one line with both roles,"
                + " e.g. TOKEN writer,reader", e.getMessage());
    }

    @Test
    void fileWithoutTokensIsRefused() {
        IOException e = assertThrows(IOException.class, () -> ApiTokens.parse(List.of("# none yet", ""), "auth file t"));

        assertTrue(e.getMessage().startsWith("auth file t: no tokens"), e.getMessage());
    }

    @Test
    void readsTheFileAsUtf8SoATokenBindsToACompanyWhoseIdIsNotAscii() throws IOException {
        Path file = dir.resolve("tokens");
        Files.writeString(file, TOKEN + " reader companies=Købmand-Ærø,int:a055470\n", java.nio.charset.StandardCharsets.UTF_8);

        assertEquals(Set.of("Købmand-Ærø", "int:a055470"), ApiTokens.load(file).callerOf(TOKEN).companies());
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedSayingSo() throws IOException {
        Path file = dir.resolve("tokens");
        Files.write(file, ("# tokens\n" + TOKEN + " reader companies=K\u00f8bmand\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        IOException e = assertThrows(IOException.class, () -> ApiTokens.load(file));

        assertEquals("auth file " + file + " line 2: not UTF-8 text", e.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        Path file = dir.resolve("absent");

        IOException e = assertThrows(IOException.class, () -> ApiTokens.load(file));

        assertEquals("cannot read auth file " + file + ": no such file", e.getMessage());
    }
}
