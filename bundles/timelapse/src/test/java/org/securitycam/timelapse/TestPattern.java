package org.securitycam.timelapse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.securitycam.api.camera.CameraException;
import org.securitycam.api.camera.CameraFrames;

/**
 * Frames of ffmpeg's test pattern at 640x480, scaled as asked, made by this machine's ffmpeg: the camera bundle's
 * frames come from the same source on the dev profile, and are tested there (stamps included) and in the itests.
 * Also ffprobe, to look at what a stitch made.
 */
final class TestPattern implements CameraFrames {
    volatile boolean broken;
    volatile int grabs;

    @Override
    public byte[] live() throws CameraException {
        return grab(0, 0, false);
    }

    @Override
    public byte[] grab(int width, int height, boolean stamped) throws CameraException {
        grabs++;
        if (broken) {
            throw new CameraException("Camera unreachable: connection refused");
        }
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-f",
                "lavfi", "-i", "testsrc=size=640x480:rate=1"));
        if (width > 0) {
            cmd.addAll(List.of("-vf", "scale=" + width + ":" + height));
        }
        cmd.addAll(List.of("-frames:v", "1", "-f", "image2pipe", "-c:v", "mjpeg", "pipe:1"));
        try {
            return run(cmd);
        } catch (IOException | InterruptedException e) {
            throw new CameraException(e.toString());
        }
    }

    static String probe(Path file, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ffprobe", "-v", "error"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-of", "csv=p=0", file.toString()));
        return new String(run(cmd), StandardCharsets.UTF_8).trim();
    }

    private static byte[] run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + cmd);
        }
        return out;
    }
}
