package ledgerlearn.http;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Slows down token guessing: each client address may fail the token check {@value #BURST} times at once
 * and then {@value #PER_SECOND} times a second (a token bucket); beyond that, every request from it is
 * answered 429 with {@code Retry-After} before its token is even looked at, so guessing gains nothing
 * from speed, while valid clients, which do not fail, are never slowed. An IPv6 client is counted by its
 * /64, which one machine usually holds whole. At most {@value #MAX_ADDRESSES} addresses are tracked; when
 * more are failing at once, the newest share one bucket. Thread-safe.
 */
final class FailedAuthThrottle {
    static final int BURST = 20;
    static final int PER_SECOND = 2;
    static final int MAX_ADDRESSES = 10_000;
    private static final long NANOS_PER_FAILURE = 1_000_000_000L / PER_SECOND;
    /** The key of the bucket that addresses beyond {@link #MAX_ADDRESSES} share. */
    private static final String OVERFLOW = "";

    private final LongSupplier clock;
    /** By address key: when its bucket will be full again (nanoTime); a bucket full by now is as good as absent. */
    private final Map<String, Long> fullAt = new HashMap<>();

    FailedAuthThrottle() {
        this(System::nanoTime);
    }

    FailedAuthThrottle(LongSupplier clock) {
        this.clock = clock;
    }

    /** Seconds until {@code address} may try a token again; 0 when it may now. */
    synchronized long retryAfterSeconds(InetAddress address) {
        Long full = fullAt.get(key(address));
        if (full == null) {
            return 0;
        }
        long now = clock.getAsLong();
        // the bucket is empty while it is more than BURST failures away from full
        long wait = full - now - (BURST - 1) * NANOS_PER_FAILURE;
        return wait <= 0 ? 0 : (wait + 999_999_999L) / 1_000_000_000L;
    }

    /** Counts a failed token check from {@code address}. */
    synchronized void failed(InetAddress address) {
        long now = clock.getAsLong();
        String key = key(address);
        if (!fullAt.containsKey(key) && fullAt.size() >= MAX_ADDRESSES) {
            prune(now);
            if (fullAt.size() >= MAX_ADDRESSES) {
                key = OVERFLOW;
            }
        }
        long full = Math.max(fullAt.getOrDefault(key, now), now);
        fullAt.put(key, Math.min(full + NANOS_PER_FAILURE, now + (BURST + 1) * NANOS_PER_FAILURE));
    }

    /** The number of addresses tracked. */
    synchronized int tracked() {
        return fullAt.size();
    }

    private void prune(long now) {
        for (Iterator<Long> it = fullAt.values().iterator(); it.hasNext(); ) {
            if (it.next() <= now) {
                it.remove();
            }
        }
    }

    private static String key(InetAddress address) {
        if (address == null) {
            return OVERFLOW;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            return "6:" + java.util.HexFormat.of().formatHex(bytes, 0, 8);
        }
        return address.getHostAddress();
    }
}
