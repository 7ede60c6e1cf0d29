package org.securitycam.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The login throttle (five failures in five minutes, then backing off up to 15 minutes), on a hand-driven clock. */
class LoginThrottleTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final LoginThrottle throttle = new LoginThrottle(now::get);

    private void fail(String client, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failure(client);
        }
    }

    @Test
    void fiveFailuresLockTheClientOutAndBackOffExponentially() {
        fail("10.0.0.1", 4);
        assertEquals(0, throttle.retryAfter("10.0.0.1"));
        fail("10.0.0.1", 1);
        assertEquals(30, throttle.retryAfter("10.0.0.1"));
        assertEquals(0, throttle.retryAfter("10.0.0.2"), "another client is not affected");
        now.addAndGet(30_000);
        assertEquals(0, throttle.retryAfter("10.0.0.1"));
        fail("10.0.0.1", 1);
        assertEquals(60, throttle.retryAfter("10.0.0.1"));
        long lock = 60;
        for (int i = 0; i < 10; i++) {
            now.addAndGet(lock * 1000);
            fail("10.0.0.1", 1);
            lock = throttle.retryAfter("10.0.0.1");
        }
        assertEquals(900, lock, "capped at 15 minutes");
    }

    @Test
    void failuresOlderThanTheWindowDoNotCount() {
        fail("a", 4);
        now.addAndGet(301_000);
        fail("a", 1);
        assertEquals(0, throttle.retryAfter("a"));
    }

    @Test
    void aSuccessResetsTheCounter() {
        fail("a", 4);
        throttle.success("a");
        fail("a", 4);
        assertEquals(0, throttle.retryAfter("a"));
    }

    @Test
    void memoryIsBoundedAgainstRotatingAddresses() {
        for (int i = 0; i < 100_000; i++) {
            throttle.failure("client-" + i);
        }
        assertTrue(throttle.size() <= LoginThrottle.MAX_CLIENTS);
    }
}
