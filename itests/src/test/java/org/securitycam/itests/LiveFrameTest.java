package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code GET /live/frame.jpg}: one current JPEG, shared between clients within a second, stored nowhere, whatever
 * the client accepts; a 503 naming the cause when the camera sends nothing within 5 s.
 */
class LiveFrameTest {
    @TempDir
    Path dir;

    static HttpResponse<byte[]> frame(Device d, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(d.uri("/live/frame.jpg"));
        if (accept != null) {
            b.header("Accept", accept);
        }
        return d.sendBytes(b);
    }

    static byte[] jpeg(Device d) throws Exception {
        HttpResponse<byte[]> r = frame(d, "image/jpeg");
        assertEquals(200, r.statusCode(), new String(r.body()));
        return r.body();
    }

    private static List<Path> files(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }

    @Test
    void aSharedCurrentJpegAndA503WhenTheCameraSendsNothing() throws Exception {
        Path home = dir.resolve("home");
        try (Device d = Device.start(home); ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Path recordings = home.resolve("recordings");
            List<Path> before = files(recordings);

            HttpResponse<byte[]> first = frame(d, null);
            HttpResponse<byte[]> second = frame(d, null);
            assertEquals(200, first.statusCode(), new String(first.body()));
            assertEquals("image/jpeg", first.headers().firstValue("Content-Type").orElse(""));
            assertEquals("no-store", first.headers().firstValue("Cache-Control").orElse(""));
            assertArrayEquals(first.body(), second.body(), "within a second, the same frame");
            Path saved = Files.write(dir.resolve("frame.jpg"), first.body());
            assertEquals("mjpeg,640,480", Media.probe(saved, "stream=codec_name,width,height"));

            for (String accept : new String[] { "application/json", "text/html", "*/*" }) {
                HttpResponse<byte[]> r = frame(d, accept);
                assertEquals(200, r.statusCode(), accept);
                assertEquals("image/jpeg", r.headers().firstValue("Content-Type").orElse(""), accept);
            }
            assertEquals(before, files(recordings), "nothing stored");

            // A camera that takes the connection and never answers, as FileInstall would configure it.
            Files.createDirectories(home.resolve("deploy"));
            Files.writeString(home.resolve("deploy/securitycam.camera.cfg"),
                    "source=rtsp://127.0.0.1:" + silent.getLocalPort() + "/cam\nrtsp.transport=tcp\n");
            HotDeployTest.await(d, "the camera on the silent source", 30_000,
                    () -> frame(d, null).statusCode() == 503);
            Thread.sleep(1_100); // past the shared second: a grab of its own
            long t0 = System.nanoTime();
            HttpResponse<String> down = d.get("/live/frame.jpg");
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(503, down.statusCode(), down.body());
            assertTrue(down.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
            JsonNode error = d.json(down);
            assertTrue(error.get("error").asText().contains("5 s") || error.get("error").asText().contains("timed out"),
                    "names the cause: " + error);
            assertTrue(millis < 7_000, "answered after " + millis + " ms");
        }
    }
}
