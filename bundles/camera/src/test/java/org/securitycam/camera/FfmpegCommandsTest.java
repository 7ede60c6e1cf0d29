package org.securitycam.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The command lines, argument by argument. */
class FfmpegCommandsTest {
    private static final FfmpegCommands PATTERN = new FfmpegCommands("/usr/bin/ffmpeg", "/usr/bin/ffprobe",
            "testpattern", "tcp", "640x480");
    private static final FfmpegCommands RTSP = new FfmpegCommands("ffmpeg", "ffprobe", "rtsp://cam.local:8554/cam",
            "udp", "640x480");
    private static final Path VIDEO = Path.of("/rec/output_20240101_120000.mp4");

    /** The value that follows {@code option}, which must be there exactly once. */
    private static String option(List<String> cmd, String option) {
        assertEquals(1, Collections.frequency(cmd, option), option + " in " + cmd);
        return cmd.get(cmd.indexOf(option) + 1);
    }

    /** Whether {@code part} appears in {@code cmd} as consecutive arguments. */
    private static boolean contains(List<String> cmd, String... part) {
        return Collections.indexOfSubList(cmd, List.of(part)) >= 0;
    }

    @Test
    void everyCommandStartsWithItsProgramAndLogsOnlyErrors() {
        for (List<String> cmd : List.of(PATTERN.record(VIDEO), PATTERN.frame(0, 0, false),
                PATTERN.remux(VIDEO, VIDEO), PATTERN.sprite(VIDEO, 10, VIDEO))) {
            assertEquals("/usr/bin/ffmpeg", cmd.get(0));
            assertEquals("error", option(cmd, "-loglevel"));
            assertTrue(cmd.contains("-hide_banner"));
        }
        List<String> probe = PATTERN.duration(VIDEO);
        assertEquals(List.of("/usr/bin/ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0",
                VIDEO.toString()), probe);
    }

    @Test
    void theTestPatternIsEncodedInRealTimeWithAKeyFrameEverySecond() {
        List<String> cmd = PATTERN.record(VIDEO);
        assertTrue(contains(cmd, "-re", "-f", "lavfi", "-i", "testsrc=size=640x480:rate=15"), cmd.toString());
        assertEquals("libx264", option(cmd, "-c:v"));
        assertEquals("15", option(cmd, "-g"));
        assertEquals("yuv420p", option(cmd, "-pix_fmt"));
        assertFalse(cmd.contains("-rtsp_transport"));
        assertFalse(cmd.contains("-nostdin"), "a recording listens for q on its input");
    }

    @Test
    void rtspIsCopiedWithItsTransportAndAFiveSecondReadTimeout() {
        List<String> cmd = RTSP.record(VIDEO);
        assertTrue(contains(cmd, "-rtsp_transport", "udp", "-timeout", "5000000", "-i", "rtsp://cam.local:8554/cam"),
                cmd.toString());
        assertEquals("copy", option(cmd, "-c"));
        assertFalse(cmd.contains("libx264"));
        assertFalse(cmd.contains("-re"));
        assertTrue(cmd.indexOf("-timeout") < cmd.indexOf("-i"), "the timeout is an input option");
    }

    @Test
    void aRecordingIsFragmentedAndFlushedPacketByPacket() {
        List<String> cmd = RTSP.record(VIDEO);
        assertEquals("+frag_keyframe+empty_moov+default_base_moof", option(cmd, "-movflags"));
        assertEquals("1", option(cmd, "-flush_packets"));
        assertTrue(contains(cmd, "-f", "mp4", "-y", VIDEO.toString()));
        assertEquals(VIDEO.toString(), cmd.get(cmd.size() - 1));
    }

    @Test
    void aFrameIsOneJpegOnStandardOutput() {
        List<String> cmd = RTSP.frame(0, 0, false);
        assertTrue(cmd.contains("-nostdin"));
        assertTrue(contains(cmd, "-rtsp_transport", "udp", "-timeout", "5000000", "-i", "rtsp://cam.local:8554/cam"));
        assertEquals("1", option(cmd, "-frames:v"));
        assertEquals("image2pipe", option(cmd, "-f"));
        assertEquals("mjpeg", option(cmd, "-c:v"));
        assertEquals("pipe:1", cmd.get(cmd.size() - 1));
        assertFalse(cmd.contains("-vf"), "the camera's own size, nothing drawn");
        assertFalse(PATTERN.frame(0, 0, false).contains("-re"), "a single frame need not wait for the clock");
    }

    @Test
    void aFrameIsScaledKeepingTheAspectWhenOneSideIsZero() {
        assertEquals("scale=320:-2", option(RTSP.frame(320, 0, false), "-vf"));
        assertEquals("scale=-2:90", option(RTSP.frame(0, 90, false), "-vf"));
        assertEquals("scale=1280:720", option(RTSP.frame(1280, 720, false), "-vf"));
        assertThrows(IllegalArgumentException.class, () -> RTSP.frame(-1, 0, false));
    }

    @Test
    void aStampedFrameHasTheLocalDateAndTimeDrawnAfterTheScaling() {
        String vf = option(RTSP.frame(1280, 720, true), "-vf");
        assertTrue(vf.startsWith("scale=1280:720,drawtext="), vf);
        assertTrue(vf.contains("text='%{localtime\\:%Y-%m-%d %T}'"), vf);
        String unscaled = option(RTSP.frame(0, 0, true), "-vf");
        assertTrue(unscaled.startsWith("drawtext="), unscaled);
    }

    @Test
    void theRemuxCopiesEveryStreamWithTheIndexFirst() {
        Path tmp = Path.of("/rec/.output_20240101_120000.mp4.tmp");
        List<String> cmd = RTSP.remux(VIDEO, tmp);
        assertEquals(VIDEO.toString(), option(cmd, "-i"));
        assertEquals("0", option(cmd, "-map"));
        assertEquals("copy", option(cmd, "-c"));
        assertEquals("+faststart", option(cmd, "-movflags"));
        assertTrue(contains(cmd, "-f", "mp4", "-y", tmp.toString()), "the format is named, the name ends in .tmp");
        assertFalse(cmd.contains("rtsp://cam.local:8554/cam"), "the camera is not involved");
    }

    @Test
    void aSpriteSeeksToTenEvenlySpacedFramesAndStacksThemAt160x90() {
        Path out = Path.of("/rec/.output_20240101_120000.sprite.jpg.tmp");
        List<String> cmd = PATTERN.sprite(VIDEO, 20, out);
        assertEquals(10, Collections.frequency(cmd, VIDEO.toString()));
        for (int i = 0; i < 10; i++) {
            String at = String.format(java.util.Locale.ROOT, "%.3f", 20 * (i + 0.5) / 10);
            assertTrue(contains(cmd, "-ss", at, "-i", VIDEO.toString()), at + " in " + cmd);
        }
        String graph = option(cmd, "-filter_complex");
        assertEquals(10, graph.split("scale=160:90", -1).length - 1, graph);
        assertTrue(graph.endsWith("[f0][f1][f2][f3][f4][f5][f6][f7][f8][f9]hstack=inputs=10[sprite]"), graph);
        assertEquals("[sprite]", option(cmd, "-map"));
        assertEquals("1", option(cmd, "-frames:v"));
        assertTrue(contains(cmd, "-f", "image2", "-c:v", "mjpeg"));
        assertEquals(out.toString(), cmd.get(cmd.size() - 1));
        assertFalse(cmd.contains("testsrc=size=640x480:rate=15"), "read from the file, not the camera");
        assertThrows(IllegalArgumentException.class, () -> PATTERN.sprite(VIDEO, 0, out));
    }

    @Test
    void decimalsAreWrittenTheSameInEveryLocale() {
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.GERMANY);
            assertTrue(contains(PATTERN.sprite(VIDEO, 3, VIDEO), "-ss", "0.150"));
        } finally {
            java.util.Locale.setDefault(before);
        }
    }
}
