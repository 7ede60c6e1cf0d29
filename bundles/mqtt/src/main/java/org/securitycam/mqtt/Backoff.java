package org.securitycam.mqtt;

/**
 * The waits between connection attempts: 1 s after the first failure, doubling up to 60 s, and back to 1 s once a
 * connection succeeds. Not thread-safe: the connection's own thread keeps it.
 */
final class Backoff {
    static final long FIRST_MS = 1_000;
    static final long MOST_MS = 60_000;

    private long next = FIRST_MS;

    /** The wait before the next attempt, after one failed. */
    long failed() {
        long wait = next;
        next = Math.min(MOST_MS, next * 2);
        return wait;
    }

    void succeeded() {
        next = FIRST_MS;
    }
}
