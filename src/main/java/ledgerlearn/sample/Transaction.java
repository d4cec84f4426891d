package ledgerlearn.sample;

/**
 * The features of one bank transaction, as the model sees them. A {@code null} value is an absent
 * feature (a /predict query may leave any of them out); a {@link Sample}'s transaction has every value.
 *
 * @param companyId e.g. {@code int:a055470}
 * @param date ISO {@code YYYY-MM-DD}, already validated
 * @param text whitespace-separated tokens, may be empty
 * @param amount the amount bucket label, e.g. {@code > -1000}
 */
public record Transaction(String companyId, String date, String text, String amount) {
}
