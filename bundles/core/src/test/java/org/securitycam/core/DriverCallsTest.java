package org.securitycam.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Calls into drivers with a time limit: an answer in time is the caller's, a late one goes to the late handler. */
class DriverCallsTest {
    private final DriverCalls calls = new DriverCalls("test-driver");

    @AfterEach
    void stop() {
        calls.shutdown();
    }

    @Test
    void anAnswerInTimeIsReturned() {
        DriverCalls.Outcome<String> o = calls.call(() -> "session", 1_000, late -> {
            throw new AssertionError("not late");
        });
        assertTrue(o.ok());
        assertEquals("session", o.value());
    }

    @Test
    void whatTheCallThrowsIsReturned() {
        DriverCalls.Outcome<String> o = calls.call(() -> {
            throw new IllegalStateException("pin busy");
        }, 1_000, late -> {
        });
        assertFalse(o.ok());
        assertFalse(o.timedOut());
        assertInstanceOf(IllegalStateException.class, o.failure());
        DriverCalls.Outcome<String> error = calls.call(() -> {
            throw new NoClassDefFoundError("gone with its bundle");
        }, 1_000, late -> {
        });
        assertInstanceOf(NoClassDefFoundError.class, error.failure());
    }

    @Test
    void aCallThatHangsTimesOutAndItsLateAnswerGoesToTheLateHandler() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        BlockingQueue<String> late = new ArrayBlockingQueue<>(1);
        long t0 = System.nanoTime();
        DriverCalls.Outcome<String> o = calls.call(() -> {
            release.await();
            return "late session";
        }, 200, late::add);
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(o.timedOut());
        assertNull(o.value());
        assertTrue(waited >= 200 && waited < 5_000, "waited " + waited + " ms");
        release.countDown();
        assertEquals("late session", late.poll(5, TimeUnit.SECONDS), "the late session reaches the handler");
    }

    @Test
    void aHungCallDoesNotHoldUpTheNextOne() {
        CountDownLatch never = new CountDownLatch(1);
        assertTrue(calls.call(() -> {
            never.await();
            return null;
        }, 50, late -> {
        }).timedOut());
        DriverCalls.Outcome<String> next = calls.call(() -> "next", 1_000, late -> {
        });
        assertEquals("next", next.value());
        never.countDown();
    }

    @Test
    void threadsAreDaemons() {
        DriverCalls.Outcome<Boolean> o = calls.call(() -> Thread.currentThread().isDaemon(), 1_000, late -> {
        });
        assertTrue(o.value());
    }
}
