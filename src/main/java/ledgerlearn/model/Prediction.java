package ledgerlearn.model;

import java.util.Objects;

/**
 * One ranked account and the model's probability for it.
 *
 * @param account the account, e.g. {@code 6700}
 * @param probability the naive Bayes posterior, normalised over every account the query may get
 */
public record Prediction(String account, double probability) {

    public Prediction {
        Objects.requireNonNull(account, "account");
    }
}
