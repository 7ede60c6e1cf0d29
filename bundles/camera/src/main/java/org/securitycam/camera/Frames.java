package org.securitycam.camera;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.securitycam.api.camera.CameraException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Single JPEG frames of the live feed through ffmpeg, with the failure named for the user: camera unreachable,
 * ffmpeg missing, or no frame in time. When ffmpeg cannot draw the date and time (a build without drawtext, no font
 * on the system), frames go unstamped from then on, after one WARNING.
 */
final class Frames {
    private static final Logger LOG = LoggerFactory.getLogger(Frames.class);

    private final Ffmpeg ffmpeg;
    private final FfmpegCommands commands;
    private final AtomicBoolean stamping = new AtomicBoolean(true);

    Frames(Ffmpeg ffmpeg, FfmpegCommands commands) {
        this.ffmpeg = ffmpeg;
        this.commands = commands;
    }

    /** A new frame, scaled as {@link FfmpegCommands#frame} says, within {@code timeout}. */
    byte[] grab(int width, int height, boolean stamped, Duration timeout) throws CameraException {
        boolean stamp = stamped && stamping.get();
        Ffmpeg.Result r;
        try {
            r = ffmpeg.run(commands.frame(width, height, stamp), timeout, true);
        } catch (Ffmpeg.TimedOut e) {
            throw new CameraException("No frame from the camera within " + timeout.toSeconds() + " s");
        }
        if (r.ok() && isJpeg(r.output())) {
            return r.output();
        }
        String textProblem = stamp ? Ffmpeg.drawTextProblem(r.errors()) : null;
        if (textProblem != null) {
            if (stamping.compareAndSet(true, false)) {
                LOG.warn("Frames go without the date and time: ffmpeg cannot draw text here ({}); installing a "
                        + "font (fonts-dejavu-core) and restarting brings it back", textProblem);
            }
            return grab(width, height, false, timeout);
        }
        String cause = r.cause();
        throw new CameraException(Ffmpeg.writeFailure(cause) ? "Cannot grab a frame: " + cause
                : "Camera unreachable: " + cause);
    }

    /** Whether frames get the date and time: false once ffmpeg showed it cannot draw them. */
    boolean stamping() {
        return stamping.get();
    }

    private static boolean isJpeg(byte[] b) {
        return b.length > 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8;
    }
}
