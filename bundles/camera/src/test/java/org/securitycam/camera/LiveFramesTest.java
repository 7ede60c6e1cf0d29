package org.securitycam.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.securitycam.api.camera.CameraException;

/** Sharing of the live frame, on a hand-driven clock. */
class LiveFramesTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private final AtomicLong now = new AtomicLong(1_000 * SECOND);
    private final AtomicInteger grabs = new AtomicInteger();

    private LiveFrames frames(LiveFrames.Grabber grabber) {
        return new LiveFrames(grabber, SECOND, 6 * SECOND, now::get);
    }

    @Test
    void callersWithinASecondShareOneGrab() throws Exception {
        LiveFrames f = frames(() -> new byte[] { (byte) grabs.incrementAndGet() });
        byte[] first = f.get();
        now.addAndGet(SECOND / 2);
        assertSame(first, f.get());
        now.addAndGet(SECOND / 2);
        byte[] next = f.get();
        assertEquals(2, next[0], "a second later, a new grab");
        assertEquals(2, grabs.get());
    }

    @Test
    void aFailureIsSharedAsWellAndTheNextSecondTriesAgain() throws Exception {
        LiveFrames f = frames(() -> {
            grabs.incrementAndGet();
            throw new CameraException("Camera unreachable: Connection refused");
        });
        for (int i = 0; i < 3; i++) {
            CameraException e = assertThrows(CameraException.class, f::get);
            assertEquals("Camera unreachable: Connection refused", e.getMessage());
        }
        assertEquals(1, grabs.get());
        now.addAndGet(SECOND);
        assertThrows(CameraException.class, f::get);
        assertEquals(2, grabs.get());
    }

    @Test
    void concurrentCallersWaitForTheGrabThatRuns() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        LiveFrames f = frames(() -> {
            grabs.incrementAndGet();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new byte[] { 42 };
        });
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<byte[]>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(f::get));
            }
            Thread.sleep(200);
            release.countDown();
            byte[] first = results.get(0).get(10, TimeUnit.SECONDS);
            for (Future<byte[]> r : results) {
                assertSame(first, r.get(10, TimeUnit.SECONDS));
            }
            assertEquals(1, grabs.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aWaiterGivesUpAfterItsLimit() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        LiveFrames f = new LiveFrames(() -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new byte[] { 1 };
        }, SECOND, TimeUnit.MILLISECONDS.toNanos(200), System::nanoTime);
        Thread grabber = new Thread(() -> {
            try {
                f.get();
            } catch (CameraException ignored) {
                // not what this test looks at
            }
        });
        grabber.start();
        Thread.sleep(100);
        CameraException e = assertThrows(CameraException.class, f::get);
        assertTrue(e.getMessage().startsWith("No frame from the camera within"), e.getMessage());
        release.countDown();
        grabber.join(5_000);
    }
}
