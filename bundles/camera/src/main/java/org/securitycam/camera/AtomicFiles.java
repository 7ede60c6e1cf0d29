package org.securitycam.camera;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import org.securitycam.api.media.Sidecar;

/**
 * Files that appear whole or not at all: written under a hidden temporary name beside their final one, forced to
 * the disk, then renamed over it. A power cut leaves the old file or the new one, and at worst a temporary that the
 * next start removes; never an empty or half-written file under the final name.
 */
final class AtomicFiles {
    /** What every temporary name ends with. */
    static final String TEMPORARY_SUFFIX = ".tmp";

    private AtomicFiles() {
    }

    /** The hidden temporary sibling of {@code target}: {@code .<name>.tmp}. */
    static Path temporary(Path target) {
        return target.resolveSibling("." + target.getFileName() + TEMPORARY_SUFFIX);
    }

    /** The sidecar of a media file: its name with the extension replaced by the sidecar's suffix. */
    static Path sidecar(Path media, Sidecar sidecar) {
        String name = media.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return media.resolveSibling((dot < 0 ? name : name.substring(0, dot)) + sidecar.suffix());
    }

    static void write(Path target, byte[] data) throws IOException {
        Path tmp = temporary(target);
        try {
            Files.write(tmp, data);
            publish(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Renames a complete temporary file (that a child process wrote) over {@code target}, once it is on the disk.
     *
     * @throws IOException if the temporary is missing or empty, or the rename fails
     */
    static void publish(Path tmp, Path target) throws IOException {
        if (!Files.isRegularFile(tmp) || Files.size(tmp) == 0) {
            throw new IOException("nothing was written");
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary: the next start removes what is left
        }
    }

    /** The operating system's words for a failed file operation ("No space left on device"), without the path. */
    static String reason(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
