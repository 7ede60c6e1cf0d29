package org.securitycam.timelapse;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

import org.securitycam.api.media.MediaKind;
import org.securitycam.api.media.MediaStore;
import org.securitycam.api.media.Sidecar;

/**
 * Stitches the frames of one day into {@code timelapse_YYYYMMDD.mp4} with its {@code .thumb.jpg}, through the media
 * store: the video is written under a hidden temporary name and renamed once whole, then the store is told it is
 * finished (which announces it), and only then are the frames removed. A stitch that fails for any reason (a full
 * disk, ffmpeg missing or failing, a timeout) leaves the frames as they were and no video or temporary behind.
 */
final class Stitcher {
    /** What one stitch did. */
    record Result(int frames, Path video, String error) {
        boolean ok() {
            return error == null;
        }
    }

    /** The time a stitch may take: a base, plus a second per frame, far above what this takes on a Pi. */
    static Duration timeout(int frames) {
        return Duration.ofSeconds(120 + frames);
    }

    private static final Duration THUMBNAIL_TIMEOUT = Duration.ofSeconds(60);

    private final MediaStore store;
    private final StitchCommands commands;
    private final RecordingStarts starts;
    private final ScheduledExecutorService timers;

    Stitcher(MediaStore store, StitchCommands commands, RecordingStarts starts, ScheduledExecutorService timers) {
        this.store = store;
        this.commands = commands;
        this.starts = starts;
        this.timers = timers;
    }

    /**
     * Stitches a day, at {@code fps}. A day folder without frames gets no video, and is removed if it is empty.
     *
     * @return the result; {@code frames} 0 and no error for a day without frames
     */
    Result stitch(DayFolders.Day day, int fps) throws InterruptedException {
        List<Path> frames;
        try {
            frames = DayFolders.frames(day.folder());
        } catch (IOException e) {
            return new Result(0, null, "cannot read " + day.folder() + ": " + DayFolders.reason(e));
        }
        if (frames.isEmpty()) {
            try {
                DayFolders.removeIfEmpty(day.folder());
            } catch (IOException e) {
                // a folder that stays is tried again at the next start
            }
            return new Result(0, null, null);
        }
        JpegSize size = null;
        for (Path f : frames) {
            size = JpegSize.of(read(f));
            if (size != null) {
                break;
            }
        }
        if (size == null) {
            return new Result(frames.size(), null, "no frame of the day is a readable JPEG");
        }
        size = size.even();
        Result existing = existingVideo(day, frames);
        if (existing != null) {
            return existing;
        }
        starts.awaitClear();
        Path video;
        try {
            video = store.create(MediaKind.TIMELAPSE, day.date().atStartOfDay());
        } catch (IOException e) {
            return new Result(frames.size(), null, "cannot create the timelapse folder: " + DayFolders.reason(e));
        }
        Path tmp = hidden(video);
        String name = video.getFileName().toString();
        Path thumb = video.resolveSibling(name.substring(0, name.length() - ".mp4".length())
                + Sidecar.THUMBNAIL.suffix());
        Path tmpThumb = hidden(thumb);
        try {
            String error = encode(frames, fps, size, tmp);
            if (error != null) {
                return new Result(frames.size(), null, error);
            }
            thumbnail(frames.get(frames.size() / 2), tmpThumb, thumb);
            publish(tmp, video);
        } catch (IOException e) {
            return new Result(frames.size(), null, "cannot write " + name + ": " + DayFolders.reason(e));
        } finally {
            deleteQuietly(tmp);
            deleteQuietly(tmpThumb);
            store.finish(video);
        }
        try {
            DayFolders.removeFrames(day.folder(), frames);
        } catch (IOException e) {
            return new Result(frames.size(), video, "the video is made, but its frames stay: " + DayFolders.reason(e));
        }
        return new Result(frames.size(), video, null);
    }

    /**
     * A day that already has its video: made from these very frames (the frames outlived it, when the device
     * stopped between the two), they are removed now; otherwise (frames of a day that was stitched before, as a
     * clock set wrong at boot leaves them) the video is never replaced, and the frames stay for the user.
     *
     * @return null to stitch the day, else what was done instead
     */
    private Result existingVideo(DayFolders.Day day, List<Path> frames) {
        Path video = store.folder(MediaKind.TIMELAPSE)
                .resolve("timelapse_" + day.date().format(DateTimeFormatter.BASIC_ISO_DATE) + ".mp4");
        try {
            if (!Files.isRegularFile(video, LinkOption.NOFOLLOW_LINKS) || Files.size(video) == 0) {
                return null;
            }
            Instant made = Files.getLastModifiedTime(video, LinkOption.NOFOLLOW_LINKS).toInstant();
            for (Path f : frames) {
                if (!Files.getLastModifiedTime(f, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(made)) {
                    return new Result(frames.size(), null, video.getFileName() + " exists already and is older "
                            + "than some of the day's frames; it is not replaced");
                }
            }
            DayFolders.removeFrames(day.folder(), frames);
            return new Result(frames.size(), video, null);
        } catch (IOException e) {
            return new Result(frames.size(), null, "cannot check " + video.getFileName() + ": " + DayFolders.reason(e));
        }
    }

    /** Feeds the frames to the encoder, holding back while a recording starts; null once the video is whole. */
    private String encode(List<Path> frames, int fps, JpegSize size, Path to)
            throws IOException, InterruptedException {
        try (ChildProcess p = ChildProcess.start(commands.stitch(fps, size.width(), size.height(), to),
                timeout(frames.size()), timers)) {
            try (OutputStream in = p.input()) {
                for (Path f : frames) {
                    p.extend(starts.awaitClear());
                    byte[] jpeg = read(f);
                    if (jpeg.length > 0) {
                        in.write(jpeg);
                    }
                }
            } catch (IOException e) {
                // ffmpeg stopped reading: it failed, and its exit code and output say why
            }
            int exit = p.await();
            if (exit != 0) {
                return "ffmpeg failed: " + p.cause();
            }
        } catch (IOException e) {
            return e.getMessage().contains("timed out") ? e.getMessage()
                    : "ffmpeg cannot run: " + DayFolders.reason(e);
        }
        if (!Files.isRegularFile(to) || Files.size(to) == 0) {
            return "ffmpeg wrote no video";
        }
        return null;
    }

    /** The thumbnail; a day's video goes without one if it cannot be made. */
    private void thumbnail(Path frame, Path tmp, Path thumb) throws InterruptedException {
        try (ChildProcess p = ChildProcess.start(commands.thumbnail(frame, tmp), THUMBNAIL_TIMEOUT, timers)) {
            if (p.await() == 0 && Files.isRegularFile(tmp) && Files.size(tmp) > 0) {
                publish(tmp, thumb);
            }
        } catch (IOException e) {
            // the video goes without a thumbnail; should the disk be full, publishing the video fails next
        }
    }

    /** Renames a complete temporary over its final name once it is on the disk. */
    private static void publish(Path tmp, Path target) throws IOException {
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            ch.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** A frame's bytes, empty if it vanished meanwhile; a link is never followed. */
    private static byte[] read(Path frame) {
        try (var in = Files.newInputStream(frame, LinkOption.NOFOLLOW_LINKS)) {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0]; // gone or unreadable: the video goes without it
        }
    }

    private static Path hidden(Path target) {
        return target.resolveSibling("." + target.getFileName() + ".tmp");
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a hidden temporary: the next stitch of that day replaces it
        }
    }
}
