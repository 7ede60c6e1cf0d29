package org.securitycam.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;
import org.securitycam.api.events.Topics;
import org.securitycam.api.media.DiskUsage;

/** The service around the runs: one at a time, the check before a recording, events, settings, status. */
class StorageServiceTest {
    @TempDir
    Path dir;
    MediaFolder media;
    final AtomicReference<Object> section = new AtomicReference<>();
    final List<Event> events = Collections.synchronizedList(new ArrayList<>());
    final List<StorageService> services = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        media = new MediaFolder(dir.resolve("recordings"), 100_000);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (StorageService s : services) {
            s.deactivate();
        }
    }

    private StorageService service(Retention.DiskMeasure disk) {
        StorageService s = new StorageService(media.store, disk, section::get, events::add, Clock.systemUTC());
        services.add(s);
        return s;
    }

    private void configure(StorageService s, Map<String, Object> limit) {
        section.set(limit);
        s.handleEvent(new Event(Topics.SETTINGS_CHANGED, Map.of(Topics.SECTIONS, List.of(StorageLimit.SECTION))));
    }

    private static List<Event> deletions(List<Event> events) {
        synchronized (events) {
            return events.stream().filter(e -> e.getTopic().equals(Topics.ARCHIVE_UPDATED)
                    && "deleted".equals(e.getProperty("type"))).toList();
        }
    }

    @Test
    void runsNeverOverlap() throws Exception {
        for (int i = 0; i < 20; i++) {
            media.recording(Duration.ofDays(30 - i), 1000);
        }
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        StorageService s = service(() -> {
            most.accumulateAndGet(inside.incrementAndGet(), Math::max);
            try {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
                return media.usage();
            } finally {
                inside.decrementAndGet();
            }
        });
        configure(s, Map.of("enabled", true, "max_percent", 10));
        ExecutorService clients = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<StorageService.Cleanup>> cleanups = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            cleanups.add(clients.submit(() -> {
                go.await();
                for (int j = 0; j < 20; j++) {
                    assertNull(s.beforeRecording());
                }
                return s.cleanup(30, TimeUnit.SECONDS);
            }));
        }
        go.countDown();
        int deleted = 0;
        for (Future<StorageService.Cleanup> c : cleanups) {
            deleted += c.get(60, TimeUnit.SECONDS).result().deleted();
        }
        clients.shutdown();
        assertEquals(1, most.get(), "two runs measured the disk at once");
        assertTrue(media.usage().percent() <= 10);
        assertTrue(deleted <= 18, "the four cleanups together deleted no more than the 18 needed: " + deleted);
        Thread.sleep(200);
        int total = deletions(events).stream().mapToInt(e -> (Integer) e.getProperty("count")).sum();
        assertEquals(18, total, "each deleting run announced what it deleted, and together they deleted 18");
    }

    @Test
    void aRunThatDeletesAnnouncesItOnceAndOneThatDoesNotStaysQuiet() throws Exception {
        for (int i = 0; i < 5; i++) {
            media.recording(Duration.ofDays(10 - i), 1000);
        }
        StorageService s = service(media::usage);
        configure(s, Map.of("enabled", true, "max_percent", 10));
        StorageService.Cleanup c = s.cleanup(10, TimeUnit.SECONDS);
        assertEquals(3, c.result().deleted(), "20,000 down to 8,000");
        List<Event> announced = deletions(events);
        assertEquals(1, announced.size(), events.toString());
        assertEquals(3, announced.get(0).getProperty("count"));
        assertEquals(Units.mb(12_000), announced.get(0).getProperty("freed_mb"));

        c = s.cleanup(10, TimeUnit.SECONDS);
        assertEquals(0, c.result().deleted());
        assertEquals(1, deletions(events).size());
    }

    @Test
    void withAutoDeleteOffNothingIsDeletedAndARecordingIsRefusedUnder200Mb() throws Exception {
        Path old = media.recording(Duration.ofDays(1000), 10_000);
        StorageService s = service(media::usage);
        configure(s, Map.of("enabled", false, "max_percent", 10, "max_days", 1));
        StorageService.Cleanup c = s.cleanup(10, TimeUnit.SECONDS);
        assertNull(c.result(), "skipped");
        assertFalse(c.limit().enabled());
        assertTrue(Files.exists(old));

        String reason = s.beforeRecording();
        assertNotNull(reason);
        assertTrue(reason.contains("auto-delete is off") && reason.contains("0.06 MB free"), reason);
        Map<String, Object> status = s.status();
        assertEquals(false, status.get("recording_allowed"));
        assertEquals(reason, status.get("refusal"));
        assertTrue(Files.exists(old));
    }

    @Test
    void withEnoughRoomOrAutoDeleteOnARecordingIsNotRefused() throws Exception {
        StorageService roomy = service(() -> DiskUsage.of(1L << 40, 1L << 30));
        assertNull(roomy.beforeRecording());
        assertEquals(true, roomy.status().get("recording_allowed"));
        assertFalse(roomy.status().containsKey("refusal"));

        // Nearly full, auto-delete on: the recording starts, and a run in the background makes room.
        Path old = media.recording(Duration.ofDays(3), 10_000);
        Path newer = media.recording(Duration.ofDays(1), 10_000);
        StorageService s = service(media::usage);
        configure(s, Map.of("enabled", true, "max_percent", 50));
        assertNull(s.beforeRecording());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (Files.exists(old) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertFalse(Files.exists(old), "the background run deleted the oldest recording");
        assertTrue(Files.exists(newer));
    }

    @Test
    void theCheckBeforeARecordingNeverDeletesOnTheCallersThread() throws Exception {
        media.recording(Duration.ofDays(3), 10_000);
        Map<Thread, Boolean> measuredOn = new ConcurrentHashMap<>();
        StorageService s = service(() -> {
            measuredOn.put(Thread.currentThread(), true);
            return media.usage();
        });
        configure(s, Map.of("enabled", true, "max_percent", 10));
        assertNull(s.beforeRecording());
        s.cleanup(10, TimeUnit.SECONDS);
        assertFalse(measuredOn.containsKey(Thread.currentThread()));
        assertEquals(1, measuredOn.size(), "every run on the one worker thread");
    }

    @Test
    void aChangedSectionAppliesAndARefusedStoredOneCountsAsTheDefaults() throws Exception {
        section.set(Map.of("enabled", true, "max_percent", 60, "max_days", 2));
        StorageService s = service(media::usage);
        assertEquals(new StorageLimit(true, 60, 2), s.cleanup(10, TimeUnit.SECONDS).limit());
        configure(s, Map.of("enabled", true, "max_percent", 99));
        assertEquals(StorageLimit.DEFAULTS, s.cleanup(10, TimeUnit.SECONDS).limit());
        section.set(Map.of("enabled", true));
        s.handleEvent(new Event(Topics.SETTINGS_CHANGED, Map.of(Topics.SECTIONS, List.of("Sensor"))));
        assertEquals(StorageLimit.DEFAULTS, s.cleanup(10, TimeUnit.SECONDS).limit(), "another section changed");
    }

    @Test
    void aMissingSaveLocationHasNoFiguresAndSaysWhy() throws Exception {
        StorageService s = service(() -> StorageService.saveLocationUsage(media.store));
        Map<String, Object> status = s.status();
        assertTrue(status.get("disk_total_gb") instanceof Double, status.toString());
        Files.delete(media.root);
        status = s.status();
        for (String figure : List.of("disk_percent", "disk_total_gb", "disk_used_gb", "disk_free_gb")) {
            assertTrue(status.containsKey(figure) && status.get(figure) == null, status.toString());
        }
        assertEquals("The save location " + media.root + " does not exist", status.get("error"));
        assertEquals(true, status.get("recording_allowed"));

        Files.write(media.root, new byte[1]);
        assertEquals("The save location " + media.root + " is not a readable folder", s.status().get("error"));
    }
}
