package ledgerlearn.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ledgerlearn.dataset.ScaleDataset;
import ledgerlearn.sample.Sample;
import org.junit.jupiter.api.Test;

final class CollisionAuditTest {

    @Test
    void findsNoSharedKeyAmongTheFeaturesOfAStreamOfManyCompanies() {
        CollisionAudit audit = new CollisionAudit();
        ScaleDataset stream = new ScaleDataset(200, 50_000, 3);
        for (Sample sample = stream.next(); sample != null; sample = stream.next()) {
            audit.add(sample.transaction());
        }
        assertEquals(0, audit.collisions());
        // tokens, amounts, their company twins and the memories' keys of 200 companies' own vocabularies
        assertEquals(true, audit.keys() > 20_000, "keys " + audit.keys());
    }

    @Test
    void countsAKeyMetWithTwoDifferentFeaturesOnceHoweverOftenItIsMet() {
        CollisionAudit audit = new CollisionAudit();
        audit.put(42, 1);
        audit.put(42, 1);
        assertEquals(0, audit.collisions(), "the same feature again");
        audit.put(42, 2);
        audit.put(42, 3);
        audit.put(42, 2);
        assertEquals(1, audit.collisions());
        assertEquals(1, audit.keys());
    }

    @Test
    void keepsEveryKeyAsItsTableGrows() {
        CollisionAudit audit = new CollisionAudit();
        for (long key = 1; key <= 200_000; key++) {
            audit.put(key * 0x9E3779B97F4A7C15L, key);
        }
        for (long key = 1; key <= 200_000; key++) {
            audit.put(key * 0x9E3779B97F4A7C15L, key);
        }
        assertEquals(200_000, audit.keys());
        assertEquals(0, audit.collisions());
        audit.put(7 * 0x9E3779B97F4A7C15L, 8);
        assertEquals(1, audit.collisions());
    }
}
