package org.securitycam.api.media;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The only code that knows the media folders. Listings come from an index that the device's own writes keep up to
 * date, checked against outside changes with one stat of the folder per call, so a listing or a count does not
 * cost a stat per file. A file deleted or replaced behind the device's back is noticed on the next call.
 *
 * <p>Writers (the camera, the timelapse) take a fresh name with {@link #create}, write the file (under a hidden
 * temporary name first where it must appear whole), and call {@link #finish} when it is done. From
 * {@code create} to {@code finish} the file is in progress: it is listed, but never deleted.
 */
@ProviderType
public interface MediaStore {
    /** The folder of a kind, as configured now; it may not exist yet. */
    Path folder(MediaKind kind);

    /** The files of a kind, newest first (by modification time, then by name). */
    List<MediaFile> list(MediaKind kind);

    /** The files of a kind, oldest first: what retention deletes first. */
    List<MediaFile> oldestFirst(MediaKind kind);

    int count(MediaKind kind);

    /** How many files of every kind were modified after {@code since}. */
    int countNewerThan(Instant since);

    /**
     * A client's path, confined: an absolute path whose real path is a regular file directly in the kind's folder
     * and whose name has the kind's pattern.
     *
     * @throws MediaException {@code INVALID} for anything else (traversal, a link leaving the folder, a wrong name),
     *         {@code NOT_FOUND} for a valid path that does not exist
     */
    MediaFile resolve(MediaKind kind, String clientPath);

    /** The bare file name of a media file of that kind, resolved like {@link #resolve}. */
    MediaFile resolveName(MediaKind kind, String fileName);

    /**
     * Reserves a new file of the kind, named after {@code stamp} (recordings and snapshots a second later if the
     * name is taken; a timelapse by the stamp's date), and creates the kind's folder if needed. The file itself is
     * not created. It is in progress until {@link #finish}.
     *
     * @throws IOException if the folder cannot be created
     */
    Path create(MediaKind kind, LocalDateTime stamp) throws IOException;

    /**
     * Ends a file's progress. A file that exists and is not empty is indexed and announced on
     * {@code Topics.ARCHIVE_UPDATED}; an empty or missing one is removed with its sidecars, so a failed write
     * leaves nothing behind.
     *
     * @return true if the file was kept
     */
    boolean finish(Path file);

    /** Tells the index that the device changed a file or its sidecars in place (a remux, a completed meta). */
    void changed(Path file);

    /**
     * Deletes a media file with its sidecars. A sidecar that is a link is removed as a link; its target is never
     * touched.
     *
     * @return the bytes freed
     * @throws MediaException {@code IN_USE} while the file is in progress, {@code NOT_FOUND} if it is gone
     */
    long delete(MediaFile file);

    /** The filesystem of the save location. */
    DiskUsage usage() throws IOException;
}
