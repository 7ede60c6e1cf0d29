package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** Recordings and snapshots with the real ffmpeg: a sensor recording, a snapshot round trip, ranges, and the path guard. */
class CameraTest extends OneDeviceTest {
    private static String q(Object value) {
        return URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8);
    }

    private static Path download(String path, Path to) throws Exception {
        HttpResponse<byte[]> r = device.sendBytes(HttpRequest.newBuilder(device.uri(path)));
        assertEquals(200, r.statusCode(), path);
        Files.write(to, r.body());
        return to;
    }

    @Test
    void aSensorTriggerRecordsAPlayableVideoWithThumbnailSpriteAndMeta() throws Exception {
        assertEquals(200, device.post("/sensor/configure", "{\"type\":\"mock\",\"hold_seconds\":1}").statusCode());
        long t0 = System.currentTimeMillis();
        device.post("/sensor/mock/trigger", null);
        HotDeployTest.await(device, "recording", 5_000,
                () -> device.getJson("/sensor/status").get("recording_from_sensor").asBoolean());
        JsonNode rs = device.getJson("/recording_status");
        assertTrue(rs.get("recording").asBoolean());
        assertEquals("sensor", rs.get("reason").asText());
        Thread.sleep(3_000);
        device.post("/sensor/mock/release", null);
        long expected = System.currentTimeMillis() - t0 + 1_000;
        HotDeployTest.await(device, "the finished recording", 20_000,
                () -> device.getJson("/archive").size() > 0 && device.getJson("/archive").get(0).has("meta")
                        && device.getJson("/archive").get(0).has("sprite"));
        assertFalse(device.getJson("/sensor/status").get("recording_from_sensor").asBoolean());

        JsonNode entry = device.getJson("/archive").get(0);
        Path video = Path.of(entry.get("path").asText());
        assertTrue(video.getFileName().toString().matches("output_\\d{8}_\\d{6}\\.mp4"), video.toString());
        double duration = Media.duration(video);
        assertEquals(expected / 1000.0, duration, 1.5, "ffprobe's duration");
        JsonNode meta = entry.get("meta");
        assertEquals("sensor", meta.get("reason").asText());
        assertTrue(meta.has("started") && meta.has("stopped"));
        assertEquals(duration, meta.get("duration_seconds").asDouble(), 0.2);
        assertFalse(meta.has("crash"));

        Path thumb = download("/thumbnail?video_path=" + q(video), dir.resolve("thumb.jpg"));
        assertEquals("mjpeg", Media.probe(thumb, "stream=codec_name"));
        Path sprite = download("/sprite/" + video.getFileName(), dir.resolve("sprite.jpg"));
        assertEquals("1600,90", Media.probe(sprite, "stream=width,height"));
        assertEquals(1, device.getJson("/archive/count").get("count").asInt());
        assertEquals(1, device.getJson("/archive/new_count?since=" + q("2000-01-01T00:00:00+00:00")).get("count").asInt());
        assertEquals(0, device.getJson("/archive/new_count?since=nonsense").get("count").asInt());

        HttpResponse<byte[]> part = device.sendBytes(HttpRequest.newBuilder(device.uri("/stream_video?video_path=" + q(video)))
                .header("Range", "bytes=0-99"));
        assertEquals(206, part.statusCode());
        assertEquals(100, part.body().length);
        assertEquals("bytes 0-99/" + Files.size(video), part.headers().firstValue("Content-Range").orElse(""));
        assertEquals(416, device.send(HttpRequest.newBuilder(device.uri("/stream_video?video_path=" + q(video)))
                .header("Range", "bytes=99999999-")).statusCode());

        assertEquals(200, device.post("/delete_video", "{\"video_path\":\"" + video + "\"}").statusCode());
        assertFalse(Files.exists(video) || Files.exists(thumb.getParent().resolve(video.getFileName()
                .toString().replace(".mp4", ".meta.json"))));
        assertFalse(Files.exists(video.resolveSibling(video.getFileName().toString().replace(".mp4", ".sprite.jpg"))));
        assertEquals(0, device.getJson("/archive/count").get("count").asInt());
    }

    @Test
    void snapshotRoundTrip() throws Exception {
        HttpResponse<String> r = device.post("/snapshot", null);
        assertEquals(200, r.statusCode(), r.body());
        String path = device.json(r).get("path").asText();
        assertTrue(Path.of(path).getFileName().toString().matches("snapshot_\\d{8}_\\d{6}\\.jpg"));
        assertTrue(device.getJson("/snapshots").toString().contains(path));

        HttpResponse<byte[]> image = device.sendBytes(HttpRequest.newBuilder(device.uri("/snapshot_image?path=" + q(path))));
        assertEquals(200, image.statusCode());
        assertEquals((byte) 0xFF, image.body()[0]);
        assertEquals((byte) 0xD8, image.body()[1]);
        assertTrue(image.headers().firstValue("Cache-Control").orElse("").contains("max-age=86400"));
        String etag = image.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, device.send(HttpRequest.newBuilder(device.uri("/snapshot_image?path=" + q(path)))
                .header("If-None-Match", etag)).statusCode());

        assertEquals(200, device.post("/delete_snapshot", "{\"snapshot_path\":\"" + path + "\"}").statusCode());
        assertFalse(Files.exists(Path.of(path)));
        assertEquals(404, device.post("/delete_snapshot", "{\"snapshot_path\":\"" + path + "\"}").statusCode());
        assertEquals(404, device.get("/snapshot_image?path=" + q(path)).statusCode());
    }

    @Test
    void manualRecordingToggles() throws Exception {
        HttpResponse<String> r = device.post("/toggle_recording", null);
        assertEquals("Recording started", device.json(r).get("message").asText());
        assertEquals("manual", device.getJson("/recording_status").get("reason").asText());
        Thread.sleep(1_000);
        r = device.post("/toggle_recording", null);
        assertEquals("Recording stopped", device.json(r).get("message").asText());
        assertFalse(device.getJson("/recording_status").get("recording").asBoolean());
    }

    /** Traversal attempts against every file route: 400 or 404, and never a byte of anything else. */
    @Test
    void noFileRouteReachesOutsideItsFolder() throws Exception {
        Path recordings = Path.of(device.getJson("/settings").get("VideoSaveLocation").asText());
        Path settings = device.home.resolve("settings/settings.json");
        Path link = recordings.resolve("output_20200101_000000.mp4");
        Files.createSymbolicLink(link, settings);
        Path snapLink = recordings.resolve("snapshot_20200101_000000.jpg");
        Files.createSymbolicLink(snapLink, settings);
        String[] attacks = {
                recordings + "/../settings/settings.json", "../settings/settings.json", "settings.json",
                settings.toString(), "/etc/passwd", recordings + "/..%2fsettings%2fsettings.json",
                recordings + "/output_20200101_000000.mp4\u0000.jpg", link.toString(), snapLink.toString(),
                recordings + "/snapshot_20200101_000001.jpg/../../settings/settings.json", "", recordings.toString(),
                recordings + "/output_20201301_000000.mp4/..", "/proc/self/environ" };
        String[] getRoutes = { "/snapshot_image?path=", "/thumbnail?video_path=", "/sprite?video_path=",
                "/stream_video?video_path=" };
        for (String attack : attacks) {
            for (String route : getRoutes) {
                HttpResponse<String> r = device.get(route + q(attack));
                assertTrue(r.statusCode() == 400 || r.statusCode() == 404, route + attack + " -> " + r.statusCode());
                assertFalse(r.body().contains("Sensor") || r.body().contains("root:"), route + attack);
            }
            for (String[] del : new String[][] { { "/delete_snapshot", "snapshot_path" }, { "/delete_video", "video_path" } }) {
                String body = Device.JSON.writeValueAsString(java.util.Map.of(del[1], attack));
                int status = device.post(del[0], body).statusCode();
                assertTrue(status == 400 || status == 404, del[0] + " " + attack + " -> " + status);
            }
        }
        for (String name : new String[] { "..%2F..%2Fsettings%2Fsettings.json", "output_20200101_000000.mp4" }) {
            int status = device.get("/thumbnail/" + name).statusCode();
            assertTrue(status == 400 || status == 404, name + " -> " + status);
        }
        assertTrue(Files.exists(settings), "settings.json survived");
        assertTrue(Files.isSymbolicLink(link) && Files.isSymbolicLink(snapLink), "nothing was deleted through a link");
        Files.delete(link);
        Files.delete(snapLink);
    }
}
