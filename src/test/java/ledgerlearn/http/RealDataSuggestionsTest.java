package ledgerlearn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonArray;
import com.eclipsesource.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import ledgerlearn.dataset.DatasetReader;
import ledgerlearn.sample.Sample;
import ledgerlearn.testing.RealData;
import ledgerlearn.testing.Samples;
import ledgerlearn.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * What an accountant is told, checked on the real stream through HTTP as the trust issue measured it: a
 * server learns rows 0..649,999, then for each later row answers {@code /predict?top=3&detail=true} and
 * learns the row. Every probability shown must be its own account's, and mean what it says.
 */
final class RealDataSuggestionsTest {
    private static final int LEARNT_FIRST = 650_000;
    private static final String LARGEST = "int:c34046f";
    private static final double[] THRESHOLDS = {0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99};

    /** Shown probabilities and whether they came true, by group: every company, and all but the largest. */
    private static final class Outcomes {
        final List<double[]> first = new ArrayList<>();
        final List<double[]> below = new ArrayList<>();
        long rows;
        /** Sum and count of the first suggestion's probability for a company never seen, and for a text and amount always booked to it. */
        double unknownSum;
        long unknown;
        double repeatSum;
        long repeats;
        long autoBooked;
        long autoBookedRight;

        double coverage() {
            return (double) autoBooked / rows;
        }

        double autoBookPrecision() {
            return (double) autoBookedRight / autoBooked;
        }
    }

    @Test
    void probabilitiesAreEachAccountsOwnAndMeanWhatTheySayAndAutoBookingKeepsItsPrecision() throws IOException {
        Outcomes all = new Outcomes();
        Outcomes others = new Outcomes();
        try (TestServer server = TestServer.startWith("--fsync", "false");
             DatasetReader reader = DatasetReader.open(RealData.zip())) {
            List<Sample> batch = new ArrayList<>(5_000);
            int row = 0;
            for (Sample sample; (sample = reader.next()) != null; row++) {
                if (row < LEARNT_FIRST) {
                    batch.add(sample);
                    if (batch.size() == 5_000 || row == LEARNT_FIRST - 1) {
                        assertEquals(200, server.post("/sample", Samples.body(batch)).statusCode());
                        batch.clear();
                    }
                    continue;
                }
                HttpResponse<String> response = server.post("/predict?top=3&detail=true", Samples.query(sample));
                assertEquals(200, response.statusCode(), response.body());
                JsonArray suggestions = Json.parse(response.body()).asArray();
                checkOwnProbabilities(suggestions);
                record(all, suggestions, sample);
                if (!sample.companyId().equals(LARGEST)) {
                    record(others, suggestions, sample);
                }
                assertEquals(200, server.post("/sample", Samples.body(List.of(sample))).statusCode());
            }
        }

        System.out.println(report("all", all) + "\n" + report("without " + LARGEST, others));
        for (Outcomes group : List.of(all, others)) {
            double bound = group == all ? 0.02 : 0.03;
            String name = group == all ? "all" : "without " + LARGEST;
            assertTrue(calibrationError(group.first) <= bound, name + ": first suggestion\n" + report(name, group));
            assertTrue(calibrationError(group.below) <= bound, name + ": 2nd and 3rd\n" + report(name, group));
            for (double t : THRESHOLDS) {
                double[] shown = atLeast(group.first, t);
                assertTrue(shown[0] < 50 || shown[1] / shown[0] >= t - 0.02,
                        name + ": shown with p >= " + t + ", right " + shown[1] / shown[0]);
            }
            assertTrue(group.autoBookPrecision() >= 0.94, name + ": auto-booked right " + group.autoBookPrecision());
            assertTrue(group.coverage() >= (group == all ? 0.78 : 0.65), name + ": auto-booked " + group.coverage());
        }
        double unknown = others.unknownSum / others.unknown;
        double repeat = others.repeatSum / others.repeats;
        assertTrue(others.unknown > 50 && unknown < repeat - 0.5, "a company's first row is shown with " + unknown
                + " on average, a text and amount it always booked to one account with " + repeat);
    }

    /** Each suggestion's probability is its own: ordered, summing to at most one, one account once. */
    private static void checkOwnProbabilities(JsonArray suggestions) {
        double previous = 1;
        double sum = 0;
        Set<String> accounts = new HashSet<>();
        for (int i = 0; i < suggestions.size(); i++) {
            JsonObject s = suggestions.get(i).asObject();
            double p = s.getDouble("probability", -1);
            assertTrue(p >= 0 && p <= previous, suggestions.toString());
            assertTrue(accounts.add(s.getString("account", "")), suggestions.toString());
            assertEquals(i == 0, s.get("autoBook") != null, "only the first says autoBook: " + suggestions);
            previous = p;
            sum += p;
        }
        assertTrue(sum <= 1 + 1e-9, suggestions.toString());
    }

    private static void record(Outcomes group, JsonArray suggestions, Sample sample) {
        group.rows++;
        for (int i = 0; i < suggestions.size(); i++) {
            JsonObject s = suggestions.get(i).asObject();
            boolean right = s.getString("account", "").equals(sample.accountNumber());
            (i == 0 ? group.first : group.below).add(new double[] {s.getDouble("probability", -1), right ? 1 : 0});
            if (i == 0 && !s.getBoolean("companyKnown", true)) {
                group.unknownSum += s.getDouble("probability", -1);
                group.unknown++;
            }
            JsonObject memory = s.get("memory") == null ? null : s.get("memory").asObject();
            if (i == 0 && memory != null && memory.getInt("bookings", 0) >= 3
                    && memory.getInt("toThisAccount", 0) == memory.getInt("bookings", 0)) {
                group.repeatSum += s.getDouble("probability", -1);
                group.repeats++;
            }
            if (i == 0 && s.getBoolean("autoBook", false)) {
                group.autoBooked++;
                group.autoBookedRight += right ? 1 : 0;
            }
        }
    }

    /** The expected calibration error over ten equal bins. */
    private static double calibrationError(List<double[]> shown) {
        double[] gap = new double[10];
        for (double[] s : shown) {
            gap[Math.min(9, (int) (s[0] * 10))] += s[1] - s[0];
        }
        double error = 0;
        for (double g : gap) {
            error += Math.abs(g);
        }
        return error / shown.size();
    }

    /** How many were shown with at least {@code threshold}, and how many of those came true. */
    private static double[] atLeast(List<double[]> shown, double threshold) {
        double[] counts = new double[2];
        for (double[] s : shown) {
            if (s[0] >= threshold) {
                counts[0]++;
                counts[1] += s[1];
            }
        }
        return counts;
    }

    private static String report(String name, Outcomes group) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "trust, %s: %,d rows; calibration error first %.4f, 2nd and 3rd %.4f; auto-booked %.3f, right %.4f;"
                        + " unknown companies shown %.3f (%d rows), well-known repeats %.3f (%d rows);",
                name, group.rows, calibrationError(group.first), calibrationError(group.below), group.coverage(),
                group.autoBookPrecision(), group.unknownSum / group.unknown, group.unknown, group.repeatSum / group.repeats,
                group.repeats));
        for (double t : THRESHOLDS) {
            double[] shown = atLeast(group.first, t);
            text.append(String.format(Locale.ROOT, " p>=%s %.3f right %.4f;", t, shown[0] / group.first.size(),
                    shown[1] / shown[0]));
        }
        return text.toString();
    }
}
