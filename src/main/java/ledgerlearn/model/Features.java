package ledgerlearn.model;

import ledgerlearn.sample.Transaction;

/**
 * Turns a transaction into {@link Encoded} feature keys: each feature (a text token, the amount bucket, a
 * company twin of one, a memory's key) is its namespace and values hashed to 64 bits, without ever being
 * built as a string. With 64 bits, two distinct features of even a billion collide with a probability
 * below 3%, so the tables keyed by them grow with what was learnt instead of sharing buckets.
 */
final class Features {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private Features() {}

    /** The transaction's features; a {@code null} value is an absent feature. */
    static Encoded encode(Transaction transaction) {
        return encode(transaction, FNV_OFFSET);
    }

    /**
     * The transaction's features hashed from {@code basis} instead of FNV's offset basis: the same features
     * under an independent set of keys, with which an audit finds the keys that two features share.
     */
    static Encoded encode(Transaction transaction, long basis) {
        String company = transaction.companyId();
        String text = transaction.text();
        String amount = transaction.amount();
        // each value is hashed once; a feature's key combines the hashes of its namespace and values
        long companyHash = hash(company, basis);
        long textHash = hash(text, basis);
        long amountHash = hash(amount, basis);
        int tokens = text == null ? 0 : countTokens(text);
        int globals = tokens + (amount != null ? 1 : 0);
        long[] keys = new long[company == null ? globals : 2 * globals];
        addTokens(keys, text, company == null ? 0 : globals, company == null ? 0 : combine('x', companyHash), basis);
        if (amount != null) {
            keys[tokens] = finish(combine(combine('a', 0), amountHash));
        }
        long companyKey = 0;
        if (company != null) {
            if (amount != null) {
                keys[globals + tokens] = finish(combine(combine('y', companyHash), amountHash));
            }
            companyKey = finish(combine('c', companyHash));
        }
        long exactKey = company == null || text == null || amount == null ? 0
                : finish(combine(combine(combine('e', companyHash), textHash), amountHash));
        long textKey = company == null || text == null ? 0 : finish(combine(combine('w', companyHash), textHash));
        // the bank entry itself, (company, date, text, amount): a split booking books the same entry again
        long entryKey = company == null ? 0 : finish(combine(combine(combine(combine('b', companyHash),
                hash(transaction.date(), basis)), textHash), amountHash));
        return new Encoded(company, text, keys, globals, tokens, companyKey, exactKey, textKey, entryKey, companyHash,
                textHash);
    }

    /** The key of one global text token, as {@link #encode} gives it. */
    static long tokenKey(String token) {
        return finish(combine(combine('t', 0), hash(token, FNV_OFFSET)));
    }

    /**
     * The split memory's keys for an entry booked again after {@code previous}: (company, previous class,
     * text) and, more general, (company, previous class) when {@code textHash} is 0.
     */
    static long splitKey(long companyHash, int previous, long textHash) {
        long h = combine(combine(textHash == 0 ? 'p' : 's', companyHash), previous);
        return finish(textHash == 0 ? h : combine(h, textHash));
    }

    static int countTokens(String text) {
        int count = 0;
        boolean inToken = false;
        for (int i = 0; i < text.length(); i++) {
            boolean space = Character.isWhitespace(text.charAt(i));
            if (!space && !inToken) {
                count++;
            }
            inToken = !space;
        }
        return count;
    }

    /**
     * Writes each token's global key at {@code keys[i]} and, when {@code twinPrefix} is not 0, its company
     * twin's at {@code keys[twins + i]}.
     */
    private static void addTokens(long[] keys, String text, int twins, long twinPrefix, long basis) {
        if (text == null) {
            return;
        }
        long global = combine('t', 0);
        int n = 0;
        int i = 0;
        int length = text.length();
        while (i < length) {
            while (i < length && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < length && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                long token = add(basis, text, start, i);
                keys[n] = finish(combine(global, token));
                if (twinPrefix != 0) {
                    keys[twins + n] = finish(combine(twinPrefix, token));
                }
                n++;
            }
        }
    }

    /** The FNV-1a hash of a value; absent and empty differ, so that an absent value never equals a present one. */
    private static long hash(String s, long basis) {
        return s == null ? 0x5bd1e9955bd1e995L : add(basis, s, 0, s.length());
    }

    private static long combine(long hash, long value) {
        long h = (hash ^ value) * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 32);
    }

    // FNV-1a over UTF-16 code units: stable across JVMs, and one pass over a value.
    private static long add(long hash, String s, int from, int to) {
        for (int i = from; i < to; i++) {
            hash = (hash ^ s.charAt(i)) * FNV_PRIME;
        }
        return hash;
    }

    // FNV's high bits mix poorly for short inputs; murmur3's finaliser spreads every input bit. A key is
    // never 0, which the tables keyed by it keep for an empty slot.
    private static long finish(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }
}
