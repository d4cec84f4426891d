package ledgerlearn.model;

import ledgerlearn.sample.Transaction;

/**
 * A transaction's features as hashed bucket ids. Each feature is a namespaced string, e.g.
 * {@code "t\u0001str:6cd08e4"}, hashed into {@code 2^hashBits} buckets; a repeated token repeats its id.
 */
final class Features {
    static final char SEPARATOR = '\u0001';

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private Features() {}

    /**
     * The bucket ids of a transaction's features: company, each text token, amount bucket, month
     * (if enabled), then each company×token cross (if enabled). A {@code null} value is an absent feature.
     */
    static int[] of(Transaction transaction, ModelOptions options) {
        if (options.hasCompanyModel()) {
            return withCompanyTwins(transaction, options);
        }
        String company = transaction.companyId();
        String text = transaction.text();
        String amount = transaction.amount();
        boolean month = options.month() && hasMonth(transaction.date());
        int tokens = text == null ? 0 : countTokens(text);
        boolean crosses = options.crosses() && company != null;
        int[] ids = new int[(company != null ? 1 : 0) + tokens + (amount != null ? 1 : 0)
                + (month ? 1 : 0) + (crosses ? tokens : 0)];
        int bits = options.hashBits();
        int n = 0;
        if (company != null) {
            ids[n++] = bucket(add(prefix('c'), company, 0, company.length()), bits);
        }
        n = addTokens(ids, n, prefix('t'), text, tokens, bits);
        if (amount != null) {
            ids[n++] = bucket(add(prefix('a'), amount, 0, amount.length()), bits);
        }
        if (month) {
            ids[n++] = bucket(add(prefix('m'), transaction.date(), 5, 7), bits);
        }
        if (crosses) {
            n = addTokens(ids, n, companyPrefix('x', company), text, tokens, bits);
        }
        assert n == ids.length;
        return ids;
    }

    /**
     * With a company model: the global features, each text token, amount bucket and month (if
     * enabled), followed, when the company is known, by each one's company twin in the same order
     * ({@code "x"} company×token, {@code "y"} company×amount, {@code "z"} company×month).
     */
    private static int[] withCompanyTwins(Transaction transaction, ModelOptions options) {
        String company = transaction.companyId();
        String text = transaction.text();
        String amount = transaction.amount();
        boolean month = options.month() && hasMonth(transaction.date());
        int tokens = text == null ? 0 : countTokens(text);
        int globals = tokens + (amount != null ? 1 : 0) + (month ? 1 : 0);
        int[] ids = new int[company == null ? globals : 2 * globals];
        int bits = options.hashBits();
        int n = addTokens(ids, 0, prefix('t'), text, tokens, bits);
        if (amount != null) {
            ids[n++] = bucket(add(prefix('a'), amount, 0, amount.length()), bits);
        }
        if (month) {
            ids[n++] = bucket(add(prefix('m'), transaction.date(), 5, 7), bits);
        }
        if (company != null) {
            n = addTokens(ids, n, companyPrefix('x', company), text, tokens, bits);
            if (amount != null) {
                ids[n++] = bucket(add(companyPrefix('y', company), amount, 0, amount.length()), bits);
            }
            if (month) {
                ids[n++] = bucket(add(companyPrefix('z', company), transaction.date(), 5, 7), bits);
            }
        }
        assert n == ids.length;
        return ids;
    }

    /** How many of {@link #of}'s ids are global features: all of them, unless they are followed by company twins. */
    static int globalCount(Transaction transaction, ModelOptions options, int ids) {
        return options.hasCompanyModel() && transaction.companyId() != null ? ids / 2 : ids;
    }

    /** The bucket of one feature string, e.g. {@code "m\u000102"}; {@link #of} gives the same ids without building strings. */
    static int bucket(String feature, int hashBits) {
        return bucket(add(FNV_OFFSET, feature, 0, feature.length()), hashBits);
    }

    /** A 64-bit key of (company, text, amount), or 0 when one of them is absent. */
    static long exactKey(Transaction transaction) {
        String company = transaction.companyId();
        String text = transaction.text();
        String amount = transaction.amount();
        if (company == null || text == null || amount == null) {
            return 0;
        }
        long h = add(add(prefix('e'), company, 0, company.length()), SEPARATOR);
        h = add(add(h, text, 0, text.length()), SEPARATOR);
        long key = finish(add(h, amount, 0, amount.length()));
        return key == 0 ? 1 : key;
    }

    /**
     * A 64-bit key of the bank entry itself, (company, date, text, amount), or 0 when the company is
     * absent: a split booking books the same entry again.
     */
    static long entryKey(Transaction transaction) {
        String company = transaction.companyId();
        if (company == null) {
            return 0;
        }
        long h = add(add(prefix('b'), company, 0, company.length()), SEPARATOR);
        h = add(addNullable(h, transaction.date()), SEPARATOR);
        h = add(addNullable(h, transaction.text()), SEPARATOR);
        return nonZero(finish(addNullable(h, transaction.amount())));
    }

    /**
     * The split memory's keys for an entry booked again after {@code previous}: (entry key, previous
     * class, text) and, more general, (company, previous class); {@code company} non-null.
     */
    static long splitKey(String company, int previous, String text) {
        long h = add(add(prefix(text == null ? 'p' : 's'), company, 0, company.length()), SEPARATOR);
        h = add(add(add(h, (char) (previous >>> 16)), (char) previous), SEPARATOR);
        return nonZero(finish(text == null ? h : add(h, text, 0, text.length())));
    }

    private static long addNullable(long hash, String s) {
        // absent and empty differ, so that an absent value never equals a present one
        return s == null ? add(hash, '\u0002') : add(hash, s, 0, s.length());
    }

    private static long nonZero(long key) {
        return key == 0 ? 1 : key;
    }

    private static boolean hasMonth(String date) {
        return date != null && date.length() >= 7 && date.charAt(4) == '-';
    }

    /** The number of text tokens: how many company×token ids {@link #of} gives when it gives any. */
    static int tokenCount(Transaction transaction) {
        return transaction.text() == null ? 0 : countTokens(transaction.text());
    }

    private static int countTokens(String text) {
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

    private static int addTokens(int[] ids, int n, long prefixHash, String text, int tokens, int bits) {
        if (tokens == 0) {
            return n;
        }
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
                ids[n++] = bucket(add(prefixHash, text, start, i), bits);
            }
        }
        return n;
    }

    private static long companyPrefix(char namespace, String company) {
        return add(add(prefix(namespace), company, 0, company.length()), SEPARATOR);
    }

    private static long prefix(char namespace) {
        return add(add(FNV_OFFSET, namespace), SEPARATOR);
    }

    // FNV-1a over UTF-16 code units: stable across JVMs and cheap to extend one char at a time,
    // so a prefix is hashed once and features never need to be built as strings.
    private static long add(long hash, char c) {
        return (hash ^ c) * FNV_PRIME;
    }

    private static long add(long hash, String s, int from, int to) {
        for (int i = from; i < to; i++) {
            hash = (hash ^ s.charAt(i)) * FNV_PRIME;
        }
        return hash;
    }

    // FNV's high bits mix poorly for short inputs; murmur3's finaliser spreads every input bit
    // before the top hashBits are taken.
    private static long finish(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    private static int bucket(long hash, int hashBits) {
        return (int) (finish(hash) >>> (64 - hashBits));
    }
}
