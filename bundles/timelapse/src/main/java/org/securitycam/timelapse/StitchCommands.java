package org.securitycam.timelapse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The ffmpeg command lines of the timelapse, as argument lists (never a shell line), each run through {@code nice}
 * at the lowest priority so that the device's API and recordings keep the processor. Pure: each one is unit-tested
 * as it is.
 */
final class StitchCommands {
    /** The niceness of every timelapse process: the lowest priority there is. */
    static final int NICENESS = 19;
    /** A thumbnail's width; its height follows the frames' aspect. */
    static final int THUMBNAIL_WIDTH = 320;

    private final String nice;
    private final String ffmpeg;

    StitchCommands(String nice, String ffmpeg) {
        this.nice = nice;
        this.ffmpeg = ffmpeg;
    }

    /**
     * A video of the JPEG frames that arrive one after the other on standard input, one video frame each, at
     * {@code fps}: H.264 (x264) in MP4 with the index before the data, so that a browser plays it at once. Every
     * frame is fitted into {@code width} x {@code height} (both even), so that frames of another size (the
     * resolution changed during the day) keep their aspect and do not break the video.
     */
    List<String> stitch(int fps, int width, int height, Path to) {
        if (fps < 1 || width < 2 || height < 2 || width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("fps " + fps + ", size " + width + "x" + height);
        }
        List<String> cmd = start();
        cmd.addAll(List.of("-f", "image2pipe", "-c:v", "mjpeg", "-framerate", Integer.toString(fps), "-i", "pipe:0",
                "-vf", "scale=" + width + ":" + height + ":force_original_aspect_ratio=decrease,pad=" + width + ":"
                        + height + ":(ow-iw)/2:(oh-ih)/2,format=yuv420p",
                "-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-movflags", "+faststart", "-f", "mp4", "-y",
                to.toString()));
        return cmd;
    }

    /** The thumbnail of a video: one of its frames, {@link #THUMBNAIL_WIDTH} wide, as JPEG. */
    List<String> thumbnail(Path frame, Path to) {
        List<String> cmd = start();
        cmd.addAll(List.of("-i", frame.toString(), "-vf", "scale=" + THUMBNAIL_WIDTH + ":-2", "-frames:v", "1", "-f",
                "image2", "-c:v", "mjpeg", "-q:v", "4", "-y", to.toString()));
        return cmd;
    }

    private List<String> start() {
        return new ArrayList<>(List.of(nice, "-n", Integer.toString(NICENESS), ffmpeg, "-hide_banner", "-loglevel",
                "error", "-nostdin"));
    }
}
