package ledgerlearn.testing;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonArray;
import com.eclipsesource.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import ledgerlearn.sample.Column;
import ledgerlearn.sample.Sample;

/** Sample rows and JSON bodies for tests. */
public final class Samples {
    private Samples() {}

    /** A valid sample; {@code i} varies its text so rows differ. */
    public static Sample sample(String company, String account, String text) {
        return new Sample("", company, "2016-02-29", text, "> -1000", "str:1e82557", account, "Balance");
    }

    /** A seeded stream of learnable rows: a few companies, accounts tied to tokens, some noise. */
    public static List<Sample> stream(int rows, long seed) {
        Random random = new Random(seed);
        List<Sample> samples = new ArrayList<>(rows);
        String[] companies = {"int:a055470", "int:44fa489", "int:c34046f"};
        String[] amounts = {"> -1000", "< 1000", "> -100", "big negative"};
        for (int i = 0; i < rows; i++) {
            String company = companies[random.nextInt(companies.length)];
            int account = random.nextInt(6);
            String text = "str:acc" + account + " int:" + Integer.toHexString(random.nextInt(40))
                    + (random.nextInt(4) == 0 ? " str:noise" + random.nextInt(9) : "");
            String date = String.format("2016-%02d-%02d", 1 + random.nextInt(12), 1 + random.nextInt(28));
            samples.add(new Sample(String.valueOf(i), company, date, text, amounts[account % amounts.length],
                    "str:name" + account, String.valueOf(1000 + account * 1100), account < 3 ? "Balance" : "Profit and Loss"));
        }
        return samples;
    }

    public static JsonObject json(Sample sample) {
        JsonObject object = Json.object();
        for (Column column : Column.ALL) {
            if (column != Column.INDEX) {
                object.add(column.header(), sample.value(column));
            }
        }
        return object;
    }

    public static String body(List<Sample> samples) {
        JsonArray array = Json.array();
        samples.forEach(sample -> array.add(json(sample)));
        return array.toString();
    }

    /** The features of a sample as a /predict body. */
    public static String query(Sample sample) {
        return Json.object()
                .add("CompanyId", sample.companyId())
                .add("BankEntryDate", sample.date())
                .add("BankEntryText", sample.text())
                .add("BankEntryAmount", sample.amount())
                .toString();
    }
}
