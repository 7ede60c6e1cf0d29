package org.securitycam.timelapse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.securitycam.api.events.Topics;
import org.securitycam.api.media.MediaKind;
import org.securitycam.api.media.MediaStore;
import org.securitycam.api.settings.SettingsStore;
import org.securitycam.media.MediaStoreService;

/**
 * The schedule, the capture and the stitch together, on the real media store over a temporary save location and
 * this machine's ffmpeg, with time from a clock the test moves (across midnight, in a zone with summer time).
 */
class TimelapseTest {
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    @TempDir
    Path dir;
    Path root;
    MediaStore store;
    final List<Event> events = new ArrayList<>();
    final TestPattern camera = new TestPattern();
    volatile TimelapseSettings settings = new TimelapseSettings(true, 1, 10, "320:240");
    Instant now = LocalDateTime.parse("2026-04-01T23:57:00").atZone(ZONE).toInstant();
    final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    final ExecutorService stitching = Executors.newSingleThreadExecutor();
    final RecordingStarts starts = new RecordingStarts(System::nanoTime, Duration.ofSeconds(2));

    @BeforeEach
    void store() throws IOException {
        root = Files.createDirectories(dir.resolve("recordings")).toRealPath();
        store = store(root);
    }

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
        stitching.shutdownNow();
    }

    MediaStore store(Path saveLocation) {
        SettingsStore s = (SettingsStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { SettingsStore.class },
                (p, m, a) -> m.getName().equals("section") ? saveLocation.toString() : null);
        BundleContext context = (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { BundleContext.class }, (p, m, a) -> null);
        return new MediaStoreService(context, s, new EventAdmin() {
            @Override
            public void postEvent(Event event) {
                synchronized (events) {
                    events.add(event);
                }
            }

            @Override
            public void sendEvent(Event event) {
                postEvent(event);
            }
        });
    }

    Timelapse timelapse(String ffmpeg) {
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZONE;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        Stitcher stitcher = new Stitcher(store, new StitchCommands("nice", ffmpeg),
                starts, scheduler);
        // A minute of an hour on the scheduler: the test calls tick() itself.
        return new Timelapse(clock, () -> settings, () -> camera,
                new DayFolders(() -> store.folder(MediaKind.TIMELAPSE)), stitcher, scheduler, stitching, 3_600_000);
    }

    void advance(Duration d) {
        now = now.plus(d);
    }

    /** Starts it, and waits for the tick that start schedules at once. */
    Timelapse started(String ffmpeg) throws Exception {
        Timelapse t = timelapse(ffmpeg);
        t.start();
        scheduler.submit(() -> null).get(60, TimeUnit.SECONDS);
        return t;
    }

    /** Waits for the stitches queued so far. */
    void stitched() throws Exception {
        stitching.submit(() -> null).get(120, TimeUnit.SECONDS);
    }

    Path timelapse() {
        return root.resolve("timelapse");
    }

    @Test
    void framesOfADayAreStitchedAtTheFirstTickAfterMidnight() throws Exception {
        Timelapse t = started("ffmpeg");
        assertEquals(List.of("frame_235700.jpg"), names(timelapse().resolve("2026-04-01")), "the first frame at once");
        for (int i = 0; i < 2; i++) {
            advance(Duration.ofMinutes(1));
            t.tick();
        }
        stitched();
        assertEquals(List.of("frame_235700.jpg", "frame_235800.jpg", "frame_235900.jpg"),
                names(timelapse().resolve("2026-04-01")), "the day is not over at 23:59:59");
        assertEquals("320,240", TestPattern.probe(timelapse().resolve("2026-04-01/frame_235800.jpg"),
                "-show_entries", "stream=width,height"));
        assertEquals(3, t.status().todayFrameCount());
        advance(Duration.ofSeconds(59));
        t.tick();
        stitched();
        assertFalse(Files.exists(timelapse().resolve("timelapse_20260401.mp4")));
        assertEquals(4, t.status().todayFrameCount());

        advance(Duration.ofSeconds(1)); // 00:00 of the 2nd
        t.tick();
        stitched();
        assertFalse(Files.exists(timelapse().resolve("2026-04-01")), "the frames and their folder are gone");
        assertEquals(List.of("frame_000000.jpg"), names(timelapse().resolve("2026-04-02")));
        Path video = timelapse().resolve("timelapse_20260401.mp4");
        assertEquals("h264,320,240,4", TestPattern.probe(video, "-count_frames", "-show_entries",
                "stream=codec_name,width,height,nb_read_frames"), "one video frame per frame captured");
        assertEquals(0.4, Double.parseDouble(TestPattern.probe(video, "-show_entries", "format=duration")), 0.05,
                "4 frames at 10 fps");
        assertEquals("320", TestPattern.probe(timelapse().resolve("timelapse_20260401.thumb.jpg"), "-show_entries",
                "stream=width"));
        assertEquals(List.of("2026-04-02", "timelapse_20260401.mp4", "timelapse_20260401.thumb.jpg"),
                names(timelapse()), "no temporary left");
        synchronized (events) {
            assertEquals(1, events.size());
            assertEquals(Topics.ARCHIVE_UPDATED, events.get(0).getTopic());
            assertEquals("timelapse", events.get(0).getProperty("type"));
            assertEquals(video.toString(), events.get(0).getProperty("path"));
        }
        assertEquals(1, store.count(MediaKind.TIMELAPSE));
        assertEquals(1, t.status().todayFrameCount());
    }

    @Test
    void aChangedIntervalAndResolutionTakeEffectAtTheNextTick() throws Exception {
        now = LocalDateTime.parse("2026-04-01T12:00:00").atZone(ZONE).toInstant();
        Timelapse t = started("ffmpeg");
        settings = new TimelapseSettings(true, 5, 10, "original");
        advance(Duration.ofMinutes(2));
        t.tick();
        assertEquals("640,480", TestPattern.probe(timelapse().resolve("2026-04-01/frame_120200.jpg"),
                "-show_entries", "stream=width,height"));
        settings = new TimelapseSettings(false, 5, 10, "original");
        advance(Duration.ofMinutes(1));
        t.tick();
        assertEquals(2, t.status().todayFrameCount(), "no frame while disabled");
    }

    @Test
    void lastCaptureAndTodaysCountComeFromDisk() throws Exception {
        Timelapse first = started("ffmpeg");
        advance(Duration.ofMinutes(1));
        first.tick();
        first.stop();
        Path newest = timelapse().resolve("2026-04-01/frame_235800.jpg");
        Instant written = Files.getLastModifiedTime(newest).toInstant();

        int grabs = camera.grabs;
        Timelapse again = timelapse("ffmpeg");
        Timelapse.Status s = again.status();
        assertEquals(2, s.todayFrameCount());
        assertEquals(written, s.lastCapture(), "the real time the newest frame was written");
        settings = new TimelapseSettings(false, 1, 10, "320:240");
        assertEquals(grabs, camera.grabs);
    }

    @Test
    void aFailedGrabLeavesNoFileAndTheNextTickCapturesAgain() throws Exception {
        camera.broken = true;
        Timelapse t = started("ffmpeg");
        advance(Duration.ofMinutes(1));
        t.tick();
        assertEquals(0, t.status().todayFrameCount());
        assertNull(t.status().lastCapture());
        try (Stream<Path> s = Files.walk(root)) {
            assertEquals(0, s.filter(Files::isRegularFile).count(), "nothing written");
        }
        camera.broken = false;
        advance(Duration.ofMinutes(1));
        t.tick();
        assertEquals(1, t.status().todayFrameCount());
    }

    /** Only frame_HHMMSS.jpg files that are regular files are stitched and removed. */
    @Test
    void aForeignFileAndALinkInADayFolderAreLeftAlone() throws Exception {
        Path day = Files.createDirectories(timelapse().resolve("2026-03-30"));
        byte[] frame = camera.grab(320, 240, false);
        for (String name : List.of("frame_080000.jpg", "frame_081000.jpg")) {
            Files.write(day.resolve(name), frame);
        }
        Path outside = Files.write(dir.resolve("outside.jpg"), frame);
        Files.createSymbolicLink(day.resolve("frame_090000.jpg"), outside);
        Files.writeString(day.resolve("notes.txt"), "mine");
        Files.write(day.resolve("frame_1.jpg"), frame);
        Path empty = Files.createDirectories(timelapse().resolve("2026-03-31"));
        settings = new TimelapseSettings(false, 1, 10, "320:240");
        started("ffmpeg");
        stitched();
        assertEquals("2", TestPattern.probe(timelapse().resolve("timelapse_20260330.mp4"), "-count_frames",
                "-show_entries", "stream=nb_read_frames"));
        assertEquals(List.of("frame_090000.jpg", "frame_1.jpg", "notes.txt"), names(day));
        assertArrayEquals(frame, Files.readAllBytes(outside), "a link's target is never touched");
        assertFalse(Files.exists(empty), "an empty day folder is removed");
        assertFalse(Files.exists(timelapse().resolve("timelapse_20260331.mp4")));
    }

    /** A stitch that fails keeps the frames, leaves nothing, is not tried again until the next start, then works. */
    @Test
    void aFailedStitchKeepsTheFramesAndIsRetriedAtTheNextStart() throws Exception {
        Path day = Files.createDirectories(timelapse().resolve("2026-03-30"));
        byte[] frame = camera.grab(320, 240, false);
        for (String name : List.of("frame_080000.jpg", "frame_081000.jpg", "frame_082000.jpg")) {
            Files.write(day.resolve(name), frame);
        }
        Timelapse broken = started(dir.resolve("no-ffmpeg").toString());
        stitched();
        broken.tick();
        stitched();
        assertEquals(3, names(day).size());
        assertEquals(List.of("2026-03-30", "2026-04-01"), names(timelapse()), "no video, no temporary");
        assertTrue(events.isEmpty());
        broken.stop();

        started("ffmpeg");
        stitched();
        assertFalse(Files.exists(day));
        assertTrue(Files.size(timelapse().resolve("timelapse_20260330.mp4")) > 0);
    }

    /** Two old days left unstitched are both stitched at the start, oldest first. */
    @Test
    void olderDaysAreStitchedAtStartOldestFirst() throws Exception {
        byte[] frame = camera.grab(320, 240, false);
        for (String date : List.of("2026-03-29", "2026-03-28")) {
            Path day = Files.createDirectories(timelapse().resolve(date));
            Files.write(day.resolve("frame_120000.jpg"), frame);
        }
        settings = new TimelapseSettings(false, 1, 10, "320:240");
        started("ffmpeg");
        stitched();
        synchronized (events) {
            assertEquals(List.of(timelapse().resolve("timelapse_20260328.mp4").toString(),
                    timelapse().resolve("timelapse_20260329.mp4").toString()),
                    events.stream().map(e -> e.getProperty("path")).toList());
        }
    }

    /**
     * A day whose video exists: frames older than it are what it was made of and go; a frame newer than it (a clock
     * that was wrong) keeps them all, and the video is not replaced.
     */
    @Test
    void anExistingVideoIsNeverReplaced() throws Exception {
        byte[] frame = camera.grab(320, 240, false);
        Path day = Files.createDirectories(timelapse().resolve("2026-03-30"));
        Files.write(day.resolve("frame_080000.jpg"), frame);
        Path video = Files.write(timelapse().resolve("timelapse_20260330.mp4"), new byte[] { 1, 2, 3 });
        Files.setLastModifiedTime(day.resolve("frame_080000.jpg"),
                java.nio.file.attribute.FileTime.from(Instant.now().minusSeconds(60)));
        Path late = Files.createDirectories(timelapse().resolve("2026-03-29"));
        Files.write(late.resolve("frame_080000.jpg"), frame);
        Path older = Files.write(timelapse().resolve("timelapse_20260329.mp4"), new byte[] { 4, 5 });
        Files.setLastModifiedTime(older, java.nio.file.attribute.FileTime.from(Instant.now().minusSeconds(60)));
        settings = new TimelapseSettings(false, 1, 10, "320:240");
        started("ffmpeg");
        stitched();
        assertFalse(Files.exists(day), "made from these frames: they go");
        assertArrayEquals(new byte[] { 1, 2, 3 }, Files.readAllBytes(video));
        assertEquals(List.of("frame_080000.jpg"), names(late), "a newer frame stays");
        assertArrayEquals(new byte[] { 4, 5 }, Files.readAllBytes(older), "and the video is not replaced");
    }

    /** No stitch begins while the camera is starting a recording. */
    @Test
    void aRecordingStartHoldsTheStitchBack() throws Exception {
        Path day = Files.createDirectories(timelapse().resolve("2026-03-30"));
        Files.write(day.resolve("frame_080000.jpg"), camera.grab(320, 240, false));
        settings = new TimelapseSettings(false, 1, 10, "320:240");
        long t0 = System.nanoTime();
        starts.recordingStarts();
        started("ffmpeg");
        Thread.sleep(1_000);
        assertFalse(Files.exists(timelapse().resolve("timelapse_20260330.mp4")), "held back");
        stitched();
        assertTrue(Files.exists(timelapse().resolve("timelapse_20260330.mp4")));
        assertTrue(System.nanoTime() - t0 >= TimeUnit.SECONDS.toNanos(2));
    }

    /** A full disk during the stitch: the frames stay, and no partial video or temporary is left. */
    @Test
    void aFullDiskKeepsTheFrames() throws Exception {
        Path mount = Files.createDirectories(dir.resolve("small"));
        Process m = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mount.toString())
                .inheritIO().start();
        assumeTrue(m.waitFor() == 0, "needs root to mount a tmpfs");
        try {
            root = mount.toRealPath();
            store = store(root);
            Path day = Files.createDirectories(timelapse().resolve("2026-03-30"));
            for (int i = 0; i < 40; i++) {
                Files.write(day.resolve(String.format("frame_08%02d00.jpg", i)), camera.grab(640, 480, false));
            }
            // Nothing is left for the video.
            long free = Files.getFileStore(mount).getUsableSpace();
            Files.write(mount.resolve("filler"), new byte[(int) free]);
            settings = new TimelapseSettings(false, 1, 10, "640:480");
            started("ffmpeg");
            stitched();
            assertEquals(40, names(day).size(), "the frames stay");
            assertEquals(List.of("2026-03-30"), names(timelapse()), "no video, no thumbnail, no temporary");
            assertTrue(events.isEmpty());
        } finally {
            new ProcessBuilder("umount", mount.toString()).inheritIO().start().waitFor();
        }
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
