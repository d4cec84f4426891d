package ledgerlearn.dataset;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import ledgerlearn.csv.Csv;
import ledgerlearn.sample.Column;
import ledgerlearn.sample.Sample;
import ledgerlearn.sample.SampleParser;

/** Reads a data set's rows in file order from a CSV file, a zip holding one, or the embedded synthetic set. */
public final class DatasetReader implements Closeable {

    /** Where the synthetic data set lies on the class path (the build copies {@code data/} there). */
    public static final String EMBEDDED_RESOURCE = "/ledgerlearn/data/synthetic-expenses.csv";

    private static final Set<Column> REQUIRED = EnumSet.of(Column.COMPANY_ID, Column.BANK_ENTRY_DATE,
            Column.BANK_ENTRY_TEXT, Column.BANK_ENTRY_AMOUNT, Column.ACCOUNT_NUMBER);
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    private final String name;
    /** The generator of a synthetic stream at scale, {@code null} for a CSV; then there is no input. */
    private final ScaleDataset generated;
    private final CountingInputStream input;
    private final long size;
    private final Closeable resource;
    private final Csv.Reader csv;
    /** For each field of a record, the {@link Column} ordinal its value belongs to. */
    private final int[] columnOfField;
    private long line = 1;

    private DatasetReader(String name, InputStream in, long size, Closeable resource) throws IOException {
        this.name = name;
        this.generated = null;
        this.input = new CountingInputStream(in);
        this.size = size;
        this.resource = resource;
        this.csv = new Csv.Reader(input);
        try {
            this.columnOfField = readHeader();
        } catch (IOException | RuntimeException e) {
            resource.close();
            throw e;
        }
    }

    private DatasetReader(ScaleDataset generated) {
        this.name = generated.toString();
        this.generated = generated;
        this.input = null;
        this.size = generated.rows();
        this.resource = () -> { };
        this.csv = null;
        this.columnOfField = null;
    }

    /**
     * A synthetic stream at platform scale, made as it is read and never held whole: the rows {@code generate
     * --companies companies --rows rows --seed seed} writes.
     */
    public static DatasetReader openScale(int companies, long rows, long seed) {
        return new DatasetReader(new ScaleDataset(companies, rows, seed));
    }

    /** Opens a {@code .csv} file or a {@code .zip} holding one CSV; the header names the columns. */
    public static DatasetReader open(Path file) throws IOException {
        String name = file.toString();
        if (!isZip(file)) {
            InputStream in = Files.newInputStream(file);
            return new DatasetReader(name, in, Files.size(file), in);
        }
        ZipFile zip = new ZipFile(file.toFile());
        try {
            ZipEntry entry = onlyCsvEntry(zip, name);
            // the entry is inflated as it is read: the data set never lands on disk
            InputStream in = zip.getInputStream(entry);
            return new DatasetReader(name + "!" + entry.getName(), in, entry.getSize(), zip);
        } catch (IOException | RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    /** Opens the synthetic data set packaged in the jar. */
    public static DatasetReader openEmbedded() throws IOException {
        byte[] bytes;
        try (InputStream in = DatasetReader.class.getResourceAsStream(EMBEDDED_RESOURCE)) {
            if (in == null) {
                throw new IOException("embedded data set " + EMBEDDED_RESOURCE + " is missing from the class path");
            }
            bytes = in.readAllBytes();
        }
        InputStream in = new ByteArrayInputStream(bytes);
        return new DatasetReader("embedded " + EMBEDDED_RESOURCE, in, bytes.length, in);
    }

    /** The next row, or {@code null} at the end. */
    public Sample next() throws IOException {
        if (generated != null) {
            line++;
            return generated.next();
        }
        String[] fields;
        do {
            fields = csv.next();
            if (fields == null) {
                return null;
            }
            line++;
        } while (fields.length == 1 && fields[0].isEmpty() && columnOfField.length > 1);
        if (fields.length != columnOfField.length) {
            throw new IOException(name + ": line " + line + ": expected " + columnOfField.length
                    + " fields as in the header, got " + fields.length);
        }
        String[] values = new String[Column.ALL.size()];
        Arrays.fill(values, "");
        for (int i = 0; i < fields.length; i++) {
            values[columnOfField[i]] = fields[i];
        }
        return Sample.ofValues(values);
    }

    /**
     * The next row, checked as POST /sample checks a sample ({@link SampleParser#check}: an
     * {@link ledgerlearn.sample.InvalidSampleException} naming the row's line), or {@code null} at the end.
     */
    public Sample nextChecked() throws IOException {
        Sample row = next();
        return row == null ? null : SampleParser.check(row, "line " + line + ": ");
    }

    /**
     * Skips up to {@code rows} rows without checking them, and returns how many were skipped (fewer only
     * at the end).
     */
    public long skip(long rows) throws IOException {
        long skipped = 0;
        if (generated != null) {
            while (skipped < rows && next() != null) {
                skipped++;
            }
            return skipped;
        }
        while (skipped < rows) {
            int fields = csv.skipRecord();
            if (fields < 0) {
                break;
            }
            line++;
            // a blank line is no row (as in next())
            if (!(fields == 0 && columnOfField.length > 1)) {
                skipped++;
            }
        }
        return skipped;
    }

    /**
     * How much of the input has been read, from 0 to 1, by bytes; {@code -1} when the size is
     * unknown. It runs a buffer ahead of the rows returned, which is fine for a progress bar.
     */
    public double fractionRead() {
        if (size <= 0) {
            return -1;
        }
        return Math.min(1.0, (double) (generated != null ? line - 1 : input.count) / size);
    }

    @Override
    public void close() throws IOException {
        resource.close();
    }

    private int[] readHeader() throws IOException {
        String[] header = csv.next();
        if (header == null) {
            throw new IOException(name + ": empty file, expected a header line naming the columns");
        }
        if (header.length > 0 && header[0].startsWith("\uFEFF")) {
            header[0] = header[0].substring(1);
        }
        int[] columns = new int[header.length];
        Set<Column> seen = EnumSet.noneOf(Column.class);
        for (int i = 0; i < header.length; i++) {
            Optional<Column> column = Column.byKey(header[i]);
            if (column.isEmpty()) {
                throw new IOException(name + ": unknown column \"" + header[i] + "\" in the header; expected "
                        + expectedHeaders());
            }
            if (!seen.add(column.get())) {
                throw new IOException(name + ": column \"" + header[i] + "\" appears twice in the header");
            }
            columns[i] = column.get().ordinal();
        }
        List<String> missing = new ArrayList<>();
        for (Column column : REQUIRED) {
            if (!seen.contains(column)) {
                missing.add("\"" + column.header() + "\"");
            }
        }
        if (!missing.isEmpty()) {
            throw new IOException(name + ": missing required column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + " in the header");
        }
        return columns;
    }

    private static String expectedHeaders() {
        List<String> headers = new ArrayList<>();
        for (Column column : Column.ALL) {
            headers.add("\"" + column.header() + "\"");
        }
        return String.join(", ", headers);
    }

    private static boolean isZip(Path file) throws IOException {
        byte[] start = new byte[ZIP_MAGIC.length];
        try (InputStream in = Files.newInputStream(file)) {
            int n = in.readNBytes(start, 0, start.length);
            return n == start.length && Arrays.equals(start, ZIP_MAGIC);
        }
    }

    private static ZipEntry onlyCsvEntry(ZipFile zip, String name) throws IOException {
        List<ZipEntry> csvs = new ArrayList<>();
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            ZipEntry entry = entries.nextElement();
            String entryName = entry.getName();
            // macOS archivers add resource forks beside the real file
            if (!entry.isDirectory() && entryName.toLowerCase().endsWith(".csv") && !entryName.startsWith("__MACOSX/")) {
                csvs.add(entry);
            }
        }
        if (csvs.size() != 1) {
            List<String> names = new ArrayList<>();
            csvs.forEach(entry -> names.add(entry.getName()));
            throw new IOException(name + ": expected a zip holding one .csv entry, found " + csvs.size()
                    + (names.isEmpty() ? "" : " " + names));
        }
        return csvs.get(0);
    }

    /** Counts the bytes the CSV reader has taken, for {@link #fractionRead()}. */
    private static final class CountingInputStream extends FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
