package ledgerlearn.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import ledgerlearn.dataset.DatasetReader;
import ledgerlearn.dataset.SyntheticDataset;
import ledgerlearn.sample.Column;
import ledgerlearn.sample.Sample;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class StreamingClientTest {
    private static final int ROWS = 2_500;

    @TempDir
    static Path dir;
    private static Path dataset;
    private static List<Sample> samples;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void writeDataset() throws IOException {
        dataset = dir.resolve("expenses.csv");
        SyntheticDataset.write(dataset, ROWS, 7);
        samples = readAll(dataset);
    }

    @Test
    void sendsEveryRowExactlyOnceInFileOrder() throws IOException {
        try (FakeServer server = new FakeServer()) {
            assertEquals(0, run(options(server.url(), dataset, Long.MAX_VALUE, 1, 100)), err());
            List<JsonObject> rows = server.rows();
            assertEquals(ROWS, rows.size());
            for (int i = 0; i < ROWS; i++) {
                assertEquals(json(samples.get(i)), rows.get(i), "row " + i);
            }
        }
    }

    @Test
    void drawsChunkSizesFromTheSeedBetweenOneAndMaxChunk() throws IOException {
        List<Integer> first;
        try (FakeServer server = new FakeServer()) {
            assertEquals(0, run(options(server.url(), dataset, Long.MAX_VALUE, 11, 50)), err());
            first = server.chunkSizes();
        }
        List<Integer> again;
        try (FakeServer server = new FakeServer()) {
            assertEquals(0, run(options(server.url(), dataset, Long.MAX_VALUE, 11, 50)), err());
            again = server.chunkSizes();
        }
        List<Integer> otherSeed;
        try (FakeServer server = new FakeServer()) {
            assertEquals(0, run(options(server.url(), dataset, Long.MAX_VALUE, 12, 50)), err());
            otherSeed = server.chunkSizes();
        }
        assertEquals(first, again);
        assertNotEquals(first, otherSeed);
        assertTrue(first.stream().allMatch(size -> size >= 1 && size <= 50), first.toString());
        Random random = new Random(11);
        for (int i = 0; i < first.size() - 1; i++) {
            assertEquals(1 + random.nextInt(50), first.get(i), "chunk " + i);
        }
        assertEquals(ROWS, first.stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void stopsAtTheLimitWithTheFirstRows() throws IOException {
        try (FakeServer server = new FakeServer()) {
            assertEquals(0, run(options(server.url(), dataset, 1_234, 3, 1000)), err());
            List<JsonObject> rows = server.rows();
            assertEquals(1_234, rows.size());
            assertEquals(json(samples.get(1_233)), rows.get(1_233));
            assertTrue(err().contains("sent 1,234 rows"), err());
        }
    }

    @Test
    void aLimitThatCutsAChunkSaysHowToSendTheRestWithoutStoringItsRowsTwice() throws IOException {
        Random sizes = new Random(3);
        int first = 1 + sizes.nextInt(1000);
        int second = 1 + sizes.nextInt(1000);
        long limit = first + second / 2;
        try (FakeServer server = new FakeServer()) {
            assertEquals(0, run(options(server.url(), dataset, limit, 3, 1000)), err());
            assertEquals(List.of(first, second / 2), server.chunkSizes());
            assertTrue(err().contains("note: --limit ended the stream inside a chunk; to send the rows after these later,"
                    + " run with --skip " + limit + " (the same command with a larger --limit would send that chunk whole,"
                    + " and store its first " + second / 2 + " rows again)"), err());
        }
    }

    @Test
    void aLimitedRunIsNotFailedByABadRowAfterItsLimit() throws IOException {
        List<String> lines = Files.readAllLines(dataset, StandardCharsets.UTF_8).subList(0, 11);
        Path badTail = dir.resolve("bad-tail.csv");
        Files.write(badTail, java.util.stream.Stream.concat(lines.stream(), java.util.stream.Stream.of("only,three,fields"))
                .toList(), StandardCharsets.UTF_8);
        for (long limit : new long[] {10, 7}) {
            err.reset();
            try (FakeServer server = new FakeServer()) {
                assertEquals(0, run(options(server.url(), badTail, limit, 3, 1000)), limit + ": " + err());
                assertEquals(limit, server.rows().size());
            }
        }
        assertTrue(err().contains("--limit ended the stream inside a chunk"), "a row that cannot be read is a row after: " + err());
    }

    @Test
    void aLimitAtTheDataSetsEndOrAtAChunksEndCutsNothing() throws IOException {
        int first = 1 + new Random(3).nextInt(1000);
        for (long limit : new long[] {first, ROWS, ROWS + 1}) {
            err.reset();
            try (FakeServer server = new FakeServer()) {
                assertEquals(0, run(options(server.url(), dataset, limit, 3, 1000)), err());
                assertFalse(err().contains("--limit ended the stream"), limit + ": " + err());
            }
        }
    }

    @Test
    void printsMetricsAsOneJsonLineThenTheLearningCurveThenAPredictionForTheLastRow() throws IOException {
        try (FakeServer server = new FakeServer()) {
            assertEquals(0, run(options(server.url(), dataset, 600, 5, 1000)), err());
            String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
            assertEquals(3, lines.length, out.toString(StandardCharsets.UTF_8));
            assertEquals(Json.parse(FakeServer.METRICS), Json.parse(lines[0]));
            assertTrue(lines[1].startsWith("accuracy  "), lines[1]);
            Sample last = samples.get(599);
            JsonObject query = new JsonObject()
                    .add("CompanyId", last.companyId())
                    .add("BankEntryDate", last.date())
                    .add("BankEntryText", last.text())
                    .add("BankEntryAmount", last.amount());
            assertEquals(List.of(query), server.queries());
            assertEquals("predict " + query + " -> [\"6700\"] (booked: " + last.accountNumber() + ")", lines[2]);
        }
    }

    @Test
    void drawsTheAccuracyAtTwentyPointsAlongTheStream() throws IOException {
        try (FakeServer server = new FakeServer()) {
            assertEquals(0, run(options(server.url(), dataset, ROWS, 1, 100)), err());

            assertEquals(StreamingClient.CURVE_POINTS, server.metricsRequests());
            String chart = out.toString(StandardCharsets.UTF_8).split("\n")[1];
            assertTrue(chart.matches("accuracy  \\S{20}  min 0\\.750  max 0\\.750"
                    + "  \\(last 1,000 scored samples, 20 points over 2,500 rows\\)"), chart);
        }
    }

    @Test
    void drawsNoCurvePointsOverRowsTheServerHadStoredBefore() throws IOException {
        try (ledgerlearn.testing.TestServer server = ledgerlearn.testing.TestServer.start()) {
            URI url = URI.create(server.baseUrl());
            assertEquals(0, run(options(url, dataset, Long.MAX_VALUE, 1, 100)), err());
            assertTrue(out.toString(StandardCharsets.UTF_8).split("\n")[1].endsWith("20 points over 2,500 rows)"), out.toString(StandardCharsets.UTF_8));
            out.reset();

            assertEquals(0, run(options(url, dataset, Long.MAX_VALUE, 1, 100)), err());

            assertEquals("accuracy  no curve: the server had stored 2,500 of the 2,500 rows before",
                    out.toString(StandardCharsets.UTF_8).split("\n")[1]);
        }
    }

    @Test
    void printsOnlyJsonLinesWithJson() throws IOException {
        try (FakeServer server = new FakeServer()) {
            StreamingClient.Settings json = new StreamingClient.Settings(Connection.to(server.url()), dataset, 0, 600, 5, 100,
                    true, 0, true);
            assertEquals(0, run(json), err());

            String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
            assertEquals(2, lines.length, out.toString(StandardCharsets.UTF_8));
            assertEquals(Json.parse(FakeServer.METRICS), Json.parse(lines[0]));
            JsonObject prediction = Json.parse(lines[1]).asObject();
            assertEquals(server.queries().get(0), prediction.get("query"));
            assertEquals(Json.parse(FakeServer.PREDICTION), prediction.get("predicted"));
            assertEquals(samples.get(599).accountNumber(), prediction.getString("booked", ""));
            assertEquals(1, server.metricsRequests(), "no learning curve is read");
        }
    }

    @Test
    void notesWhenFewerThanTenThousandRowsWereSent() throws IOException {
        try (FakeServer server = new FakeServer()) {
            assertEquals(0, run(options(server.url(), dataset, 100, 5, 1000)), err());
            assertTrue(err().contains("note: only 100 rows sent, fewer than 10,000"), err());
        }
    }

    @Test
    void exitsOneNamingTheRowsAndTheServersErrorWhenAChunkIsRefused() throws IOException {
        try (FakeServer server = new FakeServer(1)) {
            assertEquals(1, run(options(server.url(), dataset, Long.MAX_VALUE, 9, 10)), err());
            List<Integer> sizes = server.chunkSizes();
            assertEquals(2, sizes.size(), "no chunk after the refused one");
            int from = sizes.get(0) + 1;
            int to = sizes.get(0) + sizes.get(1);
            assertTrue(err().contains("server refused rows " + from + "-" + to + " of " + dataset + " with HTTP 400: "
                    + "{\"error\": \"sample 3: BankEntryDate must be YYYY-MM-DD, got \\\"x\\\"\"}"), err());
            assertTrue(server.queries().isEmpty());
            assertEquals("", out.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void sendsABatchAnswered503WithRetryAfterAgainWithItsKeyAndGoesOn() throws IOException {
        try (FakeServer server = FakeServer.busyOnChunk(2, "1")) {
            assertEquals(0, run(options(server.url(), dataset, 100, 9, 10)), err());

            assertEquals(1, server.refusedBodies().size());
            assertEquals(Json.parse(server.refusedBodies().get(0)), server.chunks().get(2), "the same rows again");
            assertEquals(100, server.rows().size(), "every row once");
            assertTrue(err().contains("server answered HTTP 503 ({\"error\": \"server busy, retry later\"}) for rows "),
                    err());
        }
    }

    @Test
    void aBusyServerLeavesOutTheCurveAndTheMetricsButTheStreamSucceeds() throws IOException {
        try (FakeServer server = FakeServer.busyMetrics()) {
            assertEquals(0, run(options(server.url(), dataset, 2_000, 9, 100)), err());

            assertEquals(2_000, server.rows().size());
            assertTrue(err().contains("note: the server was busy (HTTP 503) when asked for its metrics"), err());
            assertEquals(1, err().split("the server was busy", -1).length - 1, "said once: " + err());
        }
    }

    @Test
    void withoutKeysOrRetryAfterA503EndsTheStreamSayingHowToResume() throws IOException {
        try (FakeServer noRetryAfter = FakeServer.busyOnChunk(2, null)) {
            assertEquals(1, run(options(noRetryAfter.url(), dataset, 100, 9, 10)), err());
            assertTrue(err().contains("with HTTP 503"), err());
        }
        try (FakeServer busy = FakeServer.busyOnChunk(2, "1")) {
            StreamingClient.Settings noKeys = new StreamingClient.Settings(Connection.to(busy.url()), dataset, 0,
                    100, 9, 10, false, 0, false, false, false);
            assertEquals(1, run(noKeys), err());
            assertEquals(2, busy.chunks().size(), "a batch without a key is not sent again: it could be stored twice");
        }
    }

    @Test
    void saysTheServerClosedTheConnectionAndHowToResumeWhenItStopsMidStream() throws IOException {
        try (FakeServer server = FakeServer.closingOnChunk(3)) {
            assertEquals(1, run(options(server.url(), dataset, Long.MAX_VALUE, 9, 100)));

            List<Integer> sizes = server.chunkSizes();
            int stored = sizes.get(0) + sizes.get(1) + sizes.get(2);
            assertEquals(3, sizes.size(), err());
            String message = err();
            assertTrue(message.contains("POST /sample: the server at " + server.url()
                    + " closed the connection without an answer (it stopped or crashed), while taking rows " + (stored + 1)
                    + "-"), message);
            assertTrue(message.contains("The server stored the " + stored + " rows before; once it is back, run the same"
                    + " command again: the rows already stored are not stored twice"), message);
            assertFalse(message.contains("header parser"), message);
        }
    }

    @Test
    void withoutKeysGivesTheSkipThatResumesWhenTheServerStopsMidStream() throws IOException {
        try (FakeServer server = FakeServer.closingOnChunk(3)) {
            StreamingClient.Settings noKeys = new StreamingClient.Settings(Connection.to(server.url()), dataset, 0,
                    Long.MAX_VALUE, 9, 100, false, 0, false, false, false);
            assertEquals(1, run(noKeys));

            List<Integer> sizes = server.chunkSizes();
            int stored = sizes.get(0) + sizes.get(1) + sizes.get(2);
            String message = err();
            assertTrue(message.contains("The server stored the " + stored + " rows before; resume once it is back with:"
                    + " java -jar ledgerlearn.jar client --url " + server.url() + " --data " + dataset + " --skip " + stored
                    + " --limit all (if GET /health then counts "), message);
        }
    }

    @Test
    void streamsASyntheticStreamAtScaleRowForRowAsGenerateWritesIt(@TempDir Path dir) throws IOException {
        Path generated = dir.resolve("scale.csv");
        new ledgerlearn.dataset.ScaleDataset(7, 1_200, SyntheticDataset.SHIPPED_SEED).write(generated);
        List<JsonObject> expected = new ArrayList<>();
        try (DatasetReader reader = DatasetReader.open(generated)) {
            for (Sample sample = reader.next(); sample != null; sample = reader.next()) {
                expected.add(json(sample));
            }
        }
        try (FakeServer server = new FakeServer()) {
            StreamingClient.Settings synthetic = new StreamingClient.Settings(Connection.to(server.url()), null, 0,
                    Long.MAX_VALUE, 3, 250, true, 0, false, true, true, new ledgerlearn.dataset.ScaleDataset.Size(7, 1_200));
            assertEquals(0, run(synthetic), err());

            assertEquals(expected, server.rows());
            assertTrue(err().contains("streaming the synthetic stream of 7 companies and 1,200 rows to "), err());
            assertFalse(err().contains("warning"), err());
        }
    }

    @Test
    void skipsTheFirstRowsToResumeAStream() throws IOException {
        try (FakeServer server = new FakeServer()) {
            StreamingClient.Settings resume = new StreamingClient.Settings(Connection.to(server.url()), dataset, 2_000,
                    Long.MAX_VALUE, 3, 100, true, 0, false);
            assertEquals(0, run(resume), err());

            List<JsonObject> rows = server.rows();
            assertEquals(ROWS - 2_000, rows.size());
            assertEquals(json(samples.get(2_000)), rows.get(0));
            assertEquals(json(samples.get(ROWS - 1)), rows.get(rows.size() - 1));
        }
    }

    @Test
    void saysAtOnceThatAPlainHttpServerDoesNotSpeakTls() throws IOException {
        try (FakeServer server = new FakeServer()) {
            URI https = URI.create("https://127.0.0.1:" + server.url().getPort());
            long started = System.nanoTime();

            assertEquals(1, run(options(https, dataset, 100, 1, 100)));

            assertEquals("the server at 127.0.0.1:" + server.url().getPort() + " does not speak TLS: it answers plain HTTP."
                    + " Use http://127.0.0.1:" + server.url().getPort() + " (or start the server with --tls-keystore)\n", err());
            assertTrue(System.nanoTime() - started < 8_000_000_000L, "well before the 10 s connect timeout");
            assertTrue(server.chunks().isEmpty());
        }
    }

    @Test
    void exitsOneWithOneClearLineWhenNoServerListens() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = socket.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + port);
        assertEquals(1, run(options(url, dataset, Long.MAX_VALUE, 1, 100)));
        assertEquals("streaming " + dataset + " to " + url + ": all rows in chunks of 1-100 (seed 1), each with an"
                + " idempotency key\n"
                + "cannot reach http://127.0.0.1:" + port + ": connection refused — is the server running?"
                + " (start it with: java -jar ledgerlearn.jar server)\n", err());
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void exitsOneForAUrlThatIsNotHttp() {
        assertEquals(1, run(options(URI.create("ftp://127.0.0.1:5000"), dataset, Long.MAX_VALUE, 1, 100)));
        assertEquals("not a usable server URL: \"ftp://127.0.0.1:5000\" (expected e.g. http://127.0.0.1:5000)\n",
                err());
    }

    @Test
    void exitsOneNamingTheFileWhenItDoesNotExist() throws IOException {
        try (FakeServer server = new FakeServer()) {
            Path missing = dir.resolve("missing.csv");
            assertEquals(1, run(options(server.url(), missing, Long.MAX_VALUE, 1, 100)));
            assertEquals("cannot read " + missing + ": no such file\n", err());
            assertTrue(server.chunks().isEmpty());
        }
    }

    @Test
    void exitsOneNamingTheLineOfABrokenRow() throws IOException {
        Path broken = dir.resolve("broken.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(dataset).subList(0, 30));
        lines.set(20, "19,int:a055470,2016-02-29,str:6cd08e4");
        Files.write(broken, lines);
        try (FakeServer server = new FakeServer()) {
            assertEquals(1, run(options(server.url(), broken, Long.MAX_VALUE, 1, 100)));
            assertTrue(err().contains(broken + ": line 21: expected 8 fields as in the header, got 4"), err());
        }
    }

    @Test
    void streamsTheEmbeddedDataSetWhenNoFileIsGiven() throws IOException {
        List<Sample> embedded = new ArrayList<>();
        try (DatasetReader reader = DatasetReader.openEmbedded()) {
            for (int i = 0; i < 300; i++) {
                embedded.add(reader.next());
            }
        }
        try (FakeServer server = new FakeServer()) {
            assertEquals(0, run(options(server.url(), null, 300, 1, 1000)), err());
            List<JsonObject> rows = server.rows();
            assertEquals(300, rows.size());
            for (int i = 0; i < 300; i++) {
                assertEquals(json(embedded.get(i)), rows.get(i), "row " + i);
            }
        }
    }

    @Test
    void warnsWhenItFallsBackToTheEmbeddedDataSetBecauseNoFileWasGiven() throws IOException {
        try (FakeServer server = new FakeServer()) {
            StreamingClient.Settings noFile = new StreamingClient.Settings(Connection.to(server.url()), null, 0, 10, 1, 1000,
                    true, 0, false, true, true);
            assertEquals(0, run(noFile), err());
            assertTrue(err().startsWith("warning: no --data given, so this streams the embedded synthetic data set"), err());
            assertTrue(err().contains("streaming the embedded synthetic data set to " + server.url()), err());
        }
    }

    @Test
    void namesTheDataSetItStreamsWithoutWarningWhenAFileIsGiven() throws IOException {
        try (FakeServer server = new FakeServer()) {
            assertEquals(0, run(options(server.url(), dataset, 10, 1, 1000)), err());
            assertTrue(err().startsWith("streaming " + dataset + " to " + server.url() + ": up to 10 rows"), err());
            assertFalse(err().contains("warning"), err());
        }
    }

    @Test
    void sendsAKeyPerChunkThatDependsOnTheDataUpToItsEndAndIsTheSameInEveryRun() throws IOException {
        List<String> first;
        try (FakeServer server = new FakeServer()) {
            assertEquals(0, run(options(server.url(), dataset, 1_000, 4, 300)), err());
            first = server.keys();
        }
        try (FakeServer server = new FakeServer()) {
            assertEquals(0, run(options(server.url(), dataset, 1_000, 4, 300)), err());
            assertEquals(first, server.keys());
        }
        try (FakeServer server = new FakeServer()) {
            assertEquals(0, run(options(server.url(), dataset, 2_000, 4, 300)), err());
            List<String> longer = server.keys();
            assertEquals(first.subList(0, first.size() - 1), longer.subList(0, first.size() - 1),
                    "a larger limit keeps every whole chunk's key");
            assertFalse(longer.contains(first.get(first.size() - 1)), "the chunk the limit cut is another chunk");
        }
        assertEquals(first.size(), first.stream().distinct().count());
        assertTrue(first.get(0).matches("ledgerlearn-client/1 seed=4 chunk=0 rows=1-\\d+ data=[0-9a-f]{24}"), first.get(0));
        try (FakeServer server = new FakeServer()) {
            StreamingClient.Settings noKeys = new StreamingClient.Settings(Connection.to(server.url()), dataset, 0, 100, 4,
                    300, true, 0, false, false, false);
            assertEquals(0, run(noKeys), err());
            assertTrue(server.keys().stream().allMatch(key -> key == null), server.keys().toString());
        }
    }

    @Test
    void sendsTheIndexUnderTheEmptyKeyAndLeavesOutEmptyOptionalValues() throws IOException {
        Path csv = dir.resolve("optional.csv");
        Files.writeString(csv, ",CompanyId,BankEntryDate,BankEntryText,BankEntryAmount,AccountName,AccountNumber,AccountTypeName\n"
                + "7,int:a055470,2016-02-29,,> -1000,str:1e82557,9900,Balance\n"
                + ",int:a055470,2016-02-29,\"say \"\"hi\"\", back\\slash\",< 10,,3115,\n");
        try (FakeServer server = new FakeServer()) {
            assertEquals(0, run(options(server.url(), csv, Long.MAX_VALUE, 1, 1000)), err());
            List<JsonObject> rows = server.rows();
            assertEquals(Json.parse("{\"\":\"7\",\"CompanyId\":\"int:a055470\",\"BankEntryDate\":\"2016-02-29\","
                    + "\"BankEntryText\":\"\",\"BankEntryAmount\":\"> -1000\",\"AccountName\":\"str:1e82557\","
                    + "\"AccountNumber\":\"9900\",\"AccountTypeName\":\"Balance\"}"), rows.get(0));
            assertEquals(Json.parse("{\"CompanyId\":\"int:a055470\",\"BankEntryDate\":\"2016-02-29\","
                    + "\"BankEntryText\":\"say \\\"hi\\\", back\\\\slash\",\"BankEntryAmount\":\"< 10\","
                    + "\"AccountNumber\":\"3115\"}"), rows.get(1));
        }
    }

    @Test
    void drawsProgressUnlessQuiet() throws IOException {
        try (FakeServer server = new FakeServer()) {
            assertEquals(0, run(options(server.url(), dataset, 500, 1, 1000)), err());
            assertTrue(err().contains("500/500 rows  100%"), err());
        }
        err.reset();
        try (FakeServer server = new FakeServer()) {
            assertEquals(0, run(options(server.url(), dataset, Long.MAX_VALUE, 1, 1000)), err());
            assertTrue(err().contains(String.format("%,d/%,d rows  100%%", ROWS, ROWS)), "the file's rows, counted: " + err());
        }
        err.reset();
        try (FakeServer server = new FakeServer()) {
            assertEquals(0, run(new StreamingClient.Settings(Connection.to(server.url()), dataset, 500, 1, 1000, true)), err());
            assertFalse(err().contains("%"), err());
            assertTrue(err().lines().skip(1).findFirst().orElse("").startsWith("sent 500 rows in "), err());
        }
    }

    @Test
    void pausesOnlyWhenAheadOfTheRate() {
        assertEquals(0, StreamingClient.pauseNanos(0, 500, 0), "the first chunk goes at once");
        assertEquals(500_000_000L, StreamingClient.pauseNanos(1000, 500, 1_500_000_000L));
        assertEquals(0, StreamingClient.pauseNanos(1000, 500, 2_500_000_000L), "behind the rate: no pause");
        assertEquals(0, StreamingClient.pauseNanos(1_000_000, 0, 0), "rate 0: no limit");
    }

    @Test
    void sendsEveryRowWithARateSet() throws IOException {
        try (FakeServer server = new FakeServer()) {
            assertEquals(0, run(new StreamingClient.Settings(Connection.to(server.url()), dataset, Long.MAX_VALUE, 1,
                    100, true, 1_000_000)), err());
            assertEquals(ROWS, server.rows().size());
        }
    }

    @Test
    void neverSendsFasterThanTheRateNotEvenTheFirstChunk() throws IOException {
        try (FakeServer server = new FakeServer()) {
            long started = System.nanoTime();
            // seed 1 draws a first chunk of 986 rows: all 300 go in one chunk
            assertEquals(0, run(new StreamingClient.Settings(Connection.to(server.url()), dataset, 300, 1, 1000, true,
                    2_000)), err());
            long millis = (server.arrivals().get(0) - started) / 1_000_000;

            assertEquals(List.of(300), server.chunkSizes());
            assertTrue(millis >= 150, "300 rows at 2,000 rows/s are sent 150 ms in at the earliest, sent at " + millis + " ms");
        }
    }

    private int run(StreamingClient.Settings options) {
        return StreamingClient.run(options, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static StreamingClient.Settings options(URI url, Path file, long limit, long seed, int maxChunk) {
        return new StreamingClient.Settings(Connection.to(url), file, limit, seed, maxChunk, false);
    }

    private static JsonObject json(Sample sample) {
        JsonObject object = new JsonObject();
        for (Column column : Column.ALL) {
            String value = sample.value(column);
            boolean optional = column == Column.INDEX || column == Column.ACCOUNT_NAME
                    || column == Column.ACCOUNT_TYPE_NAME;
            if (!(optional && value.isEmpty())) {
                object.add(column.header(), value);
            }
        }
        return object;
    }

    private static List<Sample> readAll(Path file) throws IOException {
        List<Sample> all = new ArrayList<>();
        try (DatasetReader reader = DatasetReader.open(file)) {
            for (Sample sample = reader.next(); sample != null; sample = reader.next()) {
                all.add(sample);
            }
        }
        return all;
    }
}
