package ledgerlearn.model;

/**
 * A transaction's features as 64-bit keys, computed once per sample for its prediction and its learning.
 *
 * @param company the company, or {@code null} when absent
 * @param text the text, or {@code null} when absent
 * @param keys the global features (each text token, then the amount bucket), followed, when the company is
 *     known, by each one's company twin in the same order (company×token, company×amount)
 * @param globals how many of {@code keys} are global features
 * @param tokens how many of the global features are text tokens (they come first)
 * @param companyKey the company's own feature, 0 when the company is absent
 * @param exactKey (company, text, amount), 0 when one of them is absent
 * @param textKey (company, text), 0 when one of them is absent
 * @param entryKey the bank entry (company, date, text, amount), 0 when the company is absent
 * @param companyHash the company's own hash, for keys made later (split bookings)
 * @param textHash the text's own hash, likewise
 */
record Encoded(String company, String text, long[] keys, int globals, int tokens, long companyKey, long exactKey,
               long textKey, long entryKey, long companyHash, long textHash) {

    /** Whether the company twins follow the global features. */
    boolean hasTwins() {
        return keys.length > globals;
    }
}
