package org.securitycam.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.securitycam.api.media.Sidecar;

/** A recording made by the ffmpeg of this machine, then remuxed, measured and given its sprite. */
class PostProcessTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final Ffmpeg runner = new Ffmpeg(timers);
    private final FfmpegCommands commands = new FfmpegCommands("ffmpeg", "ffprobe", FfmpegCommands.TEST_PATTERN,
            "tcp", "320x240");
    private final PostProcess post = new PostProcess(runner, commands);

    @TempDir
    Path dir;

    @AfterEach
    void stopTimers() {
        timers.shutdownNow();
    }

    private Path record(String name, long millis) throws Exception {
        Path video = dir.resolve(name);
        Process p = runner.startLong(commands.record(video), null);
        Thread.sleep(millis);
        p.getOutputStream().write("q\n".getBytes(StandardCharsets.US_ASCII));
        p.getOutputStream().close();
        assertEquals(0, p.onExit().get(10, TimeUnit.SECONDS).exitValue());
        return video;
    }

    @Test
    void aRecordingIsRemuxedWithItsIndexFirstAndKeepsItsTime() throws Exception {
        Path video = record("output_20240101_120000.mp4", 3_000);
        assertTrue(RealFfmpeg.boxes(video).contains("moof"), "fragmented as recorded: " + RealFfmpeg.boxes(video));
        FileTime recorded = FileTime.fromMillis(Files.getLastModifiedTime(video).toMillis() - 60_000);
        Files.setLastModifiedTime(video, recorded);
        double before = post.duration(video, TIMEOUT);

        assertNull(post.faststart(video, TIMEOUT));
        List<String> boxes = RealFfmpeg.boxes(video);
        assertTrue(boxes.indexOf("moov") < boxes.indexOf("mdat") && !boxes.contains("moof"), boxes.toString());
        assertEquals(recorded.toMillis() / 1000, Files.getLastModifiedTime(video).toMillis() / 1000);
        assertEquals(before, post.duration(video, TIMEOUT), 0.1);
        assertTrue(before > 2 && before < 4, "duration " + before);

        assertNull(post.sprite(video, before, TIMEOUT));
        Path sprite = AtomicFiles.sidecar(video, Sidecar.SPRITE);
        assertEquals("mjpeg,1600,90", RealFfmpeg.probe(sprite, "stream=codec_name,width,height"));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(video, sprite).stream().sorted().toList(), files.sorted().toList(),
                    "no temporary left");
        }
    }

    @Test
    void aShortRecordingGetsNoSpriteAndAnUnreadableOneSaysWhy() throws Exception {
        Path shortOne = record("output_20240101_120001.mp4", 800);
        assertNull(post.sprite(shortOne, post.duration(shortOne, TIMEOUT), TIMEOUT));
        assertFalse(Files.exists(AtomicFiles.sidecar(shortOne, Sidecar.SPRITE)));

        Path garbage = Files.write(dir.resolve("output_20240101_120002.mp4"), new byte[4096]);
        String problem = post.faststart(garbage, TIMEOUT);
        assertTrue(problem != null && problem.startsWith("not remuxed: "), problem);
        assertEquals(4096, Files.size(garbage), "left as it was");
        assertEquals(-1, post.duration(garbage, TIMEOUT));
    }
}
