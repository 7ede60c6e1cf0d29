package org.securitycam.camera;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

import org.securitycam.api.camera.CameraException;

/**
 * The live feed's current frame, shared between callers: at most one grab runs at a time and one starts at most
 * once per {@code maxAge}; callers meanwhile get the last outcome (the same bytes, or the same failure), or wait
 * for the grab that runs.
 */
final class LiveFrames {
    /** One grab of the feed. */
    interface Grabber {
        byte[] grab() throws CameraException;
    }

    /** A grab's outcome: a frame, or the failure's message. */
    private record Outcome(byte[] frame, String error) {
        byte[] get() throws CameraException {
            if (frame == null) {
                throw new CameraException(error);
            }
            return frame;
        }
    }

    private final Grabber grabber;
    private final long maxAgeNanos;
    private final long timeoutNanos;
    private final LongSupplier nanoClock;
    private Outcome last;
    private long lastAt;
    private CompletableFuture<Outcome> running;

    /**
     * @param timeoutNanos how long a grab may take; a caller waits for another caller's grab that long and a
     *        second more, then fails as the grab would
     * @param nanoClock {@code System::nanoTime}, or a test's clock
     */
    LiveFrames(Grabber grabber, long maxAgeNanos, long timeoutNanos, LongSupplier nanoClock) {
        this.grabber = grabber;
        this.maxAgeNanos = maxAgeNanos;
        this.timeoutNanos = timeoutNanos;
        this.nanoClock = nanoClock;
    }

    /** The current frame; the returned array is shared, callers must not change it. */
    byte[] get() throws CameraException {
        CompletableFuture<Outcome> grab;
        boolean mine = false;
        synchronized (this) {
            if (last != null && nanoClock.getAsLong() - lastAt < maxAgeNanos) {
                return last.get();
            }
            if (running == null) {
                running = new CompletableFuture<>();
                mine = true;
            }
            grab = running;
        }
        if (mine) {
            Outcome outcome;
            try {
                outcome = new Outcome(grabber.grab(), null);
            } catch (CameraException e) {
                outcome = new Outcome(null, e.getMessage());
            } catch (RuntimeException e) {
                outcome = new Outcome(null, "The frame could not be grabbed: " + e);
            }
            synchronized (this) {
                last = outcome;
                lastAt = nanoClock.getAsLong();
                running = null;
            }
            grab.complete(outcome);
            return outcome.get();
        }
        try {
            return grab.get(timeoutNanos + TimeUnit.SECONDS.toNanos(1), TimeUnit.NANOSECONDS).get();
        } catch (TimeoutException e) {
            throw new CameraException("No frame from the camera within "
                    + TimeUnit.NANOSECONDS.toSeconds(timeoutNanos) + " s");
        } catch (ExecutionException e) {
            throw new CameraException("The frame could not be grabbed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CameraException("Interrupted while waiting for a frame");
        }
    }
}
