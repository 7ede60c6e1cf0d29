package org.securitycam.timelapse;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class RecordingStartsTest {
    @Test
    void aStartHoldsStitchingBackForTheWindowOnly() throws Exception {
        RecordingStarts starts = new RecordingStarts(System::nanoTime, Duration.ofMillis(600));
        assertTrue(starts.awaitClear().toMillis() < 50, "nothing starting: no wait");
        long t0 = System.nanoTime();
        starts.recordingStarts();
        assertTrue(System.nanoTime() - t0 < TimeUnit.MILLISECONDS.toNanos(50), "the camera's thread never waits");
        Duration held = starts.awaitClear();
        assertTrue(held.toMillis() >= 550 && held.toMillis() < 2_000, "held " + held);
        assertTrue(starts.awaitClear().toMillis() < 50, "over once the window passed");
    }

    @Test
    void anotherStartMeanwhileMovesTheWindowOn() throws Exception {
        RecordingStarts starts = new RecordingStarts(System::nanoTime, Duration.ofMillis(600));
        starts.recordingStarts();
        CompletableFuture<Duration> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return starts.awaitClear();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(400);
        starts.recordingStarts();
        Duration held = waiting.get(5, TimeUnit.SECONDS);
        assertTrue(held.toMillis() >= 950, "held " + held);
    }
}
