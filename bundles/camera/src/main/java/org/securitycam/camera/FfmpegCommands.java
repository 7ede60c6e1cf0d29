package org.securitycam.camera;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every ffmpeg and ffprobe command line of the camera, as argument lists (never a shell line). Pure: it only
 * builds lists from the configuration, so each one is unit-tested as it is.
 */
final class FfmpegCommands {
    /** The source that stands for ffmpeg's built-in test pattern instead of a camera. */
    static final String TEST_PATTERN = "testpattern";
    /** How many frames a sprite holds, side by side. */
    static final int SPRITE_FRAMES = 10;
    static final int SPRITE_WIDTH = 160;
    static final int SPRITE_HEIGHT = 90;
    /** A thumbnail's width; its height follows the camera's aspect. */
    static final int THUMBNAIL_WIDTH = 320;
    /** How long an RTSP read may wait for data before ffmpeg gives up, in microseconds as ffmpeg takes it. */
    static final long RTSP_READ_TIMEOUT_MICROS = 5_000_000;

    private final String ffmpeg;
    private final String ffprobe;
    private final String source;
    private final String rtspTransport;
    private final String patternSize;

    /**
     * @param source an RTSP URL, or {@link #TEST_PATTERN}
     * @param rtspTransport "tcp" or "udp", for an RTSP source
     * @param patternSize WIDTHxHEIGHT of the test pattern
     */
    FfmpegCommands(String ffmpeg, String ffprobe, String source, String rtspTransport, String patternSize) {
        this.ffmpeg = ffmpeg;
        this.ffprobe = ffprobe;
        this.source = source;
        this.rtspTransport = rtspTransport;
        this.patternSize = patternSize;
    }

    boolean testPattern() {
        return TEST_PATTERN.equals(source);
    }

    /**
     * A recording into {@code file} as fragmented MP4 that reaches the disk packet by packet, so a power cut leaves
     * a playable file that lacks at most its last fragment. ffmpeg ends it when it reads {@code q} on its input.
     */
    List<String> record(Path file) {
        List<String> cmd = start(false);
        cmd.addAll(input(true));
        if (testPattern()) {
            // One key frame a second: a fragment a second, and a cut file loses at most that.
            cmd.addAll(List.of("-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "15",
                    "-pix_fmt", "yuv420p"));
        } else {
            cmd.addAll(List.of("-c", "copy"));
        }
        cmd.addAll(List.of("-movflags", "+frag_keyframe+empty_moov+default_base_moof", "-flush_packets", "1", "-f",
                "mp4", "-y", file.toString()));
        return cmd;
    }

    /**
     * One JPEG of the live feed on standard output, scaled to {@code width} x {@code height} (0 for one side keeps
     * the aspect; 0 for both keeps the camera's size), with the local date and time drawn by ffmpeg if
     * {@code stamped}.
     */
    List<String> frame(int width, int height, boolean stamped) {
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("negative frame size " + width + "x" + height);
        }
        List<String> cmd = start(true);
        cmd.addAll(input(false));
        List<String> filters = new ArrayList<>();
        if (width > 0 || height > 0) {
            // -2 keeps the aspect with an even size, which every encoder takes.
            filters.add("scale=" + (width > 0 ? width : -2) + ":" + (height > 0 ? height : -2));
        }
        if (stamped) {
            filters.add("drawtext=text='%{localtime\\:%Y-%m-%d %T}':fontcolor=white:fontsize=h/20"
                    + ":box=1:boxcolor=black@0.5:boxborderw=4:x=8:y=8");
        }
        if (!filters.isEmpty()) {
            cmd.addAll(List.of("-vf", String.join(",", filters)));
        }
        cmd.addAll(List.of("-frames:v", "1", "-f", "image2pipe", "-c:v", "mjpeg", "-q:v", "3", "pipe:1"));
        return cmd;
    }

    /** The same streams, copied into {@code to} with the index (moov) before the data, so a browser plays it at once. */
    List<String> remux(Path from, Path to) {
        List<String> cmd = start(true);
        cmd.addAll(List.of("-i", from.toString(), "-map", "0", "-c", "copy", "-movflags", "+faststart", "-f", "mp4",
                "-y", to.toString()));
        return cmd;
    }

    /**
     * Ten frames evenly spaced over {@code durationSeconds}, each 160x90, side by side in one 1600x90 JPEG. Each
     * frame is read by a seek, so the cost does not grow with the recording's length.
     */
    List<String> sprite(Path video, double durationSeconds, Path to) {
        if (!(durationSeconds > 0)) {
            throw new IllegalArgumentException("no duration: " + durationSeconds);
        }
        List<String> cmd = start(true);
        StringBuilder graph = new StringBuilder();
        StringBuilder stack = new StringBuilder();
        for (int i = 0; i < SPRITE_FRAMES; i++) {
            double at = durationSeconds * (i + 0.5) / SPRITE_FRAMES;
            cmd.addAll(List.of("-ss", String.format(Locale.ROOT, "%.3f", at), "-i", video.toString()));
            graph.append('[').append(i).append(":v]scale=").append(SPRITE_WIDTH).append(':').append(SPRITE_HEIGHT)
                    .append("[f").append(i).append("];");
            stack.append("[f").append(i).append(']');
        }
        graph.append(stack).append("hstack=inputs=").append(SPRITE_FRAMES).append("[sprite]");
        cmd.addAll(List.of("-filter_complex", graph.toString(), "-map", "[sprite]", "-frames:v", "1", "-f", "image2",
                "-c:v", "mjpeg", "-q:v", "4", "-y", to.toString()));
        return cmd;
    }

    /** ffprobe printing the file's duration in seconds, alone on a line. */
    List<String> duration(Path file) {
        return new ArrayList<>(List.of(ffprobe, "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0",
                file.toString()));
    }

    private List<String> start(boolean noInput) {
        List<String> cmd = new ArrayList<>(List.of(ffmpeg, "-hide_banner", "-loglevel", "error"));
        if (noInput) {
            cmd.add("-nostdin");
        }
        return cmd;
    }

    /** @param realTime read the test pattern at its own rate, as a camera sends it */
    private List<String> input(boolean realTime) {
        if (testPattern()) {
            List<String> in = new ArrayList<>();
            if (realTime) {
                in.add("-re");
            }
            in.addAll(List.of("-f", "lavfi", "-i", "testsrc=size=" + patternSize + ":rate=15"));
            return in;
        }
        // Without a read timeout a UDP reader waits forever for a stream that went away.
        return List.of("-rtsp_transport", rtspTransport, "-timeout", Long.toString(RTSP_READ_TIMEOUT_MICROS), "-i",
                source);
    }
}
