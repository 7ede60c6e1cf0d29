package org.securitycam.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.securitycam.api.media.DiskUsage;
import org.securitycam.api.media.MediaException;
import org.securitycam.api.media.MediaFile;
import org.securitycam.api.media.MediaKind;
import org.securitycam.api.media.MediaStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention over the media store, one run per call. First by age: every file older than {@code max_days} goes.
 * Then by disk use: while the disk is fuller than {@code max_percent}, the oldest file goes, and the disk is measured
 * again after each deletion, so the run stops as soon as it is at or below the limit. Recordings go first (oldest
 * first, with their sidecars), then timelapses, then snapshots.
 *
 * <p>Only the store lists and deletes, so nothing outside the media folders and no link's target is touched. A file in
 * progress is passed over; a file that vanished or could not be deleted is skipped with a WARNING, and the run goes
 * on. An interrupted thread stops the run between two deletions.
 */
final class Retention {
    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
    /** What goes first when the disk is too full. */
    static final List<MediaKind> ORDER = List.of(MediaKind.RECORDING, MediaKind.TIMELAPSE, MediaKind.SNAPSHOT);

    /** How full the disk of the save location is now. */
    @FunctionalInterface
    interface DiskMeasure {
        DiskUsage measure() throws IOException;
    }

    /**
     * What a run did.
     *
     * @param deleted the media files deleted (their sidecars not counted)
     * @param freed the bytes of those files and their sidecars
     * @param skipped the files that could not be deleted
     * @param usage the disk when the run ended; null if it could no longer be measured, which ends the run
     */
    record Result(int deleted, long freed, int skipped, DiskUsage usage) {
    }

    private final MediaStore store;
    private final DiskMeasure disk;
    private final Clock clock;

    /** What the run in progress has done so far. */
    private static final class Tally {
        int deleted;
        long freed;
        int skipped;
    }

    Retention(MediaStore store, DiskMeasure disk, Clock clock) {
        this.store = store;
        this.disk = disk;
        this.clock = clock;
    }

    /** @throws IOException if the disk cannot be measured at the start; nothing is deleted then */
    Result run(StorageLimit limit) throws IOException {
        Tally tally = new Tally();
        DiskUsage usage = disk.measure();
        if (limit.maxDays() > 0) {
            Instant cutoff = clock.instant().minus(Duration.ofDays(limit.maxDays()));
            for (MediaKind kind : ORDER) {
                for (MediaFile f : store.oldestFirst(kind)) {
                    if (!f.modified().isBefore(cutoff) || Thread.currentThread().isInterrupted()) {
                        break;
                    }
                    delete(f, tally);
                }
            }
            if (tally.deleted > 0) {
                usage = measureAgain();
            }
        }
        for (MediaKind kind : ORDER) {
            // Checked before each listing too: a folder just changed is read again whole.
            if (!tooFull(usage, limit)) {
                break;
            }
            for (MediaFile f : store.oldestFirst(kind)) {
                if (!tooFull(usage, limit)) {
                    break;
                }
                if (delete(f, tally)) {
                    usage = measureAgain();
                }
            }
        }
        return new Result(tally.deleted, tally.freed, tally.skipped, usage);
    }

    /** Whether the run must go on deleting: the disk is above the limit, and the run was not interrupted. */
    private static boolean tooFull(DiskUsage usage, StorageLimit limit) {
        return usage != null && usage.percent() > limit.maxPercent() && !Thread.currentThread().isInterrupted();
    }

    /** The disk after a deletion; null, logged, if it went away meanwhile (a USB disk pulled out). */
    private DiskUsage measureAgain() {
        try {
            return disk.measure();
        } catch (IOException e) {
            LOG.warn("Retention stopped: the disk of the save location can no longer be measured: {}", e.getMessage());
            return null;
        }
    }

    /** @return true if the file is gone now */
    private boolean delete(MediaFile f, Tally tally) {
        if (f.inProgress()) {
            return false;
        }
        try {
            tally.freed += store.delete(f);
            tally.deleted++;
            return true;
        } catch (MediaException e) {
            if (e.reason() == MediaException.Reason.IN_USE) {
                // It began to be written after it was listed: passed over like any file in progress.
                return false;
            }
            LOG.warn("Retention skipped {}: it vanished during the run", f.path().getFileName());
        } catch (UncheckedIOException e) {
            LOG.warn("Retention skipped a file: {}", e.getMessage());
        }
        tally.skipped++;
        return false;
    }
}
