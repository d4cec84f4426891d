package ledgerlearn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ledgerlearn.snapshot.StateInput;
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
        assertEquals(0, company.indexOf(1));
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
    void thePreviousOtherClassIsTheLatestBookingOfAnotherClassThanTheLastWithinTheRecentBookings() {
        CompanyCounts company = new CompanyCounts(10);
        assertEquals(-1, company.previousOtherClass(), "nothing booked yet");
        company.add(5, 1);
        assertEquals(-1, company.previousOtherClass(), "one class booked");
        for (int c : new int[] {7, 3, 3, 7, 7}) {
            company.add(c, 1);
        }
        assertEquals(7, company.lastClass());
        assertEquals(3, company.previousOtherClass());

        // a class booked only before the last RECENT bookings is not among them
        for (int i = 0; i < CompanyCounts.RECENT - 1; i++) {
            company.add(9, 1);
        }
        assertEquals(7, company.previousOtherClass(), "the 7 just within the last RECENT");
        company.add(9, 1);
        assertEquals(-1, company.previousOtherClass());
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

    @Test
    void onlyTheFirstCountClassesGetShares() {
        CompanyCounts company = new CompanyCounts(10);
        company.add(1, 1);
        company.add(2, 1);
        company.add(3, 1);
        double[] shares = new double[3];

        company.recentShares(new int[] {1, 2, 3}, 2, 8, shares);

        assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0, 0}, shares, 1e-12);
    }

    private static CompanyCounts booked(int... classes) {
        CompanyCounts company = new CompanyCounts(10);
        for (int c : classes) {
            company.add(c, c + 1);
        }
        return company;
    }

    @Test
    void companiesThatBookedInAnotherOrderHaveDifferentDigests() {
        // the same accounts, samples and last bookings: only the order of the latest bookings differs
        CompanyCounts first = booked(1, 2, 1, 2);
        CompanyCounts second = booked(2, 1, 1, 2);

        assertEquals(first.digest(3), booked(1, 2, 1, 2).digest(3));
        assertNotEquals(first.digest(3), second.digest(3));
        assertNotEquals(first.digest(3), booked(1, 2, 1, 3).digest(3));
        assertNotEquals(booked(1, 2, 3, 4).digest(3), booked(1, 2, 3, 4, 4).digest(3), "four accounts, one more sample");
    }

    private static CompanyCounts readBack(CompanyCounts company) {
        return States.roundTrip(company::write, in -> CompanyCounts.read(in, 10));
    }

    @Test
    void aCompanyReadBackKeepsItsCountsAndBooksOnAsTheOriginal() {
        CompanyCounts original = new CompanyCounts(10);
        for (int i = 0; i < 100; i++) {
            original.add(i * 7 % 11, i % 3);
        }
        original.booked(77L, 4);
        CompanyCounts read = readBack(original);

        assertEquals(original.digest(1), read.digest(1));
        assertArrayEquals(original.classes(), read.classes());
        assertEquals(77L, read.lastEntry());
        assertEquals(4, read.lastClassFor(77L));
        assertEquals(original.lastClass(), read.lastClass());
        for (int i = 0; i < original.size(); i++) {
            assertEquals(original.samplesAt(i), read.samplesAt(i));
            assertEquals(original.featureTotalAt(i), read.featureTotalAt(i));
            assertEquals(original.ageAt(i), read.ageAt(i));
            assertEquals(original.logTwinDenominatorAt(i), read.logTwinDenominatorAt(i));
        }
        double[] expected = new double[11];
        double[] actual = new double[11];
        int[] all = original.classes();
        original.recentShares(all, all.length, CompanyCounts.RECENT, expected);
        read.recentShares(all, all.length, CompanyCounts.RECENT, actual);
        assertArrayEquals(expected, actual);
        for (CompanyCounts company : new CompanyCounts[] {original, read}) {
            company.add(20, 3);
            company.add(0, 1);
        }
        assertEquals(original.digest(1), read.digest(1));
        assertEquals(Math.log(3 + 10), read.logTwinDenominatorAt(read.indexOf(20)), 1e-12);
        assertEquals(new CompanyCounts(10).digest(1), readBack(new CompanyCounts(10)).digest(1));
    }

    @Test
    void aStateOfInconsistentLengthsIsRefused() {
        int[] four = new int[4];
        long[] longs = new long[4];
        byte[][] states = {
            States.bytes(out -> out.writeInt(-1).writeLong(0).writeLong(0).writeInt(-1).writeInts(four, 4)
                    .writeInts(four, 4).writeLongs(longs, 4).writeLongs(longs, 4).writeInts(new int[64], 64)),
            States.bytes(out -> out.writeInt(0).writeLong(0).writeLong(0).writeInt(-1).writeInts(four, 4)
                    .writeInts(four, 4).writeLongs(longs, 4).writeLongs(longs, 4).writeInts(new int[64], 63)),
            States.bytes(out -> out.writeInt(0).writeLong(0).writeLong(0).writeInt(-1).writeInts(four, 4)
                    .writeInts(new int[5], 5).writeLongs(longs, 4).writeLongs(longs, 4).writeInts(new int[64], 64)),
            States.bytes(out -> out.writeInt(0).writeLong(0).writeLong(0).writeInt(-1).writeInts(four, 4)
                    .writeInts(four, 4).writeLongs(new long[5], 5).writeLongs(longs, 4).writeInts(new int[64], 64)),
        };
        for (byte[] state : states) {
            assertThrows(StateInput.CorruptStateException.class, () -> CompanyCounts.read(new StateInput(state), 10));
        }
    }
}
