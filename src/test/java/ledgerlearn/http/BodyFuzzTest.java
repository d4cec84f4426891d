package ledgerlearn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonValue;
import com.eclipsesource.json.ParseException;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ledgerlearn.sample.Sample;
import ledgerlearn.testing.Samples;
import ledgerlearn.testing.StoreAudit;
import ledgerlearn.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * Valid /sample and /predict bodies mutated many thousands of times from a fixed seed: no answer is
 * a 5xx, every refusal is a JSON error, and the store only changes through a 200.
 */
final class BodyFuzzTest {
    private static final long SEED = 0x5EED_F022L;
    private static final int ITERATIONS = 20_000;
    private static final Pattern MEMBER = Pattern.compile("\"[A-Za-z :]*\":\"[^\"]*\"");
    private static final Pattern VALUE = Pattern.compile(":\"[^\"]*\"");
    private static final String[] ODD = {"{", "}", "[", "]", "\"", "\\", ",", ":", "null", "true", "-0", "1e999",
        "123456789012345678901234567890", "\\u0000", "\\ud800", "\\uZZZZ", "NaN", "Infinity", "//", "/*", "\n", "\t",
        " ", "'", "\u00e6", "\ud83d\ude00", "{}", "[]", "\"\":\"\"", "\"Amount\":\"1\","};
    private static final byte[][] NOT_UTF8 = {{(byte) 0xFF}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
        {(byte) 0xE6}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}};

    @Test
    void mutatedBodiesNeverGet5xxAlwaysGetJsonErrorsAndChangeTheStoreOnlyThroughA200() throws Exception {
        Random random = new Random(SEED);
        try (TestServer server = TestServer.startWith("--fsync", "false", "--max-body", "64k")) {
            assertEquals(200, server.post("/sample", Samples.body(Samples.stream(200, 3))).statusCode());
            List<byte[]> samples = new ArrayList<>();
            List<byte[]> queries = new ArrayList<>();
            List<Sample> rows = Samples.stream(60, 4);
            for (int i = 0; i < 20; i++) {
                samples.add(utf8(Samples.body(rows.subList(3 * i, 3 * i + 1 + i % 3))));
                queries.add(utf8(Samples.query(rows.get(i))));
            }
            long total = 200;
            long storeBytes = Files.size(server.storeFile());
            int refused = 0;
            int acceptedBatches = 0;
            int answeredQueries = 0;

            for (int i = 0; i < ITERATIONS; i++) {
                boolean sample = random.nextBoolean();
                byte[] base = (sample ? samples : queries).get(random.nextInt(20));
                byte[] body = mutate(base, random);
                String path = sample ? "/sample" : "/predict?top=" + (1 + random.nextInt(3));
                HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri(path))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
                String context = "iteration " + i + " (seed " + SEED + "), POST " + path + " "
                        + HexFormat.of().formatHex(body, 0, Math.min(body.length, 400)) + " → "
                        + response.statusCode() + " " + response.body();
                int status = response.statusCode();
                assertTrue(status < 500, context);
                if (status == 200) {
                    if (sample) {
                        JsonObject answer = Json.parse(response.body()).asObject();
                        total += answer.getInt("accepted", -1);
                        assertEquals(total, answer.getLong("total", -1), context);
                        assertTrue(Files.size(server.storeFile()) > storeBytes, context);
                        storeBytes = Files.size(server.storeFile());
                        acceptedBatches++;
                    } else {
                        assertTrue(Json.parse(response.body()).isArray(), context);
                        answeredQueries++;
                    }
                } else {
                    assertJsonError(response, context);
                    assertEquals(storeBytes, Files.size(server.storeFile()), context);
                    refused++;
                }
            }

            assertEquals(total, server.samples());
            StoreAudit audit = StoreAudit.ofUntagged(server.dataDir());
            assertEquals(total, audit.rows().size());
            assertEquals(0, audit.bytesCut());
            System.out.printf("reliability: fuzz (seed %d): %d mutated bodies, %d refused with a 4xx JSON error,"
                            + " %d valid batches stored (%d rows), %d valid queries answered, 0 5xx; store changed only"
                            + " through 200s%n", SEED, ITERATIONS, refused, acceptedBatches, total - 200, answeredQueries);
        }
    }

    private static void assertJsonError(HttpResponse<String> response, String context) {
        assertTrue(response.statusCode() >= 400, context);
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), context);
        assertFalse(response.body().contains("\tat "), context);
        JsonValue error;
        try {
            error = Json.parse(response.body()).asObject().get("error");
        } catch (ParseException | UnsupportedOperationException e) {
            throw new AssertionError("not a JSON object: " + context, e);
        }
        assertTrue(error != null && error.isString() && !error.asString().isBlank(), context);
    }

    /** One to three mutations of {@code body}, each drawn from {@code random}. */
    static byte[] mutate(byte[] body, Random random) {
        byte[] bytes = body;
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            bytes = mutateOnce(bytes, random);
        }
        return bytes;
    }

    private static byte[] mutateOnce(byte[] bytes, Random random) {
        int at = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
        return switch (random.nextInt(11)) {
            case 0 -> { // a byte set to any value
                byte[] copy = bytes.clone();
                if (copy.length > 0) {
                    copy[at] = (byte) random.nextInt(256);
                }
                yield copy;
            }
            case 1 -> Arrays.copyOf(bytes, at); // truncated
            case 2 -> splice(bytes, at, Math.min(bytes.length, at + 1 + random.nextInt(16)), new byte[0]); // a range cut out
            case 3 -> splice(bytes, at, at, utf8(ODD[random.nextInt(ODD.length)])); // an odd token inserted
            case 4 -> splice(bytes, at, at, NOT_UTF8[random.nextInt(NOT_UTF8.length)]); // bytes that are not UTF-8
            case 5 -> { // a range repeated
                int end = Math.min(bytes.length, at + 1 + random.nextInt(40));
                yield splice(bytes, end, end, Arrays.copyOfRange(bytes, at, end));
            }
            case 6 -> duplicateKey(bytes, random);
            case 7 -> replaceValue(bytes, random, new String[] {":1e400", ":" + "9".repeat(400), ":-1", ":0.5", ":true",
                ":null", ":{}", ":[]", ":{\"a\":[1]}", ":\"" + "x".repeat(1200) + "\"", ":\"2016-02-30\"", ":\"\""});
            case 8 -> { // wrapped in brackets, sometimes deeper than allowed
                int depth = 1 + random.nextInt(100);
                yield concat(utf8("[".repeat(depth)), bytes, utf8("]".repeat(depth)));
            }
            case 9 -> { // two bytes swapped
                byte[] copy = bytes.clone();
                if (copy.length > 1) {
                    int other = random.nextInt(copy.length);
                    byte b = copy[at];
                    copy[at] = copy[other];
                    copy[other] = b;
                }
                yield copy;
            }
            default -> { // a key's letters changed
                byte[] copy = bytes.clone();
                Matcher key = MEMBER.matcher(new String(bytes, StandardCharsets.ISO_8859_1));
                if (key.find(at)) {
                    copy[key.start() + 1] = (byte) (random.nextBoolean() ? 'x' : Character.toLowerCase(copy[key.start() + 1]));
                }
                yield copy;
            }
        };
    }

    /** A {@code "Key":"value"} member repeated right after itself. */
    private static byte[] duplicateKey(byte[] bytes, Random random) {
        Matcher member = MEMBER.matcher(new String(bytes, StandardCharsets.ISO_8859_1));
        if (!member.find(random.nextInt(Math.max(1, bytes.length)))) {
            return bytes;
        }
        return splice(bytes, member.end(), member.end(), utf8("," + member.group()));
    }

    private static byte[] replaceValue(byte[] bytes, Random random, String[] values) {
        Matcher value = VALUE.matcher(new String(bytes, StandardCharsets.ISO_8859_1));
        if (!value.find(random.nextInt(Math.max(1, bytes.length)))) {
            return bytes;
        }
        return splice(bytes, value.start(), value.end(), utf8(values[random.nextInt(values.length)]));
    }

    private static byte[] splice(byte[] bytes, int from, int to, byte[] insert) {
        return concat(Arrays.copyOfRange(bytes, 0, from), insert, Arrays.copyOfRange(bytes, to, bytes.length));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
