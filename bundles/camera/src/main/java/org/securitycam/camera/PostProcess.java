package org.securitycam.camera;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;

import org.securitycam.api.camera.CameraException;
import org.securitycam.api.media.Sidecar;

/**
 * What is done to a recording once ffmpeg has let go of it, at a stop or when a cut-off one is found: the remux
 * with faststart, the duration, the sprite. Each step reports its problem instead of throwing, since a recording
 * is kept whatever fails.
 */
final class PostProcess {
    /** Under this length a sprite would repeat frames; none is made. */
    static final double MIN_SPRITE_SECONDS = 2;

    private final Ffmpeg ffmpeg;
    private final FfmpegCommands commands;

    PostProcess(Ffmpeg ffmpeg, FfmpegCommands commands) {
        this.ffmpeg = ffmpeg;
        this.commands = commands;
    }

    /**
     * Rewrites the recording with its index first, atomically; its modification time stays when it was recorded.
     *
     * @return null if done, else why the file stays as it was (fragmented, still playable)
     */
    String faststart(Path video, Duration timeout) {
        Path tmp = AtomicFiles.temporary(video);
        try {
            FileTime recorded = Files.getLastModifiedTime(video);
            Ffmpeg.Result r = ffmpeg.run(commands.remux(video, tmp), timeout, false);
            if (!r.ok()) {
                return "not remuxed: " + r.cause();
            }
            Files.setLastModifiedTime(tmp, recorded);
            AtomicFiles.publish(tmp, video);
            return null;
        } catch (CameraException e) {
            return "not remuxed: " + e.getMessage();
        } catch (IOException e) {
            return "not remuxed: " + AtomicFiles.reason(e);
        } finally {
            AtomicFiles.deleteQuietly(tmp);
        }
    }

    /** The duration ffprobe reads from the file, in seconds, or -1 if it cannot tell. */
    double duration(Path video, Duration timeout) {
        try {
            Ffmpeg.Result r = ffmpeg.run(commands.duration(video), timeout, true);
            return r.ok() ? Double.parseDouble(new String(r.output(), StandardCharsets.US_ASCII).trim()) : -1;
        } catch (CameraException | NumberFormatException e) {
            return -1;
        }
    }

    /** @return null if the sprite was made (or the recording is too short for one), else why not */
    String sprite(Path video, double durationSeconds, Duration timeout) {
        if (durationSeconds < MIN_SPRITE_SECONDS) {
            return null;
        }
        Path sprite = AtomicFiles.sidecar(video, Sidecar.SPRITE);
        Path tmp = AtomicFiles.temporary(sprite);
        try {
            Ffmpeg.Result r = ffmpeg.run(commands.sprite(video, durationSeconds, tmp), timeout, false);
            if (!r.ok()) {
                return "no sprite: " + r.cause();
            }
            AtomicFiles.publish(tmp, sprite);
            return null;
        } catch (CameraException e) {
            return "no sprite: " + e.getMessage();
        } catch (IOException e) {
            return "no sprite: " + AtomicFiles.reason(e);
        } finally {
            AtomicFiles.deleteQuietly(tmp);
        }
    }
}
