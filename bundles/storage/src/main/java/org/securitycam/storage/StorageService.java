package org.securitycam.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.securitycam.api.camera.RecordingGuard;
import org.securitycam.api.events.Topics;
import org.securitycam.api.media.DiskUsage;
import org.securitycam.api.media.MediaKind;
import org.securitycam.api.media.MediaStore;
import org.securitycam.api.settings.InvalidSettingsException;
import org.securitycam.api.settings.SettingsStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the disk of the save location from filling. Retention runs every five minutes, in the background before each
 * recording, and on request, always on the one worker thread: two runs never overlap, and at most one background
 * run waits for it. While auto-delete is off nothing is deleted, and a recording is refused while less than
 * 200 MB are free. Every run that deletes writes one INFO line and raises {@code archive_updated} of type
 * {@code deleted}.
 *
 * <p>The disk is the one that holds the save location itself: a save location that does not exist (a USB disk that
 * is not mounted) has no figures, never those of the disk its mount point is on.
 */
@Component(service = { StorageService.class, RecordingGuard.class, EventHandler.class },
        property = EventConstants.EVENT_TOPIC + "=" + Topics.SETTINGS_CHANGED)
public class StorageService implements RecordingGuard, EventHandler {
    static final long LOW_SPACE_BYTES = 200 * Units.MIB;
    static final long PERIOD_MINUTES = 5;
    private static final Logger LOG = LoggerFactory.getLogger(StorageService.class);

    /** What a requested cleanup did: {@code result} is null when auto-delete was off and nothing ran. */
    record Cleanup(StorageLimit limit, Retention.Result result) {
    }

    private final Supplier<Object> section;
    private final Retention.DiskMeasure disk;
    private final Consumer<Event> events;
    private final Retention retention;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "storage-retention");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean backgroundRunQueued = new AtomicBoolean();
    /** Read on the recording's thread, so kept here rather than asked of the store, which may be writing its file. */
    private volatile StorageLimit limit;
    /** The last reason a background run could not start, so that a disk that stays away is logged once. */
    private String lastFailure;

    @Activate
    public StorageService(@Reference MediaStore store, @Reference SettingsStore settings,
            @Reference EventAdmin events) {
        this(store, () -> saveLocationUsage(store), () -> settings.section(StorageLimit.SECTION), events::postEvent,
                Clock.systemUTC());
    }

    StorageService(MediaStore store, Retention.DiskMeasure disk, Supplier<Object> section, Consumer<Event> events,
            Clock clock) {
        this.section = section;
        this.disk = disk;
        this.events = events;
        this.retention = new Retention(store, disk, clock);
        this.limit = read(section.get());
        worker.scheduleWithFixedDelay(this::backgroundRun, PERIOD_MINUTES, PERIOD_MINUTES, TimeUnit.MINUTES);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        // A run in progress stops between two deletions.
        worker.shutdownNow();
        worker.awaitTermination(5, TimeUnit.SECONDS);
    }

    /**
     * The disk of the save location, which must be a readable folder.
     *
     * @throws IOException with a sentence for the user, if it is missing or unreadable
     */
    static DiskUsage saveLocationUsage(MediaStore store) throws IOException {
        Path folder = store.folder(MediaKind.RECORDING);
        if (!Files.exists(folder)) {
            throw new IOException("The save location " + folder + " does not exist");
        }
        if (!Files.isDirectory(folder) || !Files.isReadable(folder)) {
            throw new IOException("The save location " + folder + " is not a readable folder");
        }
        return store.usage();
    }

    @Override
    public void handleEvent(Event event) {
        if (event.getProperty(Topics.SECTIONS) instanceof Collection<?> sections
                && sections.contains(StorageLimit.SECTION)) {
            limit = read(section.get());
        }
    }

    /** The stored section; one the rules refuse (an edited file) counts as the defaults. */
    private static StorageLimit read(Object stored) {
        if (stored == null) {
            return StorageLimit.DEFAULTS;
        }
        try {
            return StorageLimit.validate(stored);
        } catch (InvalidSettingsException e) {
            LOG.warn("{} in settings.json is refused ({}); the defaults apply", StorageLimit.SECTION, e.getMessage());
            return StorageLimit.DEFAULTS;
        }
    }

    /**
     * Never waits for a deletion: with auto-delete on it only queues a background run (unless one is already
     * waiting); with it off it measures the disk, one system call.
     */
    @Override
    public String beforeRecording() {
        StorageLimit l = limit;
        if (l.enabled()) {
            requestBackgroundRun();
            return null;
        }
        try {
            return refusal(l, disk.measure());
        } catch (IOException e) {
            // No figures, no objection: the camera reports a save location it cannot write to.
            return null;
        }
    }

    /** Why a recording must not start under this limit on this disk, or null. */
    static String refusal(StorageLimit limit, DiskUsage usage) {
        if (limit.enabled() || usage.free() >= LOW_SPACE_BYTES) {
            return null;
        }
        return "Only " + Units.mb(usage.free()) + " MB free on the disk of the save location (under "
                + LOW_SPACE_BYTES / Units.MIB + " MB), and auto-delete is off";
    }

    private void requestBackgroundRun() {
        if (backgroundRunQueued.compareAndSet(false, true)) {
            try {
                worker.execute(() -> {
                    backgroundRunQueued.set(false);
                    backgroundRun();
                });
            } catch (RejectedExecutionException e) {
                // Deactivated: no more runs.
                backgroundRunQueued.set(false);
            }
        }
    }

    /** A run nobody waits for: its failures go to the log only. */
    private void backgroundRun() {
        try {
            run();
            lastFailure = null;
        } catch (IOException e) {
            if (!e.getMessage().equals(lastFailure)) {
                LOG.warn("Retention could not run: {}", e.getMessage());
            }
            lastFailure = e.getMessage();
        } catch (RuntimeException e) {
            // Caught so that the periodic run is not cancelled for good.
            LOG.error("Retention failed", e);
        }
    }

    /**
     * A run now, after any run in progress, waited for at most {@code timeout} (the run goes on after that).
     *
     * @throws IOException if the disk of the save location cannot be measured
     */
    Cleanup cleanup(long timeout, TimeUnit unit) throws IOException, TimeoutException, InterruptedException {
        Future<Cleanup> done = worker.submit(this::run);
        try {
            return done.get(timeout, unit);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("Retention failed", e.getCause());
        }
    }

    private Cleanup run() throws IOException {
        StorageLimit l = limit;
        if (!l.enabled()) {
            return new Cleanup(l, null);
        }
        Retention.Result r = retention.run(l);
        if (r.deleted() > 0) {
            LOG.info("Retention deleted {} media files and freed {} MB; the disk is {}% full (limit {}%{})",
                    r.deleted(), Units.mb(r.freed()), r.usage() == null ? "?" : Units.percent(r.usage()),
                    l.maxPercent(), l.maxDays() > 0 ? ", max_days " + l.maxDays() : "");
            events.accept(new Event(Topics.ARCHIVE_UPDATED,
                    Map.of("type", "deleted", "count", r.deleted(), "freed_mb", Units.mb(r.freed()))));
        }
        return new Cleanup(l, r);
    }

    /**
     * {@code GET /storage/status}: the limit, the disk's figures (null, with an {@code error}, when the save location
     * cannot be measured), and whether a recording may start.
     */
    Map<String, Object> status() {
        StorageLimit l = limit;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(StorageLimit.ENABLED, l.enabled());
        m.put(StorageLimit.MAX_PERCENT, l.maxPercent());
        m.put(StorageLimit.MAX_DAYS, l.maxDays());
        DiskUsage u = null;
        String error = null;
        try {
            u = disk.measure();
        } catch (IOException e) {
            error = e.getMessage();
        }
        m.put("disk_percent", u == null ? null : Units.percent(u));
        m.put("disk_total_gb", u == null ? null : Units.gb(u.total()));
        m.put("disk_used_gb", u == null ? null : Units.gb(u.used()));
        m.put("disk_free_gb", u == null ? null : Units.gb(u.free()));
        String refusal = u == null ? null : refusal(l, u);
        m.put("recording_allowed", refusal == null);
        if (refusal != null) {
            m.put("refusal", refusal);
        }
        if (error != null) {
            m.put("error", error);
        }
        return m;
    }
}
