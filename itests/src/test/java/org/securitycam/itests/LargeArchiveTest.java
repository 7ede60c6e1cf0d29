package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * /archive over 20,000 recordings with a long meta (every hundredth with a thumbnail and a sprite): a body larger
 * than the route keeps between calls, so it is written out on every call. It is whole and right each time (every meta with its own recording), it still
 * answers 304 to the tag it gave, and a new recording gives a new tag.
 */
class LargeArchiveTest extends OneDeviceTest {
    private static final int RECORDINGS = 20_000;
    /** What makes each entry long enough: a note in the meta. */
    private static final String NOTE = "n".repeat(400);
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");
    private static final Instant T = Instant.parse("2025-01-01T00:00:00Z");

    private static String write(Path folder, int i) throws Exception {
        String name = "output_" + SECOND.format(LocalDateTime.ofInstant(T.plusSeconds(60L * i), ZoneOffset.UTC));
        Path video = Files.write(folder.resolve(name + ".mp4"), new byte[i % 7]);
        if (i % 100 == 0) {
            Files.write(folder.resolve(name + ".thumb.jpg"), new byte[1]);
            Files.write(folder.resolve(name + ".sprite.jpg"), new byte[1]);
        }
        Files.write(folder.resolve(name + ".meta.json"),
                ("{\"reason\":\"sensor\",\"n\":" + i + ",\"note\":\"" + NOTE + "\"}")
                        .getBytes(StandardCharsets.UTF_8));
        Files.setLastModifiedTime(video, FileTime.from(T.plusSeconds(60L * i)));
        return name;
    }

    private static void assertArchive(HttpResponse<String> r, int count) throws Exception {
        assertEquals(200, r.statusCode(), r.body().length() > 300 ? r.body().substring(0, 300) : r.body());
        assertTrue(r.body().length() > 8 << 20, "larger than what is kept: " + r.body().length());
        JsonNode all = device.json(r);
        assertEquals(count, all.size());
        for (int k = 0; k < count; k++) {
            // Newest first: the last one written comes first.
            JsonNode e = all.get(k);
            int i = count - 1 - k;
            String name = "output_" + SECOND.format(LocalDateTime.ofInstant(T.plusSeconds(60L * i), ZoneOffset.UTC));
            assertTrue(e.get("path").asText().endsWith("/" + name + ".mp4"), e.toString());
            assertEquals(i % 7, e.get("size").asInt(), e.toString());
            assertEquals(T.plusSeconds(60L * i).toString(), e.get("mtime").asText(), e.toString());
            assertEquals(i, e.get("meta").get("n").asInt(), e.toString());
            assertEquals(NOTE, e.get("meta").get("note").asText(), e.toString());
            if (i % 100 == 0) {
                assertTrue(e.get("thumbnail").asText().endsWith("/" + name + ".thumb.jpg"), e.toString());
                assertTrue(e.get("sprite").asText().endsWith("/" + name + ".sprite.jpg"), e.toString());
            } else {
                assertTrue(!e.has("thumbnail") && !e.has("sprite"), e.toString());
            }
        }
    }

    @Test
    void aLargeArchiveIsWholeOnEveryCall() throws Exception {
        Path recordings = Path.of(device.getJson("/settings").get("VideoSaveLocation").asText());
        Files.createDirectories(recordings);
        for (int i = 0; i < RECORDINGS; i++) {
            write(recordings, i);
        }
        HttpResponse<String> first = device.get("/archive");
        assertArchive(first, RECORDINGS);
        String tag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = device.get("/archive");
        assertArchive(again, RECORDINGS);
        assertEquals(tag, again.headers().firstValue("ETag").orElseThrow());
        assertEquals(304, device.send(HttpRequest.newBuilder(device.uri("/archive")).header("If-None-Match", tag)
                .GET()).statusCode());

        write(recordings, RECORDINGS);
        // A folder changed within the last two seconds is read again on every call: the new file is seen at once.
        HttpResponse<String> more = device.get("/archive");
        assertArchive(more, RECORDINGS + 1);
        assertNotEquals(tag, more.headers().firstValue("ETag").orElseThrow());
    }
}
