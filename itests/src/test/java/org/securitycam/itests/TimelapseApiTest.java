package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The timelapse on the real device with the dev profile's test pattern: its rules, capture at each resolution with
 * the stamp, counts from disk after a restart, stitching of old days at start, and the file routes' confinement.
 * Its scheduler counts a minute of the interval as a second.
 */
class TimelapseApiTest {
    @TempDir
    static Path dir;
    static Device device;

    @BeforeAll
    static void start() throws Exception {
        device = Device.start(Timelapses.fastHome(dir.resolve("home")));
    }

    @AfterAll
    static void stop() throws Exception {
        device.close();
    }

    @Test
    void everyRuleWithItsMessageAndStartStopFlipEnabled() throws Exception {
        JsonNode status = device.getJson("/timelapse/status");
        assertEquals(List.of("enabled", "interval_minutes", "fps", "resolution", "today_frame_count", "last_capture"),
                fieldNames(status));
        String[][] refused = { { "{\"enabled\":\"yes\"}", "enabled must be true or false" },
                { "{\"interval_minutes\":0}", "interval_minutes must be an integer from 1 to 60" },
                { "{\"interval_minutes\":61}", "interval_minutes must be an integer from 1 to 60" },
                { "{\"interval_minutes\":5.0}", "interval_minutes must be an integer from 1 to 60" },
                { "{\"interval_minutes\":\"5\"}", "interval_minutes must be an integer from 1 to 60" },
                { "{\"fps\":0}", "fps must be an integer from 1 to 60" },
                { "{\"fps\":61}", "fps must be an integer from 1 to 60" },
                { "{\"fps\":2.5}", "fps must be an integer from 1 to 60" },
                { "{\"resolution\":\"1920:1080\"}", "resolution must be one of original, 640:480, 320:240" },
                { "{\"resolution\":320}", "resolution must be one of original, 640:480, 320:240" },
                { "{\"interval\":5}", "Unknown field: interval (known: enabled, interval_minutes, fps, resolution)" } };
        JsonNode before = device.getJson("/settings").get("Timelapse");
        for (String[] r : refused) {
            HttpResponse<String> answer = device.post("/timelapse/configure", r[0]);
            assertEquals(400, answer.statusCode(), r[0]);
            assertEquals(r[1], device.json(answer).get("error").asText(), r[0]);
        }
        assertEquals(400, device.post("/timelapse/configure", "[1]").statusCode());
        assertEquals(415, device.post("/timelapse/configure", "fps=5", "text/plain").statusCode());
        assertEquals(before, device.getJson("/settings").get("Timelapse"), "nothing changed");
        assertEquals(400, device.post("/settings", "{\"Timelapse\":{\"fps\":99}}").statusCode(), "the same rules");

        HttpResponse<String> ok = device.post("/timelapse/configure",
                "{\"interval_minutes\":30,\"fps\":12,\"resolution\":\"640x480\"}");
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals("640:480", device.json(ok).get("config").get("resolution").asText());
        JsonNode stored = device.getJson("/settings").get("Timelapse");
        assertEquals("640:480", stored.get("resolution").asText(), "the legacy spelling is stored normalised");
        assertEquals(30, stored.get("interval_minutes").asInt());
        assertFalse(stored.get("enabled").asBoolean());

        assertEquals("Timelapse started", device.json(device.post("/timelapse/start", null)).get("message").asText());
        assertTrue(device.getJson("/settings").get("Timelapse").get("enabled").asBoolean());
        assertTrue(device.getJson("/timelapse/status").get("enabled").asBoolean());
        assertEquals("Timelapse stopped", device.json(device.post("/timelapse/stop", null)).get("message").asText());
        assertFalse(device.getJson("/settings").get("Timelapse").get("enabled").asBoolean());
        assertEquals(12, device.getJson("/timelapse/status").get("fps").asInt(), "start and stop change only enabled");
    }

    /**
     * Frames at each resolution, named after their time, in today's folder, stamped (they differ from the unstamped
     * live frame where the stamp goes, and not elsewhere); then the counts survive a restart, read from disk.
     */
    @Test
    void framesAtEachResolutionStampedAndCountedFromDiskAfterARestart() throws Exception {
        Path today = Timelapses.folder(device).resolve(LocalDate.now().toString());
        int[][] sizes = { { 640, 480 }, { 640, 480 }, { 320, 240 } };
        String[] resolutions = { "original", "640:480", "320:240" };
        List<String> seen = new ArrayList<>(Timelapses.names(today));
        for (int i = 0; i < resolutions.length; i++) {
            assertEquals(200, device.post("/timelapse/configure", "{\"enabled\":true,\"interval_minutes\":2,"
                    + "\"resolution\":\"" + resolutions[i] + "\"}").statusCode());
            // A frame taken after the change: the one after the next.
            List<String> known = new ArrayList<>(Timelapses.names(today));
            HotDeployTest.await(device, "a frame at " + resolutions[i], 20_000,
                    () -> Timelapses.names(today).size() >= known.size() + 2);
            List<String> now = Timelapses.names(today);
            Path frame = today.resolve(now.get(now.size() - 1));
            assertTrue(frame.getFileName().toString().matches("frame_\\d{6}\\.jpg"), frame.toString());
            assertEquals(sizes[i][0] + "," + sizes[i][1], Media.probe(frame, "stream=width,height"),
                    resolutions[i]);
            if (i == 0) {
                BufferedImage stamped = Timelapses.image(Files.readAllBytes(frame));
                BufferedImage plain = Timelapses.image(LiveFrameTest.jpeg(device));
                double stamp = Timelapses.difference(stamped, plain, 8, 8, 256, 34);
                double elsewhere = Timelapses.difference(stamped, plain, 0, 430, 80, 480);
                assertTrue(stamp > 20 && elsewhere < 5, "stamp " + stamp + ", elsewhere " + elsewhere);
            }
            seen.addAll(now);
        }
        device.post("/timelapse/stop", null);
        Thread.sleep(2_500); // a tick that was under way is done
        JsonNode before = device.getJson("/timelapse/status");
        int frames = Timelapses.names(today).size();
        assertEquals(frames, before.get("today_frame_count").asInt());
        Instant newest = Files.getLastModifiedTime(today.resolve(Timelapses.names(today).get(frames - 1))).toInstant();
        assertEquals(newest, Instant.parse(before.get("last_capture").asText()), "the real time of the newest frame");

        device.restart();
        JsonNode after = device.getJson("/timelapse/status");
        assertEquals(frames, after.get("today_frame_count").asInt());
        assertEquals(before.get("last_capture"), after.get("last_capture"));
    }

    /** Two old days left unstitched: the start stitches both, oldest first, and they count as new in the archive. */
    @Test
    void aStartStitchesOldDaysOldestFirst() throws Exception {
        Path folder = Timelapses.folder(device);
        byte[] frame = LiveFrameTest.jpeg(device);
        for (String day : List.of("2026-01-12", "2026-01-11")) {
            Path f = Files.createDirectories(folder.resolve(day));
            for (int i = 0; i < 3; i++) {
                Files.write(f.resolve("frame_12000" + i + ".jpg"), frame);
            }
        }
        String since = Instant.now().minusSeconds(1).toString();
        device.restart();
        HotDeployTest.await(device, "both days stitched", 60_000,
                () -> device.log().contains("Timelapse of 2026-01-11 stitched")
                        && device.log().contains("Timelapse of 2026-01-12 stitched"));
        String log = device.log();
        int first = log.indexOf("Timelapse of 2026-01-11 stitched");
        int second = log.indexOf("Timelapse of 2026-01-12 stitched");
        assertTrue(first >= 0 && second > first, "oldest first");
        assertFalse(Files.exists(folder.resolve("2026-01-11")));
        assertEquals("3", Media.probe(folder.resolve("timelapse_20260111.mp4"), "stream=nb_frames"));
        assertTrue(device.getJson("/archive/new_count?since=" + since).get("count").asInt() >= 2);

        JsonNode list = device.getJson("/timelapse");
        List<String> dates = new ArrayList<>();
        list.forEach(e -> dates.add(e.get("date").asText()));
        assertEquals(List.of("2026-01-12", "2026-01-11"), dates.subList(0, 2), "newest first");
        JsonNode entry = list.get(0);
        assertEquals(List.of("path", "date", "size", "mtime", "thumbnail"), fieldNames(entry));
        assertEquals(Files.size(Path.of(entry.get("path").asText())), entry.get("size").asLong());

        String video = entry.get("path").asText();
        HttpResponse<byte[]> range = device.sendBytes(HttpRequest.newBuilder(device.uri("/timelapse/video?path="
                + q(video))).header("Range", "bytes=0-99"));
        assertEquals(206, range.statusCode());
        assertEquals(100, range.body().length);
        assertEquals("video/mp4", range.headers().firstValue("Content-Type").orElse(""));
        for (String path : List.of(video, entry.get("thumbnail").asText())) {
            HttpResponse<byte[]> thumb = device.sendBytes(HttpRequest.newBuilder(
                    device.uri("/timelapse/thumbnail?path=" + q(path))));
            assertEquals(200, thumb.statusCode());
            assertEquals(320, Timelapses.image(thumb.body()).getWidth());
            assertTrue(thumb.headers().firstValue("Cache-Control").orElse("").contains("max-age=86400"));
        }

        String body = Device.JSON.writeValueAsString(Map.of("path", video));
        HttpResponse<String> deleted = device.post("/timelapse/delete", body);
        assertEquals(200, deleted.statusCode(), deleted.body());
        assertEquals("Timelapse deleted", device.json(deleted).get("message").asText());
        assertFalse(Files.exists(Path.of(video)));
        assertFalse(Files.exists(Path.of(entry.get("thumbnail").asText())), "with its thumbnail");
        assertEquals(404, device.post("/timelapse/delete", body).statusCode());
        assertEquals(404, device.get("/timelapse/video?path=" + q(video)).statusCode());
    }

    /** Traversal and links against every timelapse file route: 400 or 404, nothing read, nothing deleted. */
    @Test
    void noTimelapseRouteReachesOutsideItsFolder() throws Exception {
        Path folder = Timelapses.folder(device);
        Files.createDirectories(folder);
        Path recordings = folder.getParent();
        Path settings = device.home.resolve("settings/settings.json");
        Path link = folder.resolve("timelapse_20200101.mp4");
        Files.createSymbolicLink(link, settings);
        Path thumbLink = folder.resolve("timelapse_20200102.thumb.jpg");
        Files.write(folder.resolve("timelapse_20200102.mp4"), new byte[] { 1, 2, 3 });
        Files.createSymbolicLink(thumbLink, settings);
        Path outside = Files.write(recordings.resolve("timelapse_20200103.mp4"), new byte[] { 1 });
        String[] attacks = { folder + "/../../settings/settings.json", "../settings/settings.json", "settings.json",
                settings.toString(), "/etc/passwd", folder + "/..%2f..%2fsettings%2fsettings.json",
                folder + "/timelapse_20200101.mp4\u0000.jpg", link.toString(), thumbLink.toString(),
                folder + "/timelapse_20200104.mp4/../../../settings/settings.json", "", folder.toString(),
                outside.toString(), folder + "/./timelapse_20200102.mp4", folder + "/2026-01-01/frame_120000.jpg",
                folder + "/timelapse_2020010.mp4", folder + "/output_20200101_000000.mp4", "/proc/self/environ" };
        for (String attack : attacks) {
            for (String route : List.of("/timelapse/video?path=", "/timelapse/thumbnail?path=")) {
                HttpResponse<String> r = device.get(route + q(attack));
                assertTrue(r.statusCode() == 400 || r.statusCode() == 404, route + attack + " -> " + r.statusCode());
                assertFalse(r.body().contains("Sensor") || r.body().contains("root:"), route + attack);
            }
            int status = device.post("/timelapse/delete", Device.JSON.writeValueAsString(Map.of("path", attack)))
                    .statusCode();
            assertTrue(status == 400 || status == 404, "delete " + attack + " -> " + status);
        }
        assertEquals("Invalid path", device.json(device.get("/timelapse/video?path=" + q(link.toString())))
                .get("error").asText());
        assertEquals(400, device.post("/timelapse/delete", "{\"path\":7}").statusCode());
        assertEquals(400, device.post("/timelapse/delete", "{\"path\":\"x\",\"more\":1}").statusCode());
        assertTrue(Files.exists(settings), "settings.json survived");
        assertTrue(Files.isSymbolicLink(link) && Files.isSymbolicLink(thumbLink), "no link was followed or removed");
        assertTrue(Files.exists(outside));
        Files.delete(link);
        Files.delete(thumbLink);
        Files.delete(folder.resolve("timelapse_20200102.mp4"));
        Files.delete(outside);
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
