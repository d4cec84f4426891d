package ledgerlearn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

final class FailedAuthThrottleTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000_000L);
    private final FailedAuthThrottle throttle = new FailedAuthThrottle(now::get);

    @Test
    void letsABurstOfFailuresThroughThenTwoASecond() throws Exception {
        InetAddress guesser = InetAddress.getByName("192.0.2.7");
        for (int i = 0; i < FailedAuthThrottle.BURST; i++) {
            assertEquals(0, throttle.retryAfterSeconds(guesser), "failure " + i + " of the burst");
            throttle.failed(guesser);
        }
        assertEquals(1, throttle.retryAfterSeconds(guesser));

        now.addAndGet(400_000_000L);
        assertEquals(1, throttle.retryAfterSeconds(guesser), "not yet half a second later");
        now.addAndGet(100_000_000L);
        assertEquals(0, throttle.retryAfterSeconds(guesser), "one more try after half a second");
        throttle.failed(guesser);
        assertEquals(1, throttle.retryAfterSeconds(guesser));

        now.addAndGet(60_000_000_000L);
        assertEquals(0, throttle.retryAfterSeconds(guesser), "a full bucket again after a quiet minute");
    }

    @Test
    void anotherAddressIsNeverSlowed() throws Exception {
        InetAddress guesser = InetAddress.getByName("192.0.2.7");
        for (int i = 0; i < 10 * FailedAuthThrottle.BURST; i++) {
            throttle.failed(guesser);
        }
        assertTrue(throttle.retryAfterSeconds(guesser) > 0);
        assertEquals(0, throttle.retryAfterSeconds(InetAddress.getByName("192.0.2.8")));
    }

    @Test
    void countsAnIpv6ClientByItsSlash64() throws Exception {
        for (int i = 0; i < FailedAuthThrottle.BURST; i++) {
            throttle.failed(InetAddress.getByName("2001:db8:1:2::" + Integer.toHexString(i + 1)));
        }
        assertEquals(1, throttle.retryAfterSeconds(InetAddress.getByName("2001:db8:1:2:ffff::1")));
        assertEquals(0, throttle.retryAfterSeconds(InetAddress.getByName("2001:db8:1:3::1")));
    }

    @Test
    void tracksABoundedNumberOfAddresses() throws Exception {
        for (int i = 0; i < FailedAuthThrottle.MAX_ADDRESSES + 500; i++) {
            throttle.failed(InetAddress.getByAddress(new byte[] {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i}));
        }
        assertTrue(throttle.tracked() <= FailedAuthThrottle.MAX_ADDRESSES + 1, throttle.tracked() + " tracked");
    }
}
