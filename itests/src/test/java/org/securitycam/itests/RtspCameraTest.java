package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The production path: the camera reads an RTSP stream with {@code -c copy}, as it reads MediaMTX on a Pi. The
 * stream here is Debian's rtsp-server-perl fed by ffmpeg's test pattern; it speaks only UDP, so the camera is
 * configured for UDP (through a FileInstall .cfg file, as an administrator could).
 */
class RtspCameraTest {
    @TempDir
    Path dir;

    @Test
    void recordsAndSnapshotsFromARealRtspServer() throws Exception {
        int clientPort = freePort();
        int sourcePort = freePort();
        Process server = serve(clientPort, sourcePort);
        Process publisher = null;
        try {
            Thread.sleep(1_000);
            publisher = publish(sourcePort);
            Path home = dir.resolve("home");
            Files.createDirectories(home.resolve("deploy"));
            Files.writeString(home.resolve("deploy/securitycam.camera.cfg"),
                    "source=rtsp://127.0.0.1:" + clientPort + "/cam\nrtsp.transport=udp\n");
            try (Device d = Device.start(home)) {
                Thread.sleep(3_000); // FileInstall hands the camera its configuration, the publisher connects
                var snap = d.post("/snapshot", null);
                assertEquals(200, snap.statusCode(), "a snapshot from the stream: " + snap.body());
                // The live frame: one grab shared within a second, a new one after it (the stream moves).
                byte[] frame = LiveFrameTest.jpeg(d);
                assertArrayEquals(frame, LiveFrameTest.jpeg(d), "within a second, the same frame");
                Thread.sleep(1_200);
                assertFalse(Arrays.equals(frame, LiveFrameTest.jpeg(d)), "a second later, a current frame");
                d.post("/toggle_recording", null);
                Thread.sleep(5_000);
                d.post("/toggle_recording", null);
                HotDeployTest.await(d, "the recording's meta", 20_000, () -> {
                    JsonNode a = d.getJson("/archive");
                    return a.size() == 1 && a.get(0).has("meta");
                });
                Path video = Path.of(d.getJson("/archive").get(0).get("path").asText());
                assertEquals("h264", Media.probe(video, "stream=codec_name"), "copied, not re-encoded");
                double duration = Media.duration(video);
                assertTrue(duration > 2 && duration < 7, "duration " + duration);

                // The stream goes down mid-recording and comes back: the cut file is kept and marked, and the
                // camera records again by itself while the recording is still wanted.
                Thread.sleep(1_100);
                d.post("/toggle_recording", null);
                Thread.sleep(3_000);
                publisher.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                HotDeployTest.await(d, "the cut recording marked as crashed", 45_000, () -> {
                    for (JsonNode e : d.getJson("/archive")) {
                        if (e.has("meta") && e.get("meta").path("crash").asBoolean()) {
                            return true;
                        }
                    }
                    return false;
                });
                assertTrue(d.getJson("/recording_status").get("recording").asBoolean(), "still wanted while retrying");
                // This server refuses a second publisher on a used mount: the stream comes back on a fresh one.
                server.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                server = serve(clientPort, sourcePort);
                Thread.sleep(1_000);
                publisher = publish(sourcePort);
                HotDeployTest.await(d, "a new recording after the stream returned", 45_000,
                        () -> d.getJson("/archive").size() >= 3);
                d.post("/toggle_recording", null);
            }
        } finally {
            if (publisher != null) {
                publisher.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            server.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    private Process serve(int clientPort, int sourcePort) throws IOException {
        return new ProcessBuilder(List.of("rtsp-server-perl", "-c", Integer.toString(clientPort), "-s",
                Integer.toString(sourcePort), "--client_listen_address", "127.0.0.1", "--source_listen_address",
                "127.0.0.1")).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("rtsp-server.log").toFile())).start();
    }

    private Process publish(int sourcePort) throws IOException {
        return new ProcessBuilder(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-re", "-f", "lavfi",
                "-i", "testsrc2=size=640x480:rate=15", "-c:v", "libx264", "-preset", "ultrafast", "-tune",
                "zerolatency", "-g", "15", "-f", "rtsp", "-rtsp_transport", "udp",
                "rtsp://127.0.0.1:" + sourcePort + "/cam")).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("publisher.log").toFile())).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
