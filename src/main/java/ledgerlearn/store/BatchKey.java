package ledgerlearn.store;

import java.util.Objects;

/**
 * The idempotency key of a stored batch and what it was answered: the key its client chose (behind its tenant's
 * mark when the client is bound to companies, see {@link #ofTenant}), a digest of the
 * batch's rows (the same key with other rows is a conflict), the batch's {@code accepted} and {@code total}
 * as its 200 said them, and where its rows are in the store now: rows {@code from + 1} to {@code to}.
 * Before any deletion {@code to == total} and {@code to - from == accepted}; a deletion moves and shrinks the
 * range but keeps the answer.
 */
public record BatchKey(String key, String digest, int accepted, long total, long from, long to) {
    /** The longest key a client may choose. */
    public static final int MAX_KEY_LENGTH = 128;
    /**
     * Begins a tenant's key. A client's key is ASCII, so no key an unbound client chooses begins with it, and
     * tenants' keys never meet each other's or theirs.
     */
    private static final String TENANT_MARK = "\u00a7";
    /** Hex digits naming a tenant in its keys. */
    private static final int TENANT_DIGITS = 16;

    public BatchKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(digest, "digest");
        if (!isValidStoredKey(key)) {
            throw new IllegalArgumentException("key must be 1.." + MAX_KEY_LENGTH
                    + " printable ASCII characters, behind a tenant's mark or not");
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

    /**
     * The key under which a client of {@code tenant} (the companies its token is bound to, as
     * {@value #TENANT_DIGITS} hex digits of their digest) keeps {@code clientKey}: {@code §tenant clientKey}.
     */
    public static String ofTenant(String tenant, String clientKey) {
        if (tenant.length() != TENANT_DIGITS || !isValidKey(clientKey)) {
            throw new IllegalArgumentException("not a tenant and a client's key");
        }
        return TENANT_MARK + tenant + " " + clientKey;
    }

    /** The key as its client sent it: {@code key} without its tenant's mark. */
    public static String clientKey(String key) {
        return key.startsWith(TENANT_MARK) ? key.substring(TENANT_MARK.length() + TENANT_DIGITS + 1) : key;
    }

    /** Whether {@code key} is a client's key (see {@link #isValidKey}), or one behind its tenant's mark. */
    public static boolean isValidStoredKey(String key) {
        if (key == null || !key.startsWith(TENANT_MARK)) {
            return isValidKey(key);
        }
        int space = TENANT_MARK.length() + TENANT_DIGITS;
        if (key.length() <= space || key.charAt(space) != ' ') {
            return false;
        }
        for (int i = TENANT_MARK.length(); i < space; i++) {
            char c = key.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return isValidKey(key.substring(space + 1));
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
