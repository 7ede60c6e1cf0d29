package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Retention on the device over a real small filesystem: a tmpfs as the save location, filled with copies of real
 * short recordings made by ffmpeg (with thumbnail, sprite and meta), timelapses with their thumbnails and snapshots,
 * all of known ages. Needs root to mount; skipped with a message where mounting is refused.
 */
class StorageRetentionTest extends OneDeviceTest {
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final double MIB = 1024 * 1024;
    private static final int RECORDINGS = 30;
    private static final int TIMELAPSES = 8;
    private static final int SNAPSHOTS = 300;

    static Path sd;
    static boolean mounted;
    static Path recordings;
    static Path timelapses;
    static Path video;
    static Path longVideo;
    static Path thumb;
    static Path sprite;
    static long diskBytes;

    @BeforeAll
    static void aSmallDisk() throws Exception {
        Path samples = Files.createDirectories(dir.resolve("samples"));
        video = ffmpeg(samples.resolve("video.mp4"), "-f", "lavfi", "-i", "testsrc=size=640x480:rate=15", "-t", "10",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p");
        longVideo = ffmpeg(samples.resolve("long.mp4"), "-f", "lavfi", "-i", "testsrc=size=640x480:rate=15", "-t",
                "30", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p");
        thumb = ffmpeg(samples.resolve("thumb.jpg"), "-i", video.toString(), "-frames:v", "1");
        sprite = ffmpeg(samples.resolve("sprite.jpg"), "-i", video.toString(), "-vf",
                "fps=1,scale=160:90,tile=10x1", "-frames:v", "1");
        long fill = RECORDINGS * (Files.size(video) + Files.size(thumb) + Files.size(sprite) + 4096)
                + TIMELAPSES * (Files.size(longVideo) + Files.size(thumb)) + SNAPSHOTS * Files.size(thumb);
        // The media fill about 70 % of it, whatever size this ffmpeg makes them.
        diskBytes = Math.max(16L << 20, (long) (fill / 0.7) / (1 << 20) * (1 << 20));

        sd = Files.createDirectories(dir.resolve("sd"));
        Mounts.tmpfs(sd, "size=" + diskBytes);
        mounted = true;
        recordings = sd.resolve("recordings");
        timelapses = recordings.resolve("timelapse");
        HttpResponse<String> r = device.post("/settings", "{\"VideoSaveLocation\":\"" + recordings + "\"}");
        assertEquals(200, r.statusCode(), r.body());
    }

    @AfterAll
    static void unmount() throws Exception {
        if (mounted) {
            device.post("/settings", "{\"VideoSaveLocation\":\"" + dir.resolve("home/recordings") + "\"}");
            if (device.getJson("/recording_status").get("recording").asBoolean()) {
                device.post("/toggle_recording", null);
            }
            // Lazily: the device may still have a file open there.
            Mounts.unmount(sd);
        }
    }

    @BeforeEach
    void anEmptyDisk() throws Exception {
        configure("{\"enabled\":false,\"max_percent\":85,\"max_days\":0}");
        if (device.getJson("/recording_status").get("recording").asBoolean()) {
            device.post("/toggle_recording", null);
        }
        Files.createDirectories(timelapses);
        for (Path folder : List.of(timelapses, recordings)) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path p : files.toList()) {
                    if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                        Files.delete(p);
                    }
                }
            }
        }
    }

    private static void configure(String json) throws Exception {
        HttpResponse<String> r = device.post("/storage/configure", json);
        assertEquals(200, r.statusCode(), r.body());
    }

    private static JsonNode cleanup() throws Exception {
        HttpResponse<String> r = device.post("/storage/cleanup", null);
        assertEquals(200, r.statusCode(), r.body());
        return device.json(r);
    }

    // --- the media, named and dated as the device names and dates its own

    private static Path copy(Path from, Path to, Instant modified) throws IOException {
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(to, FileTime.from(modified));
        return to;
    }

    private static String stamp(Instant t) {
        return LocalDateTime.ofInstant(t, ZoneId.systemDefault()).format(SECOND);
    }

    private static Path recording(Instant t) throws IOException {
        String base = "output_" + stamp(t);
        Path v = copy(video, recordings.resolve(base + ".mp4"), t);
        copy(thumb, recordings.resolve(base + ".thumb.jpg"), t);
        copy(sprite, recordings.resolve(base + ".sprite.jpg"), t);
        Path meta = Files.writeString(recordings.resolve(base + ".meta.json"), "{\"reason\":\"sensor\","
                + "\"started\":\"" + t + "\",\"duration_seconds\":10.0}");
        Files.setLastModifiedTime(meta, FileTime.from(t));
        return v;
    }

    private static Path timelapse(Instant t) throws IOException {
        String base = "timelapse_" + LocalDateTime.ofInstant(t, ZoneId.systemDefault()).format(DAY);
        Path v = copy(longVideo, timelapses.resolve(base + ".mp4"), t);
        copy(thumb, timelapses.resolve(base + ".thumb.jpg"), t);
        return v;
    }

    private static Path snapshot(Instant t) throws IOException {
        return copy(thumb, recordings.resolve("snapshot_" + stamp(t) + ".jpg"), t);
    }

    private static Instant daysAgo(double days) {
        return Instant.now().minusSeconds((long) (days * 86_400));
    }

    private static List<Path> sidecars(Path media) {
        String name = media.getFileName().toString();
        String base = name.substring(0, name.lastIndexOf('.'));
        return List.of(media.resolveSibling(base + ".thumb.jpg"), media.resolveSibling(base + ".sprite.jpg"),
                media.resolveSibling(base + ".meta.json"));
    }

    private static boolean isMedia(Path p) {
        return p.getFileName().toString().matches("(output_\\d{8}_\\d{6}\\.mp4|snapshot_\\d{8}_\\d{6}\\.jpg"
                + "|timelapse_\\d{8}\\.mp4)");
    }

    /** Every file on the disk with its size (links as links, with no size). */
    private static Map<Path, Long> inventory() throws IOException {
        Map<Path, Long> all = new TreeMap<>();
        for (Path folder : List.of(recordings, timelapses)) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path p : files.toList()) {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class,
                            LinkOption.NOFOLLOW_LINKS);
                    if (!a.isDirectory()) {
                        all.put(p, a.isRegularFile() ? a.size() : 0);
                    }
                }
            }
        }
        return all;
    }

    private static double percent() throws IOException {
        FileStore fs = Files.getFileStore(sd);
        return 100.0 * (fs.getTotalSpace() - fs.getUsableSpace()) / fs.getTotalSpace();
    }

    private static double percentOf(long bytes) throws IOException {
        return 100.0 * bytes / Files.getFileStore(sd).getTotalSpace();
    }

    private static long bytesWithSidecars(Path media, Map<Path, Long> inventory) {
        long sum = inventory.getOrDefault(media, 0L);
        for (Path s : sidecars(media)) {
            sum += inventory.getOrDefault(s, 0L);
        }
        return sum;
    }

    /** The answer's count and MB are what left the disk; returns the media files that left. */
    private static List<Path> assertAnswerMatches(JsonNode answer, Map<Path, Long> before, Map<Path, Long> after) {
        List<Path> goneMedia = new ArrayList<>();
        long goneBytes = 0;
        for (Map.Entry<Path, Long> e : before.entrySet()) {
            if (!after.containsKey(e.getKey())) {
                goneBytes += e.getValue();
                if (isMedia(e.getKey())) {
                    goneMedia.add(e.getKey());
                }
            }
        }
        assertEquals("cleaned", answer.get("action").asText(), answer.toString());
        assertEquals(goneMedia.size(), answer.get("deleted").asInt(), answer.toString());
        assertEquals(goneBytes / MIB, answer.get("freed_mb").asDouble(), 0.006, answer.toString());
        return goneMedia;
    }

    private static void assertNoOrphans(Map<Path, Long> files) {
        for (Path p : files.keySet()) {
            String name = p.getFileName().toString();
            for (String suffix : List.of(".thumb.jpg", ".sprite.jpg", ".meta.json")) {
                if (name.endsWith(suffix)) {
                    String base = name.substring(0, name.length() - suffix.length());
                    assertTrue(files.containsKey(p.resolveSibling(base + ".mp4")), "orphaned sidecar " + p);
                }
            }
        }
    }

    // --- the tests

    @Test
    void aCleanupReachesTheThresholdOldestFirstRecordingsThenTimelapsesThenSnapshots() throws Exception {
        configure("{\"enabled\":true,\"max_percent\":95}");
        assertEquals(200, device.post("/toggle_recording", null).statusCode());
        HotDeployTest.await(device, "the recording in progress", 10_000, () -> inventory().keySet().stream()
                .anyMatch(p -> isMedia(p) && p.getFileName().toString().startsWith("output_")));
        Path inProgress = inventory().keySet().stream()
                .filter(p -> isMedia(p) && p.getFileName().toString().startsWith("output_")).findFirst().orElseThrow();

        List<Path> recs = new ArrayList<>();
        for (int i = 0; i < RECORDINGS; i++) {
            recs.add(recording(daysAgo(RECORDINGS - i)));
        }
        // Older than every recording, yet they go after them; snapshots older still, and they go last.
        List<Path> tls = new ArrayList<>();
        for (int i = 0; i < TIMELAPSES; i++) {
            tls.add(timelapse(daysAgo(100 + TIMELAPSES - i)));
        }
        List<Path> snaps = new ArrayList<>();
        for (int i = 0; i < SNAPSHOTS; i++) {
            snaps.add(snapshot(daysAgo(200 + (SNAPSHOTS - i) / 10.0)));
        }
        Map<Path, Long> before = inventory();
        long recordingBytes = recs.stream().mapToLong(p -> bytesWithSidecars(p, before)).sum();
        long timelapseBytes = bytesWithSidecars(tls.get(0), before);
        // Every old recording and three and a half timelapses must go.
        int threshold = (int) Math.floor(percent() - percentOf(recordingBytes) - 3.5 * percentOf(timelapseBytes));
        assertTrue(threshold >= 10 && threshold < percent(), "the disk is filled as planned: " + percent() + " %");

        configure("{\"max_percent\":" + threshold + "}");
        JsonNode answer = cleanup();
        Map<Path, Long> after = inventory();
        List<Path> gone = assertAnswerMatches(answer, before, after);

        assertEquals(threshold, answer.get("threshold").asInt());
        assertTrue(answer.get("disk_percent").asDouble() <= threshold, answer.toString());
        assertTrue(after.containsKey(inProgress), "the recording in progress stays");
        for (Path r : recs) {
            assertTrue(gone.contains(r), r + " should have gone first");
        }
        int timelapsesGone = (int) tls.stream().filter(gone::contains).count();
        assertTrue(timelapsesGone >= 3 && timelapsesGone <= 5, "about 3.5 timelapses: " + timelapsesGone);
        for (int i = 0; i < TIMELAPSES; i++) {
            assertEquals(i < timelapsesGone, gone.contains(tls.get(i)), "the oldest timelapses go first: " + i);
        }
        // It stopped as soon as it could: one timelapse fewer would have left the disk above the threshold.
        assertTrue(answer.get("disk_percent").asDouble() + percentOf(timelapseBytes) > threshold, answer.toString());
        snaps.forEach(s -> assertTrue(after.containsKey(s), s + ": snapshots go last"));
        assertEquals(RECORDINGS + timelapsesGone, gone.size());
        assertNoOrphans(after);
        assertTrue(device.log().contains("[INFO] org.securitycam.storage.StorageService: Retention deleted "
                + gone.size() + " media files"), "one INFO line with the count: " + retentionLines());

        // The recording stops and is kept; now it goes first, then the other timelapses, then the oldest snapshots.
        assertEquals(200, device.post("/toggle_recording", null).statusCode());
        HotDeployTest.await(device, "the recording to be finished", 30_000,
                () -> device.log().contains("Recording " + inProgress.getFileName() + " finished"));
        Map<Path, Long> before2 = inventory();
        long snapshotBytes = before2.entrySet().stream().filter(e -> e.getKey().getFileName().toString()
                .startsWith("snapshot_")).mapToLong(Map.Entry::getValue).sum();
        int threshold2 = (int) Math.ceil(percentOf(snapshotBytes) / 2);
        assertTrue(threshold2 >= 10, "the snapshots fill " + percentOf(snapshotBytes) + " %");
        configure("{\"max_percent\":" + threshold2 + "}");
        answer = cleanup();
        Map<Path, Long> after2 = inventory();
        gone = assertAnswerMatches(answer, before2, after2);
        assertTrue(answer.get("disk_percent").asDouble() <= threshold2, answer.toString());
        assertTrue(gone.contains(inProgress), "the finished recording went first, though it was the newest media");
        tls.forEach(t -> assertFalse(after2.containsKey(t), t + " went before any snapshot"));
        int snapshotsGone = (int) snaps.stream().filter(gone::contains).count();
        assertTrue(snapshotsGone > 0 && snapshotsGone < SNAPSHOTS, "some snapshots: " + snapshotsGone);
        for (int i = 0; i < SNAPSHOTS; i++) {
            assertEquals(i < snapshotsGone, gone.contains(snaps.get(i)), "the oldest snapshots go first: " + i);
        }
        assertNoOrphans(after2);
    }

    @Test
    void mediaOlderThanMaxDaysGoesWhateverTheDiskUse() throws Exception {
        Path rec40 = recording(daysAgo(40));
        Path rec20 = recording(daysAgo(20));
        Path rec5 = recording(daysAgo(5));
        Path tl40 = timelapse(daysAgo(40));
        Path tl5 = timelapse(daysAgo(5));
        Path snap40 = snapshot(daysAgo(40));
        Path snap11 = snapshot(daysAgo(10.1));
        Path snap9 = snapshot(daysAgo(9.9));
        Map<Path, Long> before = inventory();
        configure("{\"enabled\":true,\"max_percent\":95,\"max_days\":10}");
        assertEquals(10, device.getJson("/storage/status").get("max_days").asInt());

        JsonNode answer = cleanup();
        Map<Path, Long> after = inventory();
        List<Path> gone = assertAnswerMatches(answer, before, after);
        assertEquals(List.of(rec20, rec40, snap11, snap40, tl40).stream().sorted().toList(),
                gone.stream().sorted().toList());
        for (Path kept : List.of(rec5, tl5, snap9)) {
            assertTrue(after.containsKey(kept), kept.toString());
        }
        assertTrue(answer.get("disk_percent").asDouble() < 95);
        assertNoOrphans(after);
        assertEquals("ok", cleanup().get("action").asText(), "nothing more to do");
    }

    @Test
    void withAutoDeleteOffNothingIsDeletedAndARecordingIsRefusedWithItsReason() throws Exception {
        long big = Files.size(longVideo);
        for (int i = 0; percent() < 90; i++) {
            copy(longVideo, recordings.resolve("output_" + stamp(daysAgo(1000 - i)) + ".mp4"), daysAgo(1000 - i));
            assertTrue(i < diskBytes / big, "the disk does not fill");
        }
        configure("{\"enabled\":false,\"max_percent\":50,\"max_days\":1}");
        Map<Path, Long> before = inventory();
        assertEquals(Device.JSON.readTree("{\"enabled\":false,\"action\":\"skipped\"}"), cleanup());
        assertEquals(before, inventory(), "nothing deleted");

        JsonNode status = device.getJson("/storage/status");
        assertTrue(status.get("disk_percent").asDouble() >= 90, status.toString());
        assertFalse(status.get("recording_allowed").asBoolean(), status.toString());
        String refusal = status.get("refusal").asText();
        assertTrue(refusal.contains("MB free") && refusal.contains("auto-delete is off"), refusal);

        HttpResponse<String> r = device.post("/toggle_recording", null);
        assertEquals(507, r.statusCode(), r.body());
        assertTrue(device.json(r).get("error").asText().contains(refusal), r.body());
        assertFalse(device.getJson("/recording_status").get("recording").asBoolean());
        assertTrue(device.log().contains("[WARNING] org.securitycam.camera.FfmpegCamera: Recording refused: "
                + refusal), "the reason is logged");
        assertEquals(before, inventory(), "still nothing deleted, and no recording started");
    }

    @Test
    void aLinkInTheMediaFolderIsNeverFollowedOrDeletedThrough() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        byte[] precious = "the user's own files".getBytes(StandardCharsets.UTF_8);
        Path target = Files.write(outside.resolve("holiday.mp4"), precious);
        Path picture = Files.write(outside.resolve("holiday.jpg"), precious);
        Files.setLastModifiedTime(target, FileTime.from(daysAgo(3000)));
        Files.setLastModifiedTime(picture, FileTime.from(daysAgo(3000)));
        List<Path> links = List.of(
                Files.createSymbolicLink(recordings.resolve("output_" + stamp(daysAgo(3000)) + ".mp4"), target),
                Files.createSymbolicLink(recordings.resolve("snapshot_" + stamp(daysAgo(3000)) + ".jpg"), picture),
                Files.createSymbolicLink(timelapses.resolve("timelapse_20100101.mp4"), target));
        Path real = recording(daysAgo(30));
        Path linkedThumb = sidecars(real).get(0);
        Files.delete(linkedThumb);
        Files.createSymbolicLink(linkedThumb, picture);
        Map<Path, Long> before = inventory();

        configure("{\"enabled\":true,\"max_percent\":10,\"max_days\":1}");
        JsonNode answer = cleanup();
        List<Path> gone = assertAnswerMatches(answer, before, inventory());
        assertEquals(List.of(real), gone, "only the real recording");
        assertFalse(Files.exists(linkedThumb, LinkOption.NOFOLLOW_LINKS), "its linked thumbnail went as a link");
        for (Path link : links) {
            assertTrue(Files.isSymbolicLink(link), link + " is not media and stays");
        }
        assertArrayEquals(precious, Files.readAllBytes(target));
        assertArrayEquals(precious, Files.readAllBytes(picture));
    }

    @Test
    void aFileThatCannotBeDeletedIsSkippedWithAWarningAndTheRunGoesOn() throws Exception {
        Path first = recording(daysAgo(3));
        Path busy = recording(daysAgo(2));
        Path third = recording(daysAgo(1));
        // A mount point cannot be unlinked, even by root; it shows the age of what is mounted on it.
        Path elsewhere = copy(video, dir.resolve("elsewhere.mp4"), daysAgo(2));
        Mounts.bind(elsewhere, busy);
        try {
            Map<Path, Long> before = inventory();
            configure("{\"enabled\":true,\"max_percent\":10,\"max_days\":1}");
            JsonNode answer = cleanup();
            Map<Path, Long> after = inventory();
            assertEquals(List.of(first, third), assertAnswerMatches(answer, before, after));
            assertTrue(after.containsKey(busy));
            sidecars(busy).forEach(s -> assertTrue(after.containsKey(s), s + " stays with its video"));
            assertTrue(device.log().contains("[WARNING] org.securitycam.storage.Retention: Retention skipped a file: "
                    + "Could not delete " + busy.getFileName()), "a WARNING names it: " + retentionLines());
        } finally {
            Mounts.unmount(busy);
        }
    }

    private static List<String> retentionLines() throws IOException {
        return device.log().lines().filter(l -> l.contains("Retention")).toList();
    }

    // --- processes

    private static Path ffmpeg(Path out, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y"));
        command.addAll(List.of(args));
        command.add(out.toString());
        if (!run(command.toArray(String[]::new)) || !Files.isRegularFile(out)) {
            fail("ffmpeg could not make " + out.getFileName());
        }
        return out;
    }

    private static boolean run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            return false;
        }
        return p.exitValue() == 0;
    }
}
