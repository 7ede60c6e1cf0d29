package org.securitycam.timelapse;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Holds stitching back while the camera starts a recording, since a start (ffmpeg coming up, the first thumbnail)
 * must not share the processor with an encoder. The camera asks every recording guard before a recording starts;
 * from then on, for {@link #WINDOW}, no stitch begins and a running one gets no more frames.
 */
final class RecordingStarts {
    /** How long a recording start holds stitching back. */
    static final Duration WINDOW = Duration.ofSeconds(10);

    private final LongSupplier nanoClock;
    private final long windowNanos;
    private long until;
    private boolean starting;

    RecordingStarts(LongSupplier nanoClock, Duration window) {
        this.nanoClock = nanoClock;
        this.windowNanos = window.toNanos();
    }

    /** A recording is about to start; returns at once. */
    synchronized void recordingStarts() {
        until = nanoClock.getAsLong() + windowNanos;
        starting = true;
        notifyAll();
    }

    /**
     * Waits while a recording is starting.
     *
     * @return how long it waited
     */
    synchronized Duration awaitClear() throws InterruptedException {
        long begun = nanoClock.getAsLong();
        while (starting) {
            long left = until - nanoClock.getAsLong();
            if (left <= 0) {
                starting = false;
                break;
            }
            wait(Math.max(1, left / 1_000_000), 0);
        }
        return Duration.ofNanos(nanoClock.getAsLong() - begun);
    }
}
