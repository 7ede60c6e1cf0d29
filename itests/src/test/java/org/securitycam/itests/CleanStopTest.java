package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A clean stop of the device (SIGTERM, as systemd sends it) in the middle of a recording finishes that recording
 * before the device exits: remuxed with faststart, a sprite, a complete meta that does not say crash.
 */
class CleanStopTest {
    @TempDir
    Path dir;

    @Test
    void sigtermFinishesTheRunningRecordingBeforeTheDeviceExits() throws Exception {
        Path home = dir.resolve("home");
        Device d = Device.start(home);
        long signalled;
        long exited;
        try {
            assertEquals(200, d.post("/sensor/configure", "{\"type\":\"mock\",\"hold_seconds\":120}").statusCode());
            d.post("/sensor/mock/trigger", null);
            HotDeployTest.await(d, "the sensor recording", 5_000,
                    () -> d.getJson("/recording_status").get("recording").asBoolean());
            Thread.sleep(6_000);
        } finally {
            // SIGTERM; the device is killed if it has not exited 15 s later, which would leave the recording cut off.
            signalled = System.nanoTime();
            d.close();
            exited = System.nanoTime();
        }
        long stopMillis = (exited - signalled) / 1_000_000;

        Path video = onlyRecording(home.resolve("recordings"));
        String base = video.toString().replace(".mp4", "");
        JsonNode meta = Device.JSON.readTree(Path.of(base + ".meta.json").toFile());
        assertEquals("sensor", meta.get("reason").asText(), meta.toString());
        assertEquals("mock", meta.path("sensor_type").asText(), meta.toString());
        assertTrue(meta.has("started") && meta.has("stopped"), meta.toString());
        assertFalse(meta.has("crash"), "a clean stop is no crash: " + meta + " (stopped in " + stopMillis + " ms)");
        double duration = Media.duration(video);
        assertEquals(duration, meta.get("duration_seconds").asDouble(), 0.2, meta.toString());
        assertTrue(duration > 5, "the 6 s recorded: " + duration);

        List<String> boxes = Media.topLevelBoxes(video);
        assertTrue(boxes.contains("moov") && boxes.contains("mdat"), boxes.toString());
        assertTrue(boxes.indexOf("moov") < boxes.indexOf("mdat"), "faststart, moov before mdat: " + boxes);
        assertFalse(boxes.contains("moof"), "no longer fragmented: " + boxes);
        assertTrue(Media.decodes(video), "it plays");

        assertEquals("1600,90", Media.probe(Path.of(base + ".sprite.jpg"), "stream=width,height"));
        assertEquals("mjpeg", Media.probe(Path.of(base + ".thumb.jpg"), "stream=codec_name"));
        try (Stream<Path> files = Files.list(home.resolve("recordings"))) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no temporary left");
        }
        String log = Files.readString(home.resolve("logs/api/security-cam.log"));
        assertTrue(log.contains("Recording " + video.getFileName() + " finished"), log);
        assertFalse(log.lines().anyMatch(l -> l.contains("[WARNING]") && l.contains(video.getFileName().toString())),
                "no warning about it");
        System.out.println("Clean stop with a recording running: " + stopMillis + " ms from SIGTERM to exit");
    }

    static Path onlyRecording(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> videos = files.filter(p -> p.getFileName().toString().matches("output_\\d{8}_\\d{6}\\.mp4"))
                    .toList();
            assertEquals(1, videos.size(), videos.toString());
            return videos.get(0);
        }
    }
}
