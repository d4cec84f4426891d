package ledgerlearn.cli;

/** A command line or environment variable that cannot be used; {@code Main} prints it and exits with 2. */
public final class UsageException extends Exception {
    public UsageException(String message) {
        super(message);
    }
}
