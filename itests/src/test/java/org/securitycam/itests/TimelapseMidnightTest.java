package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Crossing midnight on the real device: it runs in a time zone where midnight is a minute or two away, and its
 * scheduler counts a minute of the interval as a second. Also a device whose camera cannot be reached.
 */
class TimelapseMidnightTest {
    @TempDir
    Path dir;

    @Test
    void theDayIsStitchedAtTheFirstTickAfterMidnight() throws Exception {
        // The whole minutes east of UTC that put local midnight about 90 s from now.
        LocalTime utc = LocalTime.now(ZoneOffset.UTC);
        int minutes = Math.round((24 * 3600 - utc.toSecondOfDay() - 90) / 60f) % (24 * 60);
        if (minutes > 14 * 60) {
            minutes -= 24 * 60;
        }
        ZoneOffset zone = ZoneOffset.ofTotalSeconds(minutes * 60);
        try (Device d = Device.startInZone(Timelapses.fastHome(dir.resolve("home")), zone);
                Timelapses.Events events = new Timelapses.Events(d)) {
            LocalDate day = LocalDate.now(zone);
            String since = Instant.now().toString();
            assertEquals(200, d.post("/timelapse/configure",
                    "{\"enabled\":true,\"interval_minutes\":2,\"fps\":10,\"resolution\":\"320:240\"}").statusCode());
            Path folder = Timelapses.folder(d);
            Path frames = folder.resolve(day.toString());
            int seen = 0;
            long deadline = System.currentTimeMillis() + 200_000;
            while (System.currentTimeMillis() < deadline && (seen == 0 || Files.exists(frames))) {
                seen = Math.max(seen, Timelapses.names(frames).size());
                Thread.sleep(100);
            }
            assertTrue(seen >= 3, "frames before midnight: " + seen);
            String video = "timelapse_" + day.format(DateTimeFormatter.BASIC_ISO_DATE) + ".mp4";
            HotDeployTest.await(d, "the video of " + day, 60_000, () -> Timelapses.names(folder).contains(video));
            String line = events.await(30_000, "timelapse", video);
            assertTrue(line.startsWith("data: "), line);
            Path file = folder.resolve(video);
            assertEquals("h264," + seen, Media.probe(file, "stream=codec_name,nb_frames"), "a frame per frame");
            assertEquals(seen / 10.0, Media.duration(file), 0.05, "at 10 fps");
            assertEquals("320", Media.probe(folder.resolve(video.replace(".mp4", ".thumb.jpg")), "stream=width"));
            assertFalse(Files.exists(frames), "the frames and their folder are gone");
            assertTrue(d.getJson("/archive/new_count?since=" + since).get("count").asInt() >= 1);
            JsonNode status = d.getJson("/timelapse/status");
            HotDeployTest.await(d, "frames of the new day", 10_000,
                    () -> d.getJson("/timelapse/status").get("today_frame_count").asInt() >= 1);
            assertTrue(status.get("enabled").asBoolean());
            List<String> all = Timelapses.names(folder);
            assertTrue(all.contains(day.plusDays(1).toString()), all.toString());
            assertFalse(all.stream().anyMatch(n -> n.startsWith(".")), "no temporary: " + all);
        }
    }

    /** A camera that cannot be reached: one WARNING for the whole streak, no file, the routes keep working. */
    @Test
    void withoutACameraCaptureFailsQuietly() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Path home = Timelapses.fastHome(dir.resolve("home"));
        Files.writeString(home.resolve("deploy/securitycam.camera.cfg"),
                "source=rtsp://127.0.0.1:" + closed + "/cam\nrtsp.transport=tcp\n");
        try (Device d = Device.start(home)) {
            Thread.sleep(3_000); // FileInstall hands the camera its configuration
            assertEquals(200, d.post("/timelapse/configure", "{\"enabled\":true,\"interval_minutes\":1}").statusCode());
            HotDeployTest.await(d, "failed ticks", 30_000, () -> d.log().contains("No timelapse frame"));
            Thread.sleep(5_000); // several more ticks fail
            Matcher m = Pattern.compile("No timelapse frame").matcher(d.log());
            int warnings = 0;
            while (m.find()) {
                warnings++;
            }
            assertEquals(1, warnings, d.log());
            assertTrue(d.log().lines().anyMatch(l -> l.contains("[WARNING]") && l.contains("No timelapse frame")),
                    "at WARNING");
            JsonNode status = d.getJson("/timelapse/status");
            assertEquals(0, status.get("today_frame_count").asInt());
            assertTrue(status.get("last_capture").isNull());
            assertEquals(200, d.post("/timelapse/configure", "{\"fps\":5}").statusCode());
            assertEquals(List.of(), Timelapses.names(Timelapses.folder(d).resolve(LocalDate.now().toString())));
        }
    }
}
