package ledgerlearn.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import ledgerlearn.sample.Sample;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class DatasetReaderTest {
    private static final String HEADER =
            ",CompanyId,BankEntryDate,BankEntryText,BankEntryAmount,AccountName,AccountNumber,AccountTypeName\n";
    private static final String ROWS = HEADER
            + "0,int:a055470,2016-02-29,str:6cd08e4 int:49fed34,> -1000,str:1e82557,9900,Balance\n"
            + "1,int:a055470,2016-02-29,\"a, \"\"quoted\"\" text\",< 10,,3115,Profit and Loss\n"
            + "2,int:a055470,2016-03-01,,big positive,str:a9f0788,2240,\n";

    @TempDir
    Path dir;

    @Test
    void readsCsvRowsInFileOrderWithValuesAsWritten() throws IOException {
        Path csv = write("rows.csv", ROWS);
        List<Sample> rows = readAll(csv);
        assertEquals(List.of(
                new Sample("0", "int:a055470", "2016-02-29", "str:6cd08e4 int:49fed34", "> -1000", "str:1e82557",
                        "9900", "Balance"),
                new Sample("1", "int:a055470", "2016-02-29", "a, \"quoted\" text", "< 10", "", "3115",
                        "Profit and Loss"),
                new Sample("2", "int:a055470", "2016-03-01", "", "big positive", "str:a9f0788", "2240", "")),
                rows);
    }

    @Test
    void skipsRowsAndSaysHowManyThereWere() throws IOException {
        Path csv = write("rows.csv", ROWS + "\n");
        try (DatasetReader reader = DatasetReader.open(csv)) {
            assertEquals(2, reader.skip(2));
            assertEquals("2", reader.next().index());
        }
        try (DatasetReader reader = DatasetReader.open(csv)) {
            assertEquals(3, reader.skip(Long.MAX_VALUE), "a blank last line is no row");
            assertNull(reader.next());
        }
    }

    @Test
    void readsAZipHoldingOneCsvLikeTheCsvItself() throws IOException {
        Path csv = write("rows.csv", ROWS);
        Path zip = zip("rows.zip", "rows.csv", ROWS);
        assertEquals(readAll(csv), readAll(zip));
    }

    @Test
    void readsAZipWhateverItsFileNameSays() throws IOException {
        Path zip = zip("rows.data", "inner/rows.csv", ROWS);
        assertEquals(3, readAll(zip).size());
    }

    @Test
    void refusesAZipWithoutExactlyOneCsvEntry() throws IOException {
        Path zip = dir.resolve("two.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String name : List.of("a.csv", "b.csv")) {
                out.putNextEntry(new ZipEntry(name));
                out.write(ROWS.getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        IOException e = assertThrows(IOException.class, () -> DatasetReader.open(zip));
        assertEquals(zip + ": expected a zip holding one .csv entry, found 2 [a.csv, b.csv]", e.getMessage());
    }

    @Test
    void mapsColumnsByHeaderWhateverTheirOrderAndFillsMissingOptionalOnesWithEmptyValues() throws IOException {
        Path csv = write("reordered.csv", "AccountNumber,BankEntryAmount,BankEntryText,BankEntryDate,CompanyId\n"
                + "6700,< 1000,str:181e0e7,2016-01-04,int:c34046f\n");
        assertEquals(List.of(new Sample("", "int:c34046f", "2016-01-04", "str:181e0e7", "< 1000", "", "6700", "")),
                readAll(csv));
    }

    @Test
    void acceptsThePandasNameOfTheIndexColumn() throws IOException {
        Path csv = write("pandas.csv", "Unnamed: 0" + ROWS.substring(ROWS.indexOf(',')));
        assertEquals(readAll(write("rows.csv", ROWS)), readAll(csv));
    }

    @Test
    void namesFileAndColumnForAnUnknownHeader() throws IOException {
        Path csv = write("unknown.csv", HEADER.replace("AccountName", "Amount"));
        IOException e = assertThrows(IOException.class, () -> DatasetReader.open(csv));
        assertTrue(e.getMessage().startsWith(csv + ": unknown column \"Amount\" in the header; expected \"\", "
                + "\"CompanyId\""), e.getMessage());
    }

    @Test
    void namesFileAndColumnsForMissingRequiredHeaders() throws IOException {
        Path csv = write("missing.csv", ",CompanyId,BankEntryText,BankEntryAmount,AccountName\n");
        IOException e = assertThrows(IOException.class, () -> DatasetReader.open(csv));
        assertEquals(csv + ": missing required columns \"BankEntryDate\", \"AccountNumber\" in the header",
                e.getMessage());
    }

    @Test
    void refusesAnEmptyFile() throws IOException {
        Path csv = write("empty.csv", "");
        IOException e = assertThrows(IOException.class, () -> DatasetReader.open(csv));
        assertEquals(csv + ": empty file, expected a header line naming the columns", e.getMessage());
    }

    @Test
    void namesTheLineOfARowWithTheWrongFieldCount() throws IOException {
        Path csv = write("short.csv", ROWS + "3,int:a055470,2016-03-01,str:1\n");
        try (DatasetReader reader = DatasetReader.open(csv)) {
            for (int i = 0; i < 3; i++) {
                reader.next();
            }
            IOException e = assertThrows(IOException.class, reader::next);
            assertEquals(csv + ": line 5: expected 8 fields as in the header, got 4", e.getMessage());
        }
    }

    @Test
    void skipsBlankLinesAndReadsALastLineWithoutLineFeed() throws IOException {
        Path csv = write("blank.csv", ROWS + "\n" + "3,int:a055470,2016-03-01,str:1,< 10,,1000,");
        List<Sample> rows = readAll(csv);
        assertEquals(4, rows.size());
        assertEquals("1000", rows.get(3).accountNumber());
    }

    @Test
    void reportsTheFractionOfBytesRead() throws IOException {
        Path csv = dir.resolve("big.csv");
        SyntheticDataset.write(csv, 5_000, 1);
        try (DatasetReader reader = DatasetReader.open(csv)) {
            reader.next();
            double early = reader.fractionRead();
            assertTrue(early > 0 && early < 1, "early " + early);
            while (reader.next() != null) {
                assertTrue(reader.fractionRead() >= early);
            }
            assertEquals(1.0, reader.fractionRead());
        }
    }

    @Test
    void readsTheEmbeddedSyntheticDataSet() throws IOException {
        try (DatasetReader reader = DatasetReader.openEmbedded()) {
            Sample first = reader.next();
            assertEquals("0", first.index());
            long rows = 1;
            while (reader.next() != null) {
                rows++;
            }
            assertEquals(SyntheticDataset.SHIPPED_ROWS, rows);
        }
    }

    @Test
    void readsEveryRowOfTheRealDataSetFromItsZip() throws IOException {
        Path zip = realDataSet();
        try (DatasetReader reader = DatasetReader.open(zip)) {
            assertEquals(new Sample("0", "int:a055470", "2016-02-29", "str:6cd08e4 int:49fed34", "> -1000",
                    "str:1e82557", "9900", "Balance"), reader.next());
            long rows = 1;
            Sample last = null;
            for (Sample sample = reader.next(); sample != null; sample = reader.next()) {
                last = sample;
                rows++;
            }
            assertEquals(737_017, rows);
            assertEquals(new Sample("150", "int:44fa489", "2015-01-05", "str:a629347 str:2e98669 int:7637dce",
                    "> -10000", "str:c7ef1c8", "5830", "Balance"), last);
            assertNull(reader.next());
        }
    }

    /** The real data set, or a skipped test when it is absent (a failed one under CI). */
    private static Path realDataSet() {
        String shared = System.getenv("LEDGERLEARN_SHARED_DATA");
        Path zip = shared == null ? null : Path.of(shared, "bank_expenses_obfuscated.csv.zip");
        boolean present = zip != null && Files.isRegularFile(zip);
        String why = "the real data set is not at " + (zip == null ? "$LEDGERLEARN_SHARED_DATA (unset)" : zip);
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(present, why);
        }
        Assumptions.assumeTrue(present, why + "; skipped");
        return zip;
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private Path zip(String name, String entry, String content) throws IOException {
        Path zip = dir.resolve(name);
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            out.putNextEntry(new ZipEntry(entry));
            out.write(content.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return zip;
    }

    private static List<Sample> readAll(Path file) throws IOException {
        List<Sample> rows = new ArrayList<>();
        try (DatasetReader reader = DatasetReader.open(file)) {
            for (Sample sample = reader.next(); sample != null; sample = reader.next()) {
                rows.add(sample);
            }
        }
        return rows;
    }
}
