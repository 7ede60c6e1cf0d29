package org.securitycam.camera;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.securitycam.api.camera.CameraException;

/** The process runner on real child processes (a shell stands in for ffmpeg), and how ffmpeg's errors are read. */
class FfmpegTest {
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final Ffmpeg runner = new Ffmpeg(timers);

    @TempDir
    Path dir;

    @AfterEach
    void stopTimers() {
        timers.shutdownNow();
    }

    private static List<String> sh(String script) {
        return List.of("/bin/sh", "-c", script);
    }

    @Test
    void standardOutputIsTheResultAndTheErrorOutputIsKept() throws Exception {
        Ffmpeg.Result r = runner.run(sh("printf 'frame'; echo 'a warning' >&2; exit 3"), Duration.ofSeconds(10), true);
        assertEquals(3, r.exit());
        assertFalse(r.ok());
        assertArrayEquals("frame".getBytes(StandardCharsets.US_ASCII), r.output());
        assertEquals("a warning", r.cause());
    }

    @Test
    void withoutKeptOutputBothStreamsAreReadAsErrors() throws Exception {
        Ffmpeg.Result r = runner.run(sh("echo out; echo err >&2"), Duration.ofSeconds(10), false);
        assertTrue(r.ok());
        assertEquals(0, r.output().length);
        assertTrue(r.errors().contains("out") && r.errors().contains("err"), r.errors());
    }

    @Test
    void aProcessPastItsTimeoutIsKilledAndReaped() throws Exception {
        long t0 = System.nanoTime();
        CameraException e = assertThrows(CameraException.class,
                () -> runner.run(sh("exec sleep 30"), Duration.ofMillis(300), true));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertEquals("sh timed out after 1 s", e.getMessage());
        assertTrue(ms < 5_000, "ended after " + ms + " ms");
        assertFalse(ProcessHandle.current().children().anyMatch(p -> p.info().command().orElse("").endsWith("sleep")),
                "no sleep left running");
    }

    @Test
    void aMissingProgramSaysSo() {
        CameraException e = assertThrows(CameraException.class,
                () -> runner.run(List.of("/nonexistent/ffmpeg", "-version"), Duration.ofSeconds(5), false));
        assertTrue(e.getMessage().startsWith("ffmpeg is not installed or cannot run"), e.getMessage());
    }

    @Test
    void afterCloseNothingRunsAndRunningProcessesAreKilled() throws Exception {
        Thread closer = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            runner.close();
        });
        closer.start();
        long t0 = System.nanoTime();
        Ffmpeg.Result r = runner.run(sh("exec sleep 30"), Duration.ofSeconds(60), false);
        assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0) < 5);
        assertFalse(r.ok(), "killed");
        closer.join();
        assertThrows(CameraException.class, () -> runner.run(sh("true"), Duration.ofSeconds(5), false));
    }

    @Test
    void aLongProcessWritesItsErrorsToAFileThatIsReadOnceAndRemoved() throws Exception {
        Path log = dir.resolve("rec.log");
        Process p = runner.startLong(sh("read line; echo \"got $line\" >&2; exit 0"), log);
        p.getOutputStream().write("q\n".getBytes(StandardCharsets.US_ASCII));
        p.getOutputStream().close();
        assertEquals(0, p.onExit().get(10, TimeUnit.SECONDS).exitValue());
        assertEquals("got q", Ffmpeg.readAndRemove(log).strip());
        assertFalse(Files.exists(log));
        assertEquals("", Ffmpeg.readAndRemove(log));
    }

    @Test
    void theCauseIsTheLastLineThatSaysSomething() {
        String diskFull = "Could not write header for output file #0 (incorrect codec parameters ?): "
                + "No space left on device\nError initializing output stream 0:0 -- \n";
        assertEquals("Could not write header for output file #0 (incorrect codec parameters ?): "
                + "No space left on device", Ffmpeg.cause(diskFull));
        assertEquals("av_interleaved_write_frame(): No space left on device",
                Ffmpeg.cause("av_interleaved_write_frame(): No space left on device\nConversion failed!\n"));
        assertEquals("rtsp://127.0.0.1:9/cam: Connection refused",
                Ffmpeg.cause("rtsp://127.0.0.1:9/cam: Connection refused\n"));
        assertEquals("no details from ffmpeg", Ffmpeg.cause("  \n"));
        assertEquals("no details from ffmpeg", Ffmpeg.cause(null));
    }

    @Test
    void writeFailuresAreToldFromCameraFailures() {
        assertTrue(Ffmpeg.writeFailure("av_interleaved_write_frame(): No space left on device"));
        assertTrue(Ffmpeg.writeFailure("/rec/output_1.mp4: Read-only file system"));
        assertTrue(Ffmpeg.writeFailure("/rec/output_1.mp4: Permission denied"));
        assertFalse(Ffmpeg.writeFailure("rtsp://127.0.0.1:9/cam: Connection refused"));
        assertFalse(Ffmpeg.writeFailure("no details from ffmpeg"));
    }

    @Test
    void aMissingFontOrFilterIsRecognised() {
        assertEquals("[Parsed_drawtext_0 @ 0x1] Cannot find a valid font for the family Sans",
                Ffmpeg.drawTextProblem("[Parsed_drawtext_0 @ 0x1] Cannot find a valid font for the family Sans\n"
                        + "Error while processing the decoded data for stream #0:0\n"));
        assertEquals("No such filter: 'drawtext'", Ffmpeg.drawTextProblem("No such filter: 'drawtext'"));
        assertEquals(null, Ffmpeg.drawTextProblem("rtsp://x: Connection refused"));
        assertEquals(null, Ffmpeg.drawTextProblem(null));
    }
}
