package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A recording whose sidecars are links to settings.json (password hash and token inside): no route that reads a
 * sidecar reads it, and a delete removes the links, never what they point to. Also: images whatever the client
 * accepts, and a Range header that does not parse gets the whole video.
 */
class SymlinkedSidecarTest extends OneDeviceTest {
    private static final String NAME = "output_20260101_444444";

    private Path recordings;
    private Path settings;
    private Path video;
    private byte[] settingsBytes;

    private static String q(Object value) {
        return URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8);
    }

    @BeforeEach
    void aRecordingWithLinkedSidecars() throws Exception {
        recordings = Path.of(device.getJson("/settings").get("VideoSaveLocation").asText());
        Files.createDirectories(recordings);
        settings = device.home.resolve("settings/settings.json");
        settingsBytes = Files.readAllBytes(settings);
        assertTrue(new String(settingsBytes, StandardCharsets.UTF_8).contains("password_hash"), "the secret is there");
        video = recordings.resolve(NAME + ".mp4");
        Files.write(video, new byte[4096]);
        for (String sidecar : List.of(".meta.json", ".thumb.jpg", ".sprite.jpg")) {
            Path link = recordings.resolve(NAME + sidecar);
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, settings);
        }
    }

    private void assertNoSecret(String what, String body) {
        assertFalse(body.contains("password_hash") || body.contains("\"token\""), what + " leaked: " + body);
    }

    @Test
    void noRouteReadsALinkedSidecar() throws Exception {
        HttpResponse<String> archive = device.get("/archive");
        assertEquals(200, archive.statusCode());
        assertNoSecret("/archive", archive.body());
        JsonNode entry = null;
        for (JsonNode e : device.json(archive)) {
            if (e.get("path").asText().endsWith(NAME + ".mp4")) {
                entry = e;
            }
        }
        assertTrue(entry != null, archive.body());
        assertEquals(4096, entry.get("size").asLong());
        assertFalse(entry.has("meta") || entry.has("thumbnail") || entry.has("sprite"), entry.toString());

        for (String route : List.of("/thumbnail?video_path=" + q(video), "/thumbnail/" + NAME + ".mp4",
                "/sprite?video_path=" + q(video), "/sprite/" + NAME + ".mp4")) {
            HttpResponse<String> r = device.get(route);
            assertEquals(404, r.statusCode(), route + ": " + r.body());
            assertNoSecret(route, r.body());
            assertTrue(device.json(r).get("error").isTextual(), r.body());
        }
        // Asking for an image explicitly changes nothing.
        HttpResponse<String> r = device.send(HttpRequest.newBuilder(device.uri("/thumbnail?video_path=" + q(video)))
                .header("Accept", "image/jpeg"));
        assertEquals(404, r.statusCode());
        assertNoSecret("/thumbnail as image/jpeg", r.body());
    }

    @Test
    void aDeleteRemovesTheLinksAndNotTheirTarget() throws Exception {
        HttpResponse<String> r = device.post("/delete_video", Device.JSON.writeValueAsString(Map.of("video_path", video.toString())));
        assertEquals(200, r.statusCode(), r.body());
        assertNoSecret("/delete_video", r.body());
        for (String suffix : List.of(".mp4", ".meta.json", ".thumb.jpg", ".sprite.jpg")) {
            assertFalse(Files.exists(recordings.resolve(NAME + suffix), LinkOption.NOFOLLOW_LINKS), suffix);
        }
        assertTrue(Files.isRegularFile(settings, LinkOption.NOFOLLOW_LINKS));
        assertArrayEquals(settingsBytes, Files.readAllBytes(settings), "settings.json is untouched");
        assertEquals(200, device.get("/settings").statusCode(), "and the device still reads it");
    }

    @Test
    void imagesAreServedWhateverTheClientAccepts() throws Exception {
        Path other = Files.write(recordings.resolve("output_20260101_555555.mp4"), new byte[10]);
        byte[] jpeg = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0, (byte) 0xFF,
                (byte) 0xD9 };
        Files.write(recordings.resolve("output_20260101_555555.thumb.jpg"), jpeg);
        for (String accept : List.of("image/jpeg", "image/*", "text/html", "application/json", "*/*")) {
            HttpResponse<byte[]> r = device.sendBytes(HttpRequest.newBuilder(device.uri("/thumbnail?video_path=" + q(other)))
                    .header("Accept", accept));
            assertEquals(200, r.statusCode(), accept);
            assertEquals("image/jpeg", r.headers().firstValue("Content-Type").orElse(""), accept);
            assertArrayEquals(jpeg, r.body(), accept);
            assertTrue(r.headers().firstValue("Cache-Control").orElse("").contains("max-age=86400"));
            assertTrue(r.headers().firstValue("ETag").isPresent() && r.headers().firstValue("Last-Modified").isPresent());
        }
        HttpResponse<byte[]> byName = device.sendBytes(HttpRequest.newBuilder(device.uri("/thumbnail/output_20260101_555555.mp4"))
                .header("Accept", "image/jpeg"));
        assertEquals(200, byName.statusCode());
        String etag = byName.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, device.send(HttpRequest.newBuilder(device.uri("/thumbnail/output_20260101_555555.mp4"))
                .header("If-None-Match", etag)).statusCode());
    }

    @Test
    void aRangeThatDoesNotParseGetsTheWholeVideo() throws Exception {
        byte[] content = new byte[10_000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) i;
        }
        Files.write(video, content);
        String route = "/stream_video?video_path=" + q(video);
        for (String range : List.of("bytes=abc", "bytes=0-1,5-6", "pages=0-10", "bytes=20-10")) {
            HttpResponse<byte[]> r = device.sendBytes(HttpRequest.newBuilder(device.uri(route)).header("Range", range));
            assertEquals(200, r.statusCode(), range);
            assertArrayEquals(content, r.body(), range);
            assertTrue(r.headers().firstValue("Content-Range").isEmpty(), range);
            assertEquals("video/mp4", r.headers().firstValue("Content-Type").orElse(""));
        }
        HttpResponse<byte[]> part = device.sendBytes(HttpRequest.newBuilder(device.uri(route)).header("Range", "bytes=-100")
                .header("Accept", "text/html"));
        assertEquals(206, part.statusCode());
        assertEquals("bytes 9900-9999/10000", part.headers().firstValue("Content-Range").orElse(""));
        assertEquals("bytes", part.headers().firstValue("Accept-Ranges").orElse(""));
        assertEquals("100", part.headers().firstValue("Content-Length").orElse(""));
        byte[] tail = new byte[100];
        System.arraycopy(content, 9900, tail, 0, 100);
        assertArrayEquals(tail, part.body());
        HttpResponse<String> past = device.send(HttpRequest.newBuilder(device.uri(route)).header("Range", "bytes=10000-"));
        assertEquals(416, past.statusCode());
        assertEquals("bytes */10000", past.headers().firstValue("Content-Range").orElse(""));
        assertTrue(device.json(past).get("error").isTextual());
    }
}
