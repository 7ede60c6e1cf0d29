package org.securitycam.camera;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

import org.securitycam.api.media.MediaException;
import org.securitycam.api.media.MediaFile;
import org.securitycam.api.media.MediaKind;
import org.securitycam.api.media.MediaStore;
import org.securitycam.api.media.Sidecar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completes the recordings that a hard stop (a power cut, a killed JVM) cut off: those whose meta has no
 * {@code stopped}, or that have no meta. Each is remuxed with faststart when it can be read (it was fragmented),
 * gets its sprite, and its meta is completed with {@code crash: true}, {@code stopped} (when the file was last
 * written) and the duration ffprobe reads; one WARNING line names it. Hidden temporaries that the hard stop left
 * are removed.
 *
 * <p>Only a hard stop leaves such a recording, and it is then among the newest: the search goes from the newest
 * recording back and ends after {@link #FINISHED_RUN} finished ones in a row, so a start does not read the meta of
 * every recording on the card.
 */
final class Recovery implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);
    static final int FINISHED_RUN = 10;
    private static final Pattern TEMPORARY = Pattern.compile("\\.(output|snapshot)_\\d{8}_\\d{6}\\..*"
            + Pattern.quote(AtomicFiles.TEMPORARY_SUFFIX));
    /** A temporary younger than this may belong to a write that is running now. */
    private static final Duration STALE = Duration.ofMinutes(1);
    private static final Duration REMUX_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration SPRITE_TIMEOUT = Duration.ofMinutes(2);

    private final MediaStore store;
    private final PostProcess post;
    private final BooleanSupplier stopping;
    private final ZoneId zone;

    /** @param stopping true once the camera is going away: the work ends, and what is left waits for the next start */
    Recovery(MediaStore store, PostProcess post, BooleanSupplier stopping, ZoneId zone) {
        this.store = store;
        this.post = post;
        this.stopping = stopping;
        this.zone = zone;
    }

    @Override
    public void run() {
        try {
            removeTemporaries(store.folder(MediaKind.RECORDING));
            int finishedInARow = 0;
            for (MediaFile file : store.list(MediaKind.RECORDING)) {
                if (stopping.getAsBoolean() || finishedInARow >= FINISHED_RUN) {
                    return;
                }
                if (file.inProgress()) {
                    continue;
                }
                Map<String, Object> meta = file.meta().orElse(Map.of());
                if (Meta.finished(meta)) {
                    finishedInARow++;
                    continue;
                }
                finishedInARow = 0;
                recover(file, meta);
            }
        } catch (RuntimeException e) {
            LOG.error("Could not look for cut-off recordings", e);
        }
    }

    private void recover(MediaFile file, Map<String, Object> found) {
        Path video = file.path();
        String name = video.getFileName().toString();
        try {
            if (file.size() == 0) {
                store.delete(file);
                LOG.warn("Recording {} was cut off by a hard stop before any video was written; removed", name);
                return;
            }
            Instant stopped = Files.getLastModifiedTime(video).toInstant();
            List<String> problems = new ArrayList<>();
            addProblem(problems, post.faststart(video, REMUX_TIMEOUT));
            if (stopping.getAsBoolean()) {
                return; // its meta still says it was cut off: the next start finishes it
            }
            double duration = post.duration(video, PROBE_TIMEOUT);
            if (duration < 0) {
                problems.add("ffprobe cannot read its duration");
            } else if (file.sidecar(Sidecar.SPRITE).isEmpty()) {
                addProblem(problems, post.sprite(video, duration, SPRITE_TIMEOUT));
            }
            if (stopping.getAsBoolean() || !Files.exists(video)) {
                return; // deleted meanwhile: no meta without its recording
            }
            Map<String, Object> meta = Meta.completed(Meta.recovered(found, video, zone), stopped, duration, true);
            Meta.write(video, meta);
            store.changed(video);
            LOG.warn("Recording {} was cut off by a hard stop; kept as crashed: {} s, reason {}{}", name,
                    meta.get(Meta.DURATION), meta.get(Meta.REASON),
                    problems.isEmpty() ? "" : " (" + String.join("; ", problems) + ")");
        } catch (IOException | MediaException e) {
            LOG.warn("Recording {} was cut off by a hard stop and could not be completed: {}", name,
                    e instanceof IOException io ? AtomicFiles.reason(io) : e.getMessage());
        }
    }

    private static void addProblem(List<String> problems, String problem) {
        if (problem != null) {
            problems.add(problem);
        }
    }

    private void removeTemporaries(Path folder) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        Instant before = Instant.now().minus(STALE);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, ".*")) {
            for (Path p : files) {
                if (TEMPORARY.matcher(p.getFileName().toString()).matches() && Files.isRegularFile(p)
                        && Files.getLastModifiedTime(p).toInstant().isBefore(before)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            LOG.debug("Could not clear old temporaries in {}: {}", folder, e.getMessage());
        }
    }
}
