package org.securitycam.timelapse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class StitchCommandsTest {
    private final StitchCommands commands = new StitchCommands("/usr/bin/nice", "/opt/ffmpeg");

    @Test
    void stitchAtLowPriorityWithX264AtTheRateWithFaststart() {
        assertEquals(List.of("/usr/bin/nice", "-n", "19", "/opt/ffmpeg", "-hide_banner", "-loglevel", "error",
                "-nostdin", "-f", "image2pipe", "-c:v", "mjpeg", "-framerate", "24", "-i", "pipe:0", "-vf",
                "scale=640:480:force_original_aspect_ratio=decrease,pad=640:480:(ow-iw)/2:(oh-ih)/2,format=yuv420p",
                "-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-movflags", "+faststart", "-f", "mp4", "-y",
                "/t/.timelapse_20260401.mp4.tmp"), commands.stitch(24, 640, 480, Path.of("/t/.timelapse_20260401.mp4.tmp")));
    }

    @Test
    void aSizeTheEncoderCannotTakeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> commands.stitch(24, 641, 480, Path.of("/t/x")));
        assertThrows(IllegalArgumentException.class, () -> commands.stitch(0, 640, 480, Path.of("/t/x")));
    }

    @Test
    void thumbnail320Wide() {
        assertEquals(List.of("/usr/bin/nice", "-n", "19", "/opt/ffmpeg", "-hide_banner", "-loglevel", "error",
                "-nostdin", "-i", "/t/2026-04-01/frame_120000.jpg", "-vf", "scale=320:-2", "-frames:v", "1", "-f",
                "image2", "-c:v", "mjpeg", "-q:v", "4", "-y", "/t/.timelapse_20260401.thumb.jpg.tmp"),
                commands.thumbnail(Path.of("/t/2026-04-01/frame_120000.jpg"),
                        Path.of("/t/.timelapse_20260401.thumb.jpg.tmp")));
    }
}
