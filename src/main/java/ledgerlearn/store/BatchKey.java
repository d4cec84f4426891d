package ledgerlearn.store;

import java.util.Objects;

/**
 * The idempotency key of a stored batch and what it was answered: the key its client chose, a digest of the
 * batch's rows (the same key with other rows is a conflict), the batch's {@code accepted} and {@code total}
 * as its 200 said them, and where its rows are in the store now: rows {@code from + 1} to {@code to}.
 * Before any deletion {@code to == total} and {@code to - from == accepted}; a deletion moves and shrinks the
 * range but keeps the answer.
 */
public record BatchKey(String key, String digest, int accepted, long total, long from, long to) {
    /** The longest key accepted. */
    public static final int MAX_KEY_LENGTH = 128;

    public BatchKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(digest, "digest");
        if (!isValidKey(key)) {
            throw new IllegalArgumentException("key must be 1.." + MAX_KEY_LENGTH + " printable ASCII characters");
        }
        if (accepted < 1 || total < accepted || from < 0 || to <= from) {
            throw new IllegalArgumentException("bad batch key counts: accepted " + accepted + ", total " + total
                    + ", rows " + from + ".." + to);
        }
    }

    /** The key of a batch of {@code accepted} rows just stored, ending at row {@code total}. */
    public static BatchKey of(String key, String digest, int accepted, long total) {
        return new BatchKey(key, digest, accepted, total, total - accepted, total);
    }

    /** Whether {@code key} is 1..{@value #MAX_KEY_LENGTH} characters of printable ASCII (space to tilde). */
    public static boolean isValidKey(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < ' ' || c > '~') {
                return false;
            }
        }
        return true;
    }

    /** This key with its rows at {@code from + 1} to {@code to} of a rewritten store. */
    BatchKey movedTo(long from, long to) {
        return new BatchKey(key, digest, accepted, total, from, to);
    }
}
