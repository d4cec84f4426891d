package ledgerlearn.sample;

import java.util.List;
import java.util.Optional;

/** The data set's columns in header order: one schema for requests, the store and data files. */
public enum Column {
    /** The unnamed row index that pandas writes; accepted and ignored by the model. */
    INDEX(""),
    COMPANY_ID("CompanyId"),
    BANK_ENTRY_DATE("BankEntryDate"),
    BANK_ENTRY_TEXT("BankEntryText"),
    BANK_ENTRY_AMOUNT("BankEntryAmount"),
    ACCOUNT_NAME("AccountName"),
    ACCOUNT_NUMBER("AccountNumber"),
    ACCOUNT_TYPE_NAME("AccountTypeName");

    /** The same columns, as an immutable list in header order. */
    public static final List<Column> ALL = List.of(values());

    private final String header;

    Column(String header) {
        this.header = header;
    }

    /** The column's name in a CSV header and as a JSON key. */
    public String header() {
        return header;
    }

    /**
     * The column a JSON key or CSV header names. The index column is named {@code ""} in the
     * data set's own header and {@code "Unnamed: 0"} once pandas has read it, so both are accepted.
     */
    public static Optional<Column> byKey(String key) {
        if ("Unnamed: 0".equals(key)) {
            return Optional.of(INDEX);
        }
        for (Column column : ALL) {
            if (column.header.equals(key)) {
                return Optional.of(column);
            }
        }
        return Optional.empty();
    }
}
