package org.securitycam.camera;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.securitycam.api.camera.CameraException;

/**
 * Runs ffmpeg and ffprobe as child processes with argument lists (never a shell), each with a timeout after
 * which it is killed, and always reaped.
 */
final class Ffmpeg {
    private final String ffmpeg;
    private final String ffprobe;

    Ffmpeg(String ffmpeg, String ffprobe) {
        this.ffmpeg = ffmpeg;
        this.ffprobe = ffprobe;
    }

    /** What a finished process said: its exit code and the end of its error output. */
    record Result(int exit, String errors) {
    }

    Result run(List<String> args, Duration timeout) throws CameraException {
        Process p = start(ffmpeg, args, ProcessBuilder.Redirect.DISCARD);
        return finish(p, timeout, "ffmpeg");
    }

    /** The media file's duration in seconds, or -1 if ffprobe cannot tell. */
    double duration(java.nio.file.Path file) {
        try {
            Process p = start(ffprobe, List.of("-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0",
                    file.toString()), ProcessBuilder.Redirect.PIPE);
            byte[] out = p.getInputStream().readAllBytes();
            Result r = finish(p, Duration.ofSeconds(20), "ffprobe");
            return r.exit() == 0 ? Double.parseDouble(new String(out, StandardCharsets.UTF_8).trim()) : -1;
        } catch (CameraException | IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** Starts a long-running ffmpeg that listens for {@code q} on its standard input. */
    Process startLong(List<String> args) throws CameraException {
        return start(ffmpeg, args, ProcessBuilder.Redirect.DISCARD);
    }

    private static Process start(String command, List<String> args, ProcessBuilder.Redirect out)
            throws CameraException {
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(command);
        cmd.addAll(args);
        try {
            return new ProcessBuilder(cmd).redirectOutput(out).redirectError(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            throw new CameraException(command + " is not installed or cannot run (" + e.getMessage() + ")");
        }
    }

    static Result finish(Process p, Duration timeout, String what) throws CameraException {
        StringBuilder errors = new StringBuilder();
        Thread drain = new Thread(() -> {
            try (InputStream err = p.getErrorStream()) {
                byte[] buf = new byte[4096];
                for (int n; (n = err.read(buf)) > 0;) {
                    synchronized (errors) {
                        errors.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                        if (errors.length() > 4000) {
                            errors.delete(0, errors.length() - 2000);
                        }
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, what + "-stderr");
        drain.setDaemon(true);
        drain.start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                throw new CameraException(what + " timed out after " + timeout.toSeconds() + " s");
            }
            drain.join(1000);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new CameraException(what + " was interrupted");
        }
        synchronized (errors) {
            return new Result(p.exitValue(), errors.toString().trim());
        }
    }
}
