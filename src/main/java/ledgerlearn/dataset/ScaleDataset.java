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
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;
import ledgerlearn.csv.Csv;
import ledgerlearn.sample.Column;
import ledgerlearn.sample.Sample;

/**
 * A seeded stream of any size shaped like the real data set, for measuring a server at platform scale:
 * {@code companies} companies of skewed sizes (one holds half the rows, the others' sizes fall as 1/rank, as
 * the real file's do from its second company on), one after another in the stream as in the real file, each with its own accounts (drawn from a
 * shared chart) and vocabulary, texts of one to five tokens mixing an account's own tokens with the
 * company's and common words, bucketed amounts, dates running backwards within a company, entries booked
 * again right after themselves, and split bookings of one entry to two accounts. Rows are made as they are
 * read: nothing of the stream is held but the current company.
 */
public final class ScaleDataset {
    /** How large a stream is: this many companies sharing this many rows. */
    public record Size(int companies, long rows) {
        /** The most rows a stream may be asked for. */
        public static final long MAX_ROWS = 10_000_000_000L;

        /**
         * {@code COMPANIES<separator>ROWS} (around blanks) with 1 &lt;= COMPANIES &lt;= ROWS &lt;= {@value #MAX_ROWS}, or
         * {@code null} when {@code text} is not that.
         */
        public static Size parse(String text, String separator) {
            String[] numbers = text.trim().toLowerCase(Locale.ROOT).split(Pattern.quote(separator), -1);
            try {
                if (numbers.length == 2) {
                    int companies = Integer.parseInt(numbers[0].trim());
                    long rows = Long.parseLong(numbers[1].trim());
                    if (companies >= 1 && rows >= companies && rows <= MAX_ROWS) {
                        return new Size(companies, rows);
                    }
                }
            } catch (NumberFormatException e) {
                // not a size
            }
            return null;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%,d companies × %,d rows", companies, rows);
        }
    }

    /** The largest company's share of the rows (the real file: 90% of 100 companies' rows). */
    private static final double LARGEST_SHARE = 0.5;
    /** The others' sizes fall as 1/rank^this (the real file's, from its second company on: about 1). */
    private static final double COMPANY_SKEW = 1.0;
    private static final double ACCOUNT_SKEW = 1.1;
    private static final int CHART = 2_000;
    private static final int COMMON_WORDS = 500;
    /** How often a row books again the entry just before it (the real file: most of the largest company's rows). */
    private static final double REPEAT = 0.35;
    /** How often such a repeat goes to the entry's split partner instead. */
    private static final double SPLIT = 0.08;
    private static final double[] TOKEN_COUNT_WEIGHTS = {0.30, 0.30, 0.22, 0.13, 0.05};

    private final int companies;
    private final long rows;
    private final long seed;
    private final long[] companyRows;
    private int company = -1;
    private long rowInCompany;
    private long row;
    private Company current;
    private String[] previous;
    private int previousAccount;

    /**
     * @param companies at least 1
     * @param rows at least {@code companies}: every company has a row
     */
    public ScaleDataset(int companies, long rows, long seed) {
        if (companies < 1 || rows < companies) {
            throw new IllegalArgumentException("need 1 <= companies <= rows, got " + companies + " companies and "
                    + rows + " rows");
        }
        this.companies = companies;
        this.rows = rows;
        this.seed = seed;
        this.companyRows = sizes(companies, rows);
    }

    /** The number of rows the stream holds. */
    public long rows() {
        return rows;
    }

    /** The next row, or {@code null} after the last. */
    public Sample next() {
        if (row == rows) {
            return null;
        }
        while (current == null || rowInCompany == companyRows[company]) {
            company++;
            current = new Company(company, companyRows[company], new Random(mix(seed, company)));
            rowInCompany = 0;
            previous = null;
        }
        String[] values = current.row(row, rowInCompany, previous, previousAccount);
        previous = values;
        previousAccount = current.lastAccount;
        row++;
        rowInCompany++;
        return Sample.ofValues(values);
    }

    /** Writes the whole stream, header first, as UTF-8 CSV to a new or truncated file. */
    public void write(Path out) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream stream = Files.newOutputStream(out)) {
            write(stream);
        }
    }

    /** Writes the whole stream, header first, as UTF-8 CSV; does not close {@code out}. */
    public void write(OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(new BufferedOutputStream(out, 1 << 16), StandardCharsets.UTF_8);
        StringBuilder buffer = new StringBuilder(1 << 16);
        String[] fields = new String[Column.ALL.size()];
        for (Column column : Column.ALL) {
            fields[column.ordinal()] = column.header();
        }
        Csv.appendRecord(buffer, fields);
        for (Sample sample; (sample = next()) != null; ) {
            for (Column column : Column.ALL) {
                fields[column.ordinal()] = sample.value(column);
            }
            Csv.appendRecord(buffer, fields);
            if (buffer.length() >= 1 << 15) {
                writer.append(buffer);
                buffer.setLength(0);
            }
        }
        writer.append(buffer);
        writer.flush();
    }

    /**
     * Each company's rows: the largest {@value #LARGEST_SHARE} of them, the others Zipf shares of the rest,
     * every company at least one, the rounding left to the largest.
     */
    static long[] sizes(int companies, long rows) {
        double[] weights = new double[companies];
        double total = 0;
        for (int c = 1; c < companies; c++) {
            weights[c] = 1 / StrictMath.pow(c, COMPANY_SKEW);
            total += weights[c];
        }
        long[] sizes = new long[companies];
        long others = companies == 1 ? 0 : (long) Math.floor(rows * (1 - LARGEST_SHARE));
        long given = 0;
        for (int c = 1; c < companies; c++) {
            sizes[c] = Math.max(1, (long) Math.floor(others * weights[c] / total));
            given += sizes[c];
        }
        // the largest company takes or gives what rounding left; it stays the largest by far
        sizes[0] += rows - given;
        // the companies arrive in an order of their own, as in the real file, the largest not first
        Random order = new Random(companies * 31L + rows);
        for (int i = companies - 1; i > 0; i--) {
            int j = order.nextInt(i + 1);
            long t = sizes[i];
            sizes[i] = sizes[j];
            sizes[j] = t;
        }
        return sizes;
    }

    /** One company: its id, accounts, vocabulary, and how it books. */
    private static final class Company {
        private final Random random;
        private final String id;
        private final long rows;
        private final String[] numbers;
        private final String[] names;
        private final String[] types;
        private final String[][] tokens;
        private final int[] mainBucket;
        private final int[] splitPartner;
        /** Cumulative weights of the accounts, skewed: a few are booked most. */
        private final double[] accountCumulative;
        private final String[] noise;
        int lastAccount;

        Company(int index, long rows, Random random) {
            this.random = random;
            this.rows = rows;
            this.id = "int:" + hex((index + 1) * 0x9E3779B1L);
            int accounts = (int) Math.min(120, 4 + Math.round(3 * Math.log(rows + 1) / Math.log(2)));
            numbers = new String[accounts];
            names = new String[accounts];
            types = new String[accounts];
            tokens = new String[accounts][];
            mainBucket = new int[accounts];
            splitPartner = new int[accounts];
            boolean[] taken = new boolean[CHART];
            for (int a = 0; a < accounts; a++) {
                int chart;
                do {
                    chart = random.nextInt(CHART);
                } while (taken[chart]);
                taken[chart] = true;
                numbers[a] = Integer.toString(1000 + chart * 4);
                names[a] = "str:" + hex(chart * 0x2545F491L + 7);
                types[a] = chart < CHART / 3 ? "Profit and Loss" : "Balance";
                tokens[a] = new String[2 + random.nextInt(3)];
                for (int t = 0; t < tokens[a].length; t++) {
                    tokens[a][t] = word(random);
                }
                mainBucket[a] = random.nextInt(SyntheticDataset.AMOUNT_BUCKETS.size());
            }
            for (int a = 0; a < accounts; a++) {
                splitPartner[a] = random.nextInt(accounts);
            }
            accountCumulative = new double[accounts];
            double total = 0;
            for (int a = 0; a < accounts; a++) {
                total += 1 / StrictMath.pow(a + 1, ACCOUNT_SKEW);
                accountCumulative[a] = total;
            }
            noise = new String[8 + accounts];
            for (int t = 0; t < noise.length; t++) {
                noise[t] = word(random);
            }
        }

        String[] row(long index, long inCompany, String[] previous, int previousAccount) {
            if (previous != null && random.nextDouble() < REPEAT) {
                int account = random.nextDouble() < SPLIT ? splitPartner[previousAccount] : previousAccount;
                lastAccount = account;
                return values(index, previous[2], previous[3], previous[4], account);
            }
            double u = random.nextDouble() * accountCumulative[accountCumulative.length - 1];
            int found = java.util.Arrays.binarySearch(accountCumulative, u);
            int account = Math.min(accountCumulative.length - 1, found >= 0 ? found + 1 : -found - 1);
            lastAccount = account;
            int count = 1 + pick(TOKEN_COUNT_WEIGHTS);
            StringBuilder text = new StringBuilder(12 * count);
            for (int t = 0; t < count; t++) {
                double kind = random.nextDouble();
                if (t > 0) {
                    text.append(' ');
                }
                if (kind < 0.6) {
                    text.append(tokens[account][random.nextInt(tokens[account].length)]);
                } else if (kind < 0.85) {
                    text.append(noise[random.nextInt(noise.length)]);
                } else {
                    text.append("str:").append(hex(random.nextInt(COMMON_WORDS) * 0x5bd1e995L + 3));
                }
            }
            double v = random.nextDouble();
            int bucket = v < 0.75 ? mainBucket[account] : random.nextInt(SyntheticDataset.AMOUNT_BUCKETS.size());
            // newest first within a company, as in the real file: three years back over its rows
            long day = SyntheticDataset.DAYS - 1 - inCompany * SyntheticDataset.DAYS / Math.max(1, rows);
            String date = SyntheticDataset.FIRST_DAY.plusDays(Math.max(0, day)).toString();
            return values(index, date, text.toString(), SyntheticDataset.AMOUNT_BUCKETS.get(bucket), account);
        }

        private String[] values(long index, String date, String text, String amount, int account) {
            return new String[] {Long.toString(index), id, date, text, amount, names[account], numbers[account],
                types[account]};
        }

        private int pick(double[] weights) {
            double total = 0;
            for (double w : weights) {
                total += w;
            }
            double u = random.nextDouble() * total;
            for (int i = 0; i < weights.length - 1; i++) {
                u -= weights[i];
                if (u < 0) {
                    return i;
                }
            }
            return weights.length - 1;
        }
    }

    private static String word(Random random) {
        return (random.nextBoolean() ? "str:" : "int:") + hex(random.nextLong());
    }

    /** Seven hex digits of {@code value}, as the real file's obfuscated values have. */
    private static String hex(long value) {
        String digits = Long.toHexString((value & 0xFFFFFFFL) | 0x10000000L);
        return digits.substring(digits.length() - 7);
    }

    private static long mix(long seed, int company) {
        long h = (seed ^ (company * 0x9E3779B97F4A7C15L)) * 0xC2B2AE3D27D4EB4FL;
        return h ^ (h >>> 31);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%,d synthetic rows of %,d companies (seed %d)", rows, companies, seed);
    }
}
