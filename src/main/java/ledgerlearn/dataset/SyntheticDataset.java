package ledgerlearn.dataset;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import ledgerlearn.csv.Csv;
import ledgerlearn.sample.Column;

/**
 * A seeded generator of a learnable data set shaped like the real one: the same columns and value
 * formats, a few companies of Zipf-like sizes (one dominant), each with its own skewed accounts and
 * vocabulary, and each account with characteristic tokens and amount buckets blurred by noise.
 */
public final class SyntheticDataset {

    /** How many rows {@code data/synthetic-expenses.csv} holds. */
    public static final int SHIPPED_ROWS = 20_000;
    /** The seed {@code data/synthetic-expenses.csv} was generated with. */
    public static final long SHIPPED_SEED = 20_161_010L;

    static final List<String> AMOUNT_BUCKETS = List.of("< 10", "< 100", "< 1000", "< 10000",
            "> -10", "> -100", "> -1000", "> -10000", "big negative", "big positive");
    static final LocalDate FIRST_DAY = LocalDate.of(2014, 1, 1);
    static final int DAYS = 3 * 365 + 1;

    private static final int COMPANIES = 20;
    private static final int CHART_SIZE = 160;
    private static final int GLOBAL_NOISE_TOKENS = 30;
    /** How likely a row's text has 1, 2, ... 6 tokens: short, to keep the shipped file small. */
    /** How often each of {@link #AMOUNT_BUCKETS} is an account's usual one: small expenses most. */
    private static final double[] BUCKET_WEIGHTS = {1, 2, 6, 3, 1, 4, 6, 3, 1, 1};
    private static final double[] TOKEN_COUNT_WEIGHTS = {0.62, 0.24, 0.07, 0.04, 0.02, 0.01};

    private SyntheticDataset() {}

    /** Writes {@code rows} rows generated from {@code seed} to a new or truncated file. */
    public static void write(Path out, int rows, long seed) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream stream = Files.newOutputStream(out)) {
            write(stream, rows, seed);
        }
    }

    /** Writes {@code rows} rows generated from {@code seed}, header first, as UTF-8 CSV; does not close {@code out}. */
    public static void write(OutputStream out, int rows, long seed) throws IOException {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be >= 0, got " + rows);
        }
        Writer writer = new OutputStreamWriter(new BufferedOutputStream(out, 1 << 16), StandardCharsets.UTF_8);
        Generator generator = new Generator(rows, seed);
        StringBuilder buffer = new StringBuilder(1 << 16);
        String[] header = new String[Column.ALL.size()];
        for (Column column : Column.ALL) {
            header[column.ordinal()] = column.header();
        }
        Csv.appendRecord(buffer, header);
        for (int i = 0; i < rows; i++) {
            Csv.appendRecord(buffer, generator.row(i));
            if (buffer.length() >= 1 << 15) {
                writer.append(buffer);
                buffer.setLength(0);
            }
        }
        writer.append(buffer);
        writer.flush();
    }

    /** Builds the companies and accounts from the seed, then draws rows from them in order. */
    private static final class Generator {
        private final Random random;
        private final int rows;
        private final Set<String> usedCodes = new HashSet<>();
        private final List<Company> companies = new ArrayList<>();
        private final double[] companyWeights;
        private final String[] globalNoise;

        Generator(int rows, long seed) {
            this.random = new Random(seed);
            this.rows = rows;
            List<Account> chart = chart();
            globalNoise = tokens(GLOBAL_NOISE_TOKENS);
            companyWeights = zipf(COMPANIES, 1.3);
            double total = sum(companyWeights);
            for (int c = 0; c < COMPANIES; c++) {
                companies.add(company(chart, companyWeights[c] / total));
            }
        }

        /** The shared chart of accounts: each number has one name and one type, whichever company books to it. */
        private List<Account> chart() {
            Set<Integer> numbers = new HashSet<>();
            List<Account> chart = new ArrayList<>();
            while (chart.size() < CHART_SIZE) {
                int number = 1000 + random.nextInt(9000);
                if (numbers.add(number)) {
                    // as in the real set, most accounts booked to from the bank are balance accounts
                    String type = number < 3000 ? "Profit and Loss" : "Balance";
                    chart.add(new Account(Integer.toString(number), code("str:"), type));
                }
            }
            return chart;
        }

        private Company company(List<Account> chart, double share) {
            String id = code("int:");
            int accountCount = 5 + random.nextInt(6) + (int) Math.round(40 * share);
            List<Account> pool = new ArrayList<>(chart);
            AccountUse[] uses = new AccountUse[accountCount];
            for (int a = 0; a < accountCount; a++) {
                Account account = pool.remove(random.nextInt(pool.size()));
                String[] own = tokens(2 + random.nextInt(3));
                int main = pick(BUCKET_WEIGHTS);
                int second = pick(BUCKET_WEIGHTS);
                uses[a] = new AccountUse(account, own, main, second);
            }
            // some accounts share a token with another account of the company, so texts are ambiguous
            for (int a = 0; a < accountCount; a++) {
                if (random.nextDouble() < 0.3) {
                    AccountUse other = uses[random.nextInt(accountCount)];
                    AccountUse use = uses[a];
                    String[] widened = Arrays.copyOf(use.tokens, use.tokens.length + 1);
                    widened[use.tokens.length] = other.tokens[random.nextInt(other.tokens.length)];
                    uses[a] = new AccountUse(use.account, widened, use.mainBucket, use.secondBucket);
                }
            }
            String[] noise = tokens(10 + 2 * accountCount);
            return new Company(id, uses, zipf(accountCount, 1.1), noise);
        }

        String[] row(int i) {
            Company company = companies.get(pick(companyWeights));
            AccountUse use = company.accounts[pick(company.accountWeights)];
            int tokenCount = 1 + pick(TOKEN_COUNT_WEIGHTS);
            StringBuilder text = new StringBuilder();
            for (int t = 0; t < tokenCount; t++) {
                double kind = random.nextDouble();
                String[] from = kind < 0.65 ? use.tokens : kind < 0.85 ? company.noise : globalNoise;
                if (t > 0) {
                    text.append(' ');
                }
                text.append(from[random.nextInt(from.length)]);
            }
            double noise = random.nextDouble();
            int bucket = noise < 0.7 ? use.mainBucket
                    : noise < 0.9 ? use.secondBucket : random.nextInt(AMOUNT_BUCKETS.size());
            return new String[] {
                Integer.toString(i), company.id, date(i), text.toString(), AMOUNT_BUCKETS.get(bucket),
                use.account.name, use.account.number, use.account.type};
        }

        /** Dates run through 2014–2016 with the rows, a few days of jitter apart, as a bank feed would. */
        private String date(int i) {
            int day = (int) ((long) i * DAYS / Math.max(rows, 1)) + random.nextInt(7) - 3;
            return FIRST_DAY.plusDays(Math.max(0, Math.min(DAYS - 1, day))).toString();
        }

        private int pick(double[] weights) {
            double u = random.nextDouble() * sum(weights);
            for (int i = 0; i < weights.length - 1; i++) {
                u -= weights[i];
                if (u < 0) {
                    return i;
                }
            }
            return weights.length - 1;
        }

        private String[] tokens(int count) {
            String[] tokens = new String[count];
            for (int t = 0; t < count; t++) {
                tokens[t] = code(random.nextBoolean() ? "str:" : "int:");
            }
            return tokens;
        }

        /** A fresh obfuscated value like the real set's: a prefix and seven hex digits, never repeated. */
        private String code(String prefix) {
            while (true) {
                String hex = Integer.toHexString(random.nextInt(1 << 28) | 1 << 28).substring(1);
                if (usedCodes.add(hex)) {
                    return prefix + hex;
                }
            }
        }
    }

    /** Weights 1, 1/2^s, 1/3^s, ... computed with {@link StrictMath} so every JVM writes the same bytes. */
    private static double[] zipf(int n, double exponent) {
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            weights[i] = 1 / StrictMath.pow(i + 1, exponent);
        }
        return weights;
    }

    private static double sum(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum;
    }

    private record Account(String number, String name, String type) {}

    private record AccountUse(Account account, String[] tokens, int mainBucket, int secondBucket) {}

    private record Company(String id, AccountUse[] accounts, double[] accountWeights, String[] noise) {}
}
