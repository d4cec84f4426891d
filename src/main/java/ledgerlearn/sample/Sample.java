package ledgerlearn.sample;

import java.util.Objects;

/**
 * One validated, booked transaction, its values exactly as received. Every value is non-null:
 * an absent optional value ({@code index}, {@code accountName}, {@code accountTypeName}) is {@code ""}.
 */
public record Sample(String index, String companyId, String date, String text, String amount,
                     String accountName, String accountNumber, String accountTypeName) {

    public Sample {
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(companyId, "companyId");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(accountName, "accountName");
        Objects.requireNonNull(accountNumber, "accountNumber");
        Objects.requireNonNull(accountTypeName, "accountTypeName");
    }

    /** The features the model learns from and predicts with. */
    public Transaction transaction() {
        return new Transaction(companyId, date, text, amount);
    }

    /** The value of one column. */
    public String value(Column column) {
        return switch (column) {
            case INDEX -> index;
            case COMPANY_ID -> companyId;
            case BANK_ENTRY_DATE -> date;
            case BANK_ENTRY_TEXT -> text;
            case BANK_ENTRY_AMOUNT -> amount;
            case ACCOUNT_NAME -> accountName;
            case ACCOUNT_NUMBER -> accountNumber;
            case ACCOUNT_TYPE_NAME -> accountTypeName;
        };
    }

    /** Builds a sample from values in {@link Column} order (as read from a CSV row). */
    public static Sample ofValues(String[] values) {
        if (values.length != Column.ALL.size()) {
            throw new IllegalArgumentException("expected " + Column.ALL.size() + " values, got " + values.length);
        }
        return new Sample(values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7]);
    }
}
