package ledgerlearn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

final class CompanyCountsTest {

    @Test
    void anAccountInsertedBetweenOthersKeepsEveryAccountsCounts() {
        CompanyCounts company = new CompanyCounts(10);
        company.add(9, 4);
        company.add(1, 2);
        company.add(5, 3);
        company.add(5, 1);
        company.add(3, 7);

        assertArrayEquals(new int[] {1, 3, 5, 9}, company.classes());
        assertEquals(5, company.total());
        int[] samples = new int[4];
        long[] features = new long[4];
        long[] ages = new long[4];
        for (int i = 0; i < 4; i++) {
            samples[i] = company.samplesAt(i);
            features[i] = company.featureTotalAt(i);
            ages[i] = company.ageAt(i);
        }
        assertArrayEquals(new int[] {1, 1, 2, 1}, samples);
        assertArrayEquals(new long[] {2, 7, 4, 4}, features);
        for (int i = 0; i < 4; i++) {
            assertEquals(Math.log(features[i] + 10), company.logTwinDenominatorAt(i), 1e-12, "log(m_c + mu) moves with its class");
        }
        // samples since each was last booked: 1 at the second, 3 at the fifth, 5 at the fourth, 9 at the first
        assertArrayEquals(new long[] {4, 1, 2, 5}, ages);
        assertEquals(2, company.indexOf(5));
        assertEquals(-1, company.indexOf(4));
    }

    @Test
    void recentSharesCountTheLatestBookingsOnly() {
        CompanyCounts company = new CompanyCounts(10);
        for (int i = 0; i < 100; i++) {
            company.add(i < 90 ? 1 : 2, 1);
        }
        double[] last8 = new double[3];
        double[] last64 = new double[3];
        company.recentShares(new int[] {1, 2, 3}, 3, 8, last8);
        company.recentShares(new int[] {1, 2, 3}, 3, CompanyCounts.RECENT, last64);

        assertArrayEquals(new double[] {0, 1, 0}, last8, 1e-12);
        assertArrayEquals(new double[] {54.0 / 64, 10.0 / 64, 0}, last64, 1e-12);
        assertEquals(2, company.lastClass());
    }

    @Test
    void aYoungCompanysSharesAreOverWhatItBooked() {
        CompanyCounts company = new CompanyCounts(10);
        company.add(4, 1);
        company.add(6, 1);
        double[] shares = new double[2];
        company.recentShares(new int[] {4, 6}, 2, 8, shares);

        assertArrayEquals(new double[] {0.5, 0.5}, shares, 1e-12);
        assertEquals(-1, new CompanyCounts(10).lastClass());
    }

    @Test
    void remembersItsLastBankEntry() {
        CompanyCounts company = new CompanyCounts(10);
        company.add(2, 1);
        company.booked(77L, 2);

        assertEquals(77L, company.lastEntry());
        assertEquals(2, company.lastClassFor(77L));
        assertEquals(-1, company.lastClassFor(78L));
    }
}
