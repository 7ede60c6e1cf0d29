package org.securitycam.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * One JSON document on disk that survives power cuts: a write goes to a temporary file that is fsynced and
 * then renamed over the old one, so the file is always either the old or the new version. A file that does
 * not parse is set aside as {@code <name>.corrupt-<time>} with an ERROR line, never a crash.
 */
final class SettingsFile {
    private static final Logger LOG = LoggerFactory.getLogger(SettingsFile.class);
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private final Path file;
    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    SettingsFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    /** The stored document, or an empty map if there is none or it was corrupt (and has been set aside). */
    Map<String, Object> read() {
        if (!Files.exists(file)) {
            return new LinkedHashMap<>();
        }
        try {
            Map<String, Object> doc = mapper.readValue(file.toFile(), MAP);
            if (doc == null) {
                throw new IOException("the file holds no JSON object");
            }
            return doc;
        } catch (IOException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".corrupt-"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
            LOG.error("{} is corrupt ({}); moved it to {} and using the defaults", file, oneLine(e), aside);
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailed) {
                LOG.error("Could not move the corrupt {} aside: {}", file, moveFailed.getMessage());
            }
            return new LinkedHashMap<>();
        }
    }

    /** Makes the folder and every file in it readable by this user only (see {@link PrivateFiles}). */
    void secure() throws IOException {
        PrivateFiles.secure(file.getParent());
    }

    /**
     * Replaces the file. The temporary file is created private, and removed again if the write fails, so that a
     * failed write leaves the folder as it was.
     */
    void write(Map<String, Object> doc) throws IOException {
        PrivateFiles.secure(file.getParent());
        byte[] bytes = mapper.writeValueAsBytes(doc);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(tmp);
            try (FileChannel ch = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    PrivateFiles.fileAttributes(file.getParent()))) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(tmp);
            if (e instanceof AtomicMoveNotSupportedException) {
                throw new IOException("The settings folder does not support atomic renames: " + file.getParent(), e);
            }
            throw e;
        }
        syncDirectory(file.getParent());
    }

    /** What the operating system said went wrong, without the path. */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void deleteQuietly(Path tmp) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException e) {
            LOG.warn("Could not remove {} after a failed write: {}", tmp, e.getMessage());
        }
    }

    /** Makes the rename itself durable; without it a power cut can bring the old file back. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some filesystems cannot open a directory for sync; the rename is still atomic there.
            LOG.debug("Directory sync not supported on {}", dir);
        }
    }

    private static String oneLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
