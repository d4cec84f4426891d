package ledgerlearn.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The API tokens of an auth file ({@code TOKEN ROLE[,ROLE] [companies=ID[,ID...]]} a line, {@code #} comments),
 * each kept only as the SHA-256 digest of the token with its roles and, for a token bound to companies, those
 * companies. No message ever includes a token.
 */
public final class ApiTokens {
    /** Sixteen characters of the token alphabet hold about 96 bits when drawn at random: not guessable over HTTP. */
    static final int MIN_LENGTH = 16;
    /**
     * The least a token's {@link #estimatedBits} may be. A random token of 16 hex digits, the shortest
     * random token the length rule lets through, falls below it about once in 20,000; {@code aaaa...},
     * {@code abab...}, {@code passwordpassword}, {@code 1234567890123456} and {@code 0123456789abcdef}
     * fall below it always.
     */
    static final int MIN_BITS = 30;
    /** A stretch at least this long that already occurred earlier in the token adds nothing to its chance. */
    private static final int MIN_REPEAT = 4;
    private static final int REPEAT_WINDOW = 256;
    /** RFC 6750's token68: what a client can send after {@code Bearer } without quoting. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~+/-]+=*");
    private static final String COMPANIES = "companies=";
    private static final String SYNTAX = "\"TOKEN ROLE[,ROLE] [companies=ID[,ID...]]\"";

    private final List<Entry> entries;

    private record Entry(int line, byte[] digest, Caller caller) {
    }

    private ApiTokens(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** Reads an auth file; an unreadable or malformed file is an {@link IOException} naming the file and line. */
    public static ApiTokens load(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException("cannot read auth file " + file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new IOException("cannot read auth file " + file + ": permission denied");
        } catch (IOException e) {
            throw new IOException("cannot read auth file " + file + ": " + e.getMessage());
        }
        return parse(utf8Lines(bytes, file), "auth file " + file);
    }

    /**
     * The file's lines, read as UTF-8: the companies a token is bound to are compared with those of the samples'
     * UTF-8 JSON. A line that is not UTF-8 is refused by its number (not shown: it may hold a token).
     */
    private static List<String> utf8Lines(byte[] bytes, Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
        int start = 0;
        for (int end = 0; end <= bytes.length; end++) {
            if (end < bytes.length && bytes[end] != '\n') {
                continue;
            }
            try {
                lines.add(decoder.decode(ByteBuffer.wrap(bytes, start, end - start)).toString());
            } catch (CharacterCodingException e) {
                throw new IOException("auth file " + file + " line " + (lines.size() + 1) + ": not UTF-8 text");
            }
            start = end + 1;
        }
        return lines;
    }

    static ApiTokens parse(List<String> lines, String source) throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + " line " + (i + 1) + ": ";
            String[] fields = line.split("\\s+");
            if (fields.length != 2 && fields.length != 3) {
                throw new IOException(where + "expected " + SYNTAX + " (2 or 3 fields), found " + fields.length
                        + " (comments must be on their own line)");
            }
            if (fields[0].length() < MIN_LENGTH || !TOKEN.matcher(fields[0]).matches()) {
                throw new IOException(where + "a token must be at least " + MIN_LENGTH
                        + " characters of A-Z a-z 0-9 - . _ ~ + / (optionally ending in =)");
            }
            double bits = estimatedBits(fields[0]);
            if (bits < MIN_BITS) {
                throw new IOException(where + String.format(Locale.ROOT, "the token looks guessable (about %.0f bits by"
                        + " what is left of it without repeats and runs; at least %d needed): make one at random, e.g."
                        + " openssl rand -base64 24", bits, MIN_BITS));
            }
            byte[] digest = sha256(fields[0]);
            for (Entry entry : entries) {
                if (MessageDigest.isEqual(entry.digest, digest)) {
                    throw new IOException(where + "the same token as line " + entry.line
                            + "; give it one line with both roles, e.g. TOKEN writer,reader");
                }
            }
            Set<String> companies = fields.length == 3 ? companies(fields[2], where) : null;
            entries.add(new Entry(i + 1, digest, new Caller(roles(fields[1], where), companies)));
        }
        if (entries.isEmpty()) {
            throw new IOException(source + ": no tokens, so nobody could call the API; add lines " + SYNTAX);
        }
        return new ApiTokens(entries);
    }

    private static Set<Role> roles(String field, String where) throws IOException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : field.split(",", -1)) {
            Role role = Role.parse(name);
            // the field is not echoed: on a mistaken line (two tokens, say) it may hold a token
            if (role == null) {
                throw new IOException(where + "the second field must be roles reader, writer and/or admin,"
                        + " comma-separated (e.g. TOKEN writer,reader)");
            }
            if (!roles.add(role)) {
                throw new IOException(where + "role " + role.label() + " given twice");
            }
        }
        return Set.copyOf(roles);
    }

    /**
     * An estimate of how much a token was left to chance: the Shannon entropy of the character frequencies of
     * what is left of it once the patterns people type to get past a length rule are taken out, times the
     * number of characters left. Taken out are a stretch of {@value #MIN_REPEAT} or more characters that occurred earlier (the
     * second {@code password} of {@code passwordpassword}, every {@code a} after the first of {@code aaaa...})
     * and each character that goes on a run of three or more consecutive ones ({@code 3456789} of
     * {@code 0123456789}). It cannot tell a word from chance ({@code Password12345678} passes).
     */
    static double estimatedBits(String token) {
        Map<Character, Integer> counts = new HashMap<>();
        int left = 0;
        for (int i = 0; i < token.length(); ) {
            int repeated = longestEarlierOccurrence(token, i);
            if (repeated >= MIN_REPEAT) {
                i += repeated;
            } else {
                if (!goesOnARun(token, i)) {
                    counts.merge(token.charAt(i), 1, Integer::sum);
                    left++;
                }
                i++;
            }
        }
        double bits = 0;
        for (int count : counts.values()) {
            bits -= count * Math.log((double) count / left) / Math.log(2);
        }
        return bits;
    }

    /**
     * The length of the longest stretch starting at {@code from} that also starts at most {@value #REPEAT_WINDOW}
     * characters earlier (it may overlap it); the window keeps a very long token's check short.
     */
    private static int longestEarlierOccurrence(String token, int from) {
        int longest = 0;
        for (int earlier = Math.max(0, from - REPEAT_WINDOW); earlier < from; earlier++) {
            int length = 0;
            while (from + length < token.length() && token.charAt(earlier + length) == token.charAt(from + length)) {
                length++;
            }
            longest = Math.max(longest, length);
        }
        return longest;
    }

    /** Whether the character at {@code i} is the third or later of consecutive ones, such as {@code c} in {@code abc} or {@code 7} in {@code 987}. */
    private static boolean goesOnARun(String token, int i) {
        if (i < 2) {
            return false;
        }
        int step = token.charAt(i) - token.charAt(i - 1);
        return Math.abs(step) == 1 && token.charAt(i - 1) - token.charAt(i - 2) == step;
    }

    private static Set<String> companies(String field, String where) throws IOException {
        // the field is not echoed unless it is a companies field: on a mistaken line it may hold a token
        if (!field.startsWith(COMPANIES)) {
            throw new IOException(where + "the third field must be " + COMPANIES + "ID[,ID...], the companies the token"
                    + " is bound to (e.g. TOKEN reader companies=int:a055470,int:44fa489)");
        }
        Set<String> companies = new java.util.LinkedHashSet<>();
        for (String company : field.substring(COMPANIES.length()).split(",", -1)) {
            if (company.isEmpty()) {
                throw new IOException(where + "an empty company in " + field + "; separate company ids by single commas");
            }
            if (!companies.add(company)) {
                throw new IOException(where + "company " + company + " given twice");
            }
        }
        return companies;
    }

    /** How many tokens the file holds. */
    public int size() {
        return entries.size();
    }

    /**
     * The roles of {@code token}; empty when it is {@code null} or unknown. Every entry is compared, and
     * fixed-length digests are compared with {@link MessageDigest#isEqual} (constant time), so the time
     * taken says neither how much of a token was right nor which entry matched.
     */
    Set<Role> rolesOf(String token) {
        Caller caller = callerOf(token);
        return caller == null ? Set.of() : caller.roles();
    }

    /** The roles and companies of {@code token}, compared as {@link #rolesOf} says; {@code null} when unknown. */
    Caller callerOf(String token) {
        if (token == null) {
            return null;
        }
        byte[] digest = sha256(token);
        Caller caller = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.digest, digest)) {
                caller = entry.caller;
            }
        }
        return caller;
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
