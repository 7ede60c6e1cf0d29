package org.securitycam.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.securitycam.api.camera.CameraException;

/** Frames from the ffmpeg of this machine: scaled and stamped, unstamped without fonts, and each failure named. */
class FramesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final Ffmpeg runner = new Ffmpeg(timers);

    @TempDir
    Path dir;

    @AfterEach
    void stopTimers() {
        timers.shutdownNow();
    }

    private Frames frames(String ffmpeg, String source) {
        return new Frames(runner, new FfmpegCommands(ffmpeg, "ffprobe", source, "tcp", "640x480"));
    }

    private Path saved(byte[] jpeg) throws Exception {
        return Files.write(dir.resolve("frame-" + System.nanoTime() + ".jpg"), jpeg);
    }

    @Test
    void aStampedFrameIsAJpegOfTheAskedSize() throws Exception {
        Frames f = frames("ffmpeg", FfmpegCommands.TEST_PATTERN);
        assertEquals("mjpeg,320,240", RealFfmpeg.probe(saved(f.grab(320, 0, true, TIMEOUT)),
                "stream=codec_name,width,height"));
        assertTrue(f.stamping(), "this ffmpeg draws the date and time");
        assertEquals("mjpeg,640,480", RealFfmpeg.probe(saved(f.grab(0, 0, false, TIMEOUT)),
                "stream=codec_name,width,height"));
    }

    @Test
    void withoutAFontFramesComeUnstamped() throws Exception {
        Path empty = Files.writeString(dir.resolve("fonts.conf"), "<?xml version=\"1.0\"?><fontconfig></fontconfig>");
        Path noFonts = dir.resolve("ffmpeg-without-fonts");
        Files.writeString(noFonts, "#!/bin/sh\nFONTCONFIG_FILE=" + empty + " exec ffmpeg \"$@\"\n");
        Files.setPosixFilePermissions(noFonts, PosixFilePermissions.fromString("rwx------"));
        Frames f = frames(noFonts.toString(), FfmpegCommands.TEST_PATTERN);
        assertEquals("mjpeg,320,240", RealFfmpeg.probe(saved(f.grab(320, 240, true, TIMEOUT)),
                "stream=codec_name,width,height"));
        assertFalse(f.stamping(), "given up after the first failure");
        f.grab(320, 240, true, TIMEOUT);
    }

    @Test
    void anUnreachableCameraIsNamed() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        CameraException e = assertThrows(CameraException.class,
                () -> frames("ffmpeg", "rtsp://127.0.0.1:" + closed + "/cam").grab(0, 0, false, TIMEOUT));
        assertTrue(e.getMessage().startsWith("Camera unreachable: ") && e.getMessage().contains("Connection refused"),
                e.getMessage());
    }

    @Test
    void aCameraThatSendsNothingTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            CameraException e = assertThrows(CameraException.class,
                    () -> frames("ffmpeg", "rtsp://127.0.0.1:" + silent.getLocalPort() + "/cam").grab(0, 0, false,
                            Duration.ofSeconds(1)));
            assertEquals("No frame from the camera within 1 s", e.getMessage());
        }
    }

    @Test
    void aMissingFfmpegIsNamed() {
        CameraException e = assertThrows(CameraException.class,
                () -> frames(dir.resolve("ffmpeg").toString(), FfmpegCommands.TEST_PATTERN).grab(0, 0, false, TIMEOUT));
        assertTrue(e.getMessage().startsWith("ffmpeg is not installed or cannot run"), e.getMessage());
    }
}
