package ledgerlearn.model;

/** An order-sensitive 64-bit digest of a sequence of numbers, for comparing whole models. */
final class Digest {
    private Digest() {}

    static long mix(long hash, long value) {
        long h = (hash ^ value) * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 29);
    }

    static long mix(long hash, String value) {
        hash = mix(hash, value.length());
        for (int i = 0; i < value.length(); i++) {
            hash = mix(hash, value.charAt(i));
        }
        return hash;
    }
}
