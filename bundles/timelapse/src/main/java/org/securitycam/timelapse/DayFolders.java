package org.securitycam.timelapse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The frames of the timelapse on disk: one folder per day, {@code <YYYY-MM-DD>/frame_HHMMSS.jpg}, inside the
 * timelapse folder of the save location. Only this class touches them, and it never leaves that folder: a day
 * folder must be a real folder (not a link) directly in it, and a frame a regular file (not a link) with the frame
 * name pattern. Anything else there (a foreign file, a link) is neither read, counted nor deleted.
 */
final class DayFolders {
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern FRAME = Pattern.compile("frame_\\d{6}\\.jpg");
    private static final DateTimeFormatter FRAME_NAME = DateTimeFormatter.ofPattern("'frame_'HHmmss'.jpg'");

    /** A day folder and its date. */
    record Day(LocalDate date, Path folder) {
    }

    private final Supplier<Path> base;

    /** @param base the timelapse folder of the save location, as configured now */
    DayFolders(Supplier<Path> base) {
        this.base = base;
    }

    /** The day folders, oldest first; none if the timelapse folder does not exist. */
    List<Day> days() throws IOException {
        Path root = base.get();
        List<Day> days = new ArrayList<>();
        // The timelapse folder itself may be reached through a link (a save location on a mounted disk).
        if (!Files.isDirectory(root)) {
            return days;
        }
        for (Path p : entries(root.toRealPath())) {
            String name = p.getFileName().toString();
            if (DAY.matcher(name).matches() && isFolder(p)) {
                try {
                    days.add(new Day(LocalDate.parse(name), p));
                } catch (DateTimeException e) {
                    // 2026-13-45 is no day of ours
                }
            }
        }
        days.sort(Comparator.comparing(Day::date));
        return days;
    }

    /** The frames of a day folder, in the order they were taken (by name). */
    static List<Path> frames(Path dayFolder) throws IOException {
        List<Path> frames = new ArrayList<>();
        for (Path p : entries(dayFolder)) {
            if (FRAME.matcher(p.getFileName().toString()).matches() && isRegularFile(p)) {
                frames.add(p);
            }
        }
        frames.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return frames;
    }

    /** How many frames the day has on disk. */
    int count(LocalDate date) throws IOException {
        Path folder = base.get().resolve(date.toString());
        return isFolder(folder) ? frames(folder).size() : 0;
    }

    /** When the newest frame on disk was written: the last frame of the latest day that has any. */
    Optional<Instant> newestFrame() throws IOException {
        List<Day> days = days();
        for (int i = days.size() - 1; i >= 0; i--) {
            List<Path> frames = frames(days.get(i).folder());
            Instant newest = null;
            for (Path f : frames) {
                BasicFileAttributes a = attributes(f);
                if (a != null && (newest == null || a.lastModifiedTime().toInstant().isAfter(newest))) {
                    newest = a.lastModifiedTime().toInstant();
                }
            }
            if (newest != null) {
                return Optional.of(newest);
            }
        }
        return Optional.empty();
    }

    /**
     * Writes a frame taken at {@code time} into its day's folder: under a hidden temporary name first, forced to the
     * disk and renamed, so that a failed write leaves no partial frame.
     *
     * @return the frame's path
     * @throws IOException if the folder cannot be made or is not a real folder, or the write fails
     */
    Path write(LocalDateTime time, byte[] jpeg) throws IOException {
        Path folder = base.get().resolve(time.toLocalDate().toString());
        Files.createDirectories(folder);
        if (!isFolder(folder)) {
            throw new IOException(folder + " is not a folder of the timelapse");
        }
        Path frame = folder.resolve(FRAME_NAME.format(time));
        Path tmp = folder.resolve("." + frame.getFileName() + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS)) {
                ByteBuffer buf = ByteBuffer.wrap(jpeg);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(tmp, frame, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return frame;
    }

    /**
     * Removes a stitched day: its frames, the temporaries a failed capture may have left, then the folder if that
     * left it empty. A foreign file keeps the folder.
     *
     * @return how many frames were removed
     */
    static int removeFrames(Path dayFolder, List<Path> frames) throws IOException {
        int removed = 0;
        for (Path f : frames) {
            if (f.getParent().equals(dayFolder) && isRegularFile(f) && Files.deleteIfExists(f)) {
                removed++;
            }
        }
        removeIfEmpty(dayFolder);
        return removed;
    }

    /** Removes a day folder that holds nothing; true if it is gone. */
    static boolean removeIfEmpty(Path dayFolder) throws IOException {
        for (Path p : entries(dayFolder)) {
            if (p.getFileName().toString().startsWith(".frame_") && isRegularFile(p)) {
                Files.deleteIfExists(p); // a temporary of a capture that was cut off
            }
        }
        if (!entries(dayFolder).isEmpty()) {
            return false;
        }
        try {
            Files.delete(dayFolder);
            return true;
        } catch (NoSuchFileException e) {
            return true;
        } catch (FileSystemException e) {
            return false; // a capture put a frame in meanwhile
        }
    }

    private static List<Path> entries(Path folder) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!isFolder(folder)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder)) {
            for (Path p : ds) {
                out.add(p);
            }
        } catch (NoSuchFileException e) {
            return out;
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
        return out;
    }

    private static BasicFileAttributes attributes(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean isFolder(Path p) {
        BasicFileAttributes a = attributes(p);
        return a != null && a.isDirectory();
    }

    private static boolean isRegularFile(Path p) {
        BasicFileAttributes a = attributes(p);
        return a != null && a.isRegularFile();
    }

    /** The operating system's words for a failed file operation ("No space left on device"), without the path. */
    static String reason(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
