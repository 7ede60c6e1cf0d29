package org.securitycam.auth;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Brute-force throttling per client: after {@value #MAX_FAILURES} failures within
 * {@value #WINDOW_SECONDS} s a client is locked out, first for {@value #FIRST_LOCK_SECONDS} s, then twice as
 * long after each failure that follows a lock-out within the window, up to {@value #MAX_LOCK_SECONDS} s. A success clears the client. It remembers
 * at most {@value #MAX_CLIENTS} clients, forgetting the least recently seen, so rotating addresses cannot
 * exhaust memory.
 */
final class LoginThrottle {
    static final int MAX_FAILURES = 5;
    static final long WINDOW_SECONDS = 300;
    static final long FIRST_LOCK_SECONDS = 30;
    static final long MAX_LOCK_SECONDS = 900;
    static final int MAX_CLIENTS = 4096;

    private final LongSupplier clockMillis;
    private final Map<String, Client> clients = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Client> eldest) {
            return size() > MAX_CLIENTS;
        }
    };

    LoginThrottle(LongSupplier clockMillis) {
        this.clockMillis = clockMillis;
    }

    /** Seconds the client must still wait, or 0 if it may try. */
    synchronized long retryAfter(String client) {
        Client c = clients.get(client);
        if (c == null) {
            return 0;
        }
        long left = c.lockedUntil - clockMillis.getAsLong();
        return left > 0 ? (left + 999) / 1000 : 0;
    }

    synchronized void failure(String client) {
        long now = clockMillis.getAsLong();
        Client c = clients.computeIfAbsent(client, k -> new Client());
        if (c.lastLockSeconds > 0 && now - c.lockedUntil <= WINDOW_SECONDS * 1000) {
            // A failure soon after a lock-out ends: the client keeps guessing, so it waits twice as long.
            lock(c, now, Math.min(c.lastLockSeconds * 2, MAX_LOCK_SECONDS));
            return;
        }
        c.lastLockSeconds = 0;
        c.failures.addLast(now);
        while (now - c.failures.peekFirst() > WINDOW_SECONDS * 1000) {
            c.failures.removeFirst();
        }
        if (c.failures.size() >= MAX_FAILURES) {
            c.failures.clear();
            lock(c, now, FIRST_LOCK_SECONDS);
        }
    }

    private static void lock(Client c, long now, long seconds) {
        c.lastLockSeconds = seconds;
        c.lockedUntil = now + seconds * 1000;
    }

    synchronized void success(String client) {
        clients.remove(client);
    }

    synchronized int size() {
        return clients.size();
    }

    private static final class Client {
        final Deque<Long> failures = new ArrayDeque<>();
        long lockedUntil;
        long lastLockSeconds;
    }
}
