package org.securitycam.system;

import java.time.Duration;
import java.time.Instant;

/**
 * The last reading of one source: its value (null when the source is unavailable), when it was read, and since
 * when it has been stale (its source overran its timeout, so the value is the last one it gave).
 */
record Reading<T>(T value, Instant at, Instant staleSince, String problem) {
    static <T> Reading<T> notYet() {
        return new Reading<>(null, null, null, "not read yet");
    }

    static <T> Reading<T> of(T value, Instant at) {
        return new Reading<>(value, at, null, null);
    }

    /** The source answered that it has no such figure (not a Pi, no such file). */
    static <T> Reading<T> unavailable(String problem, Instant at) {
        return new Reading<>(null, at, null, problem);
    }

    /** The source did not answer in time: the last value stays, and is stale from when it was read. */
    Reading<T> overran(String why, Instant now) {
        Instant since = staleSince != null ? staleSince : at != null && value != null ? at : now;
        return new Reading<>(value, at, since, why);
    }

    /**
     * Since when the value is stale: the source overran, or has not been read for longer than {@code maxAge}
     * (its sampler is stuck); null while it is fresh.
     */
    Instant staleSince(Instant now, Duration maxAge) {
        if (staleSince != null) {
            return staleSince;
        }
        if (at != null && Duration.between(at, now).compareTo(maxAge) > 0) {
            return at;
        }
        return null;
    }
}
