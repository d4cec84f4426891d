package ledgerlearn.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import ledgerlearn.bench.Report.Row;
import ledgerlearn.client.SampleJson;
import ledgerlearn.process.ServerProcess;
import ledgerlearn.sample.Sample;

/**
 * Phase 8: what one company's batch costs the server when other companies have flooded it with accounts.
 * Two fresh servers get the same synthetic company, 100 accounts, in 2,000-row batches: one holds nothing
 * else; the other first takes {@value #FLOOD_ACCOUNTS} accounts of other companies ({@value #FLOOD_PER_COMPANY}
 * each, one row per account, sharing a token and the amount buckets with the company). The cost is the
 * server process's CPU time (all its threads) over the timed batches, divided by their number; the target
 * is that the flood at most doubles it.
 */
final class ManyAccountsBench {
    /** The phase number of its rows: after the other phases on the real data set and the scale rows. */
    static final int PHASE = 13;
    static final int FLOOD_ACCOUNTS = 100_000;
    static final int FLOOD_PER_COMPANY = 100;
    static final int COMPANY_ACCOUNTS = 100;
    static final int BATCH = 2_000;
    static final int WARMUP_BATCHES = 10;
    static final int TIMED_BATCHES = 5;
    static final double TARGET_RATIO = 2.0;
    /** The servers' heap: 100,000 accounts do not fit the 64 MiB of the other phases. */
    static final String HEAP = "1g";
    private static final String[] BUCKETS = {"< 100", "> -100", "> -1000", "< 1000"};

    private final Report report;
    private final PrintStream err;
    private final Path workDir;
    private final List<String> jvmFlags;
    private final List<String> serverFlags;

    ManyAccountsBench(Report report, PrintStream err, Path workDir, List<String> jvmFlags, List<String> serverFlags) {
        this.report = report;
        this.err = err;
        this.workDir = workDir;
        this.jvmFlags = jvmFlags;
        this.serverFlags = serverFlags;
    }

    boolean run() throws IOException, InterruptedException {
        err.println("bench: phase " + PHASE + " many accounts: a company's " + BATCH + "-row batches with its " + COMPANY_ACCOUNTS
                + " accounts alone in the server, then after " + String.format(Locale.ROOT, "%,d", FLOOD_ACCOUNTS)
                + " accounts of other companies");
        double alone = companyBatchCost(0);
        double flooded = companyBatchCost(FLOOD_ACCOUNTS);
        report.add(new Row(PHASE, String.format(Locale.ROOT, "POST /sample of a company's %,d-row batch (its %d accounts),"
                        + " fsync on, %d accounts in the server (-Xmx%s); server CPU per batch, mean of %d after %d", BATCH,
                COMPANY_ACCOUNTS, COMPANY_ACCOUNTS, HEAP, TIMED_BATCHES, WARMUP_BATCHES),
                String.format(Locale.ROOT, "%.3f CPU-s", alone), "", null));
        report.add(new Row(PHASE, String.format(Locale.ROOT, "the same after other companies added %,d accounts (%,d each)",
                FLOOD_ACCOUNTS, FLOOD_PER_COMPANY),
                String.format(Locale.ROOT, "%.3f CPU-s", flooded), "", null));
        double ratio = flooded / alone;
        report.add(new Row(PHASE, String.format(Locale.ROOT, "cost with %,d accounts / cost with %d",
                FLOOD_ACCOUNTS + COMPANY_ACCOUNTS, COMPANY_ACCOUNTS),
                String.format(Locale.ROOT, "%.2f", ratio), String.format(Locale.ROOT, "≤ %.1f", TARGET_RATIO),
                ratio <= TARGET_RATIO));
        return true;
    }

    /** The company's mean batch cost, in server CPU seconds, on a fresh server that first took {@code flood} accounts. */
    private double companyBatchCost(int flood) throws IOException, InterruptedException {
        try (ServerProcess server = ServerProcess.start(jvmFlags, serverFlags, workDir.resolve("accounts-" + flood));
             HttpConnection connection = new HttpConnection(server.address())) {
            InetSocketAddress address = server.address();
            List<Sample> rows = new ArrayList<>(1_000);
            for (int account = 0; account < flood; account++) {
                rows.add(new Sample("", "int:flood" + account / FLOOD_PER_COMPANY, "2016-02-01",
                        "str:common str:f" + account + " int:x" + account % 50, BUCKETS[account % BUCKETS.length], "",
                        "f" + account, ""));
                if (rows.size() == 1_000) {
                    send(connection, address, rows);
                    rows.clear();
                }
            }
            if (!rows.isEmpty()) {
                send(connection, address, rows);
            }
            Random random = new Random(1);
            for (int i = 0; i < WARMUP_BATCHES; i++) {
                send(connection, address, companyBatch(random));
            }
            List<byte[]> timed = new ArrayList<>();
            for (int i = 0; i < TIMED_BATCHES; i++) {
                timed.add(HttpConnection.request("POST", address, "/sample", body(companyBatch(random))));
            }
            Duration before = cpu(server);
            for (byte[] request : timed) {
                check(connection.exchange(request), connection);
            }
            Duration spent = cpu(server).minus(before);
            server.stop();
            return spent.toNanos() / 1e9 / TIMED_BATCHES;
        }
    }

    /** One batch of the measured company: random accounts of its own, each with its token, a shared one and one of 50 references. */
    private static List<Sample> companyBatch(Random random) {
        List<Sample> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            int account = random.nextInt(COMPANY_ACCOUNTS);
            batch.add(new Sample("", "int:company", "2016-01-" + (10 + random.nextInt(18)),
                    "str:common str:t" + account + " int:x" + random.nextInt(50),
                    BUCKETS[account % BUCKETS.length], "str:n" + account, String.valueOf(10_000 + account), ""));
        }
        return batch;
    }

    private static Duration cpu(ServerProcess server) throws IOException {
        return ProcessHandle.of(server.pid()).flatMap(p -> p.info().totalCpuDuration())
                .orElseThrow(() -> new IOException("the server process's CPU time cannot be read on this system"));
    }

    private static void send(HttpConnection connection, InetSocketAddress address, List<Sample> rows) throws IOException {
        check(connection.exchange(HttpConnection.request("POST", address, "/sample", body(rows))), connection);
    }

    private static void check(int status, HttpConnection connection) throws IOException {
        if (status != 200) {
            throw new IOException("POST /sample answered " + status + ": " + connection.body());
        }
    }

    private static byte[] body(List<Sample> rows) {
        StringBuilder text = new StringBuilder(rows.size() * 160);
        text.append('[');
        for (int i = 0; i < rows.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            SampleJson.appendSample(text, rows.get(i));
        }
        return text.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }
}
