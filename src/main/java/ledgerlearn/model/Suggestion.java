package ledgerlearn.model;

import java.util.Objects;

/**
 * One suggested account and why.
 *
 * @param account the account, e.g. {@code 6700}
 * @param probability the probability that this account is the one booked, after everything the model weighs
 * @param source where the suggestion comes from
 * @param memoryBookings with {@link Source#MEMORY}: how many times the company booked the same text and
 *     amount before; 0 otherwise
 * @param memoryToThisAccount ... and how many of those went to this account
 * @param companyKnown whether the model has learnt anything of the query's company
 */
public record Suggestion(String account, double probability, Source source, int memoryBookings,
                         int memoryToThisAccount, boolean companyKnown) {

    /** Where a suggestion comes from. */
    public enum Source {
        /** The same company booked the same text and amount to this account before. */
        MEMORY,
        /** The query books again the company's last bank entry, and this account followed such a booking before. */
        SPLIT,
        /** Neither: the model's reading of the text, the amount and the company's habits. */
        MODEL;

        /** The name in answers, e.g. {@code "memory"}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Suggestion {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(source, "source");
    }
}
