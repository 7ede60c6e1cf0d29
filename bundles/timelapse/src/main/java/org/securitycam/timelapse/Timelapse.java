package org.securitycam.timelapse;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.securitycam.api.camera.CameraException;
import org.securitycam.api.camera.CameraFrames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The timelapse's schedule: one task on the scheduler per capture, never a loop that polls. Each tick captures a
 * frame (while enabled) and has every day before today stitched; while disabled, the one tick is at midnight. The
 * next capture is due one interval after the last one began (on disk, the newest frame's time, after a restart),
 * so a changed interval takes effect at once. Days are stitched one at a time, oldest first, on a worker of their
 * own, so a stitch never delays a capture; a day that fails is left as it is until the next start.
 *
 * <p>Time comes from the {@link Clock} it is given, so that a test can move it past midnight.
 */
final class Timelapse {
    private static final Logger LOG = LoggerFactory.getLogger(Timelapse.class);

    /** What {@code GET /timelapse/status} shows besides the settings. */
    record Status(TimelapseSettings settings, int todayFrameCount, Instant lastCapture) {
    }

    private final Clock clock;
    private final Supplier<TimelapseSettings> settings;
    private final Supplier<CameraFrames> camera;
    private final DayFolders days;
    private final Stitcher stitcher;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService stitching;
    private final long minuteMillis;

    // Guarded by this.
    private ScheduledFuture<?> next;
    /** When the last capture began: the next one is due an interval later. */
    private Instant lastTick;
    private boolean failing;
    private boolean stitchQueued;
    private boolean stitchAgain;
    /** Days whose stitch failed since the start: left alone until the next one. */
    private final Set<LocalDate> failed = new HashSet<>();

    /**
     * @param minuteMillis how long one minute of {@code interval_minutes} lasts on the scheduler
     */
    Timelapse(Clock clock, Supplier<TimelapseSettings> settings, Supplier<CameraFrames> camera, DayFolders days,
            Stitcher stitcher, ScheduledExecutorService scheduler, ExecutorService stitching, long minuteMillis) {
        this.clock = clock;
        this.settings = settings;
        this.camera = camera;
        this.days = days;
        this.stitcher = stitcher;
        this.scheduler = scheduler;
        this.stitching = stitching;
        this.minuteMillis = minuteMillis;
    }

    /** At start: the last capture from disk, older days stitched, the first tick scheduled. */
    void start() {
        try {
            days.newestFrame().ifPresent(t -> {
                synchronized (this) {
                    lastTick = t;
                }
            });
        } catch (IOException e) {
            LOG.warn("Cannot read the timelapse frames: {}", DayFolders.reason(e));
        }
        stitchOlderDays();
        reschedule();
    }

    /** The settings or the save location changed: the next tick is computed again. */
    synchronized void reschedule() {
        if (next != null) {
            next.cancel(false);
        }
        Instant now = clock.instant();
        TimelapseSettings s = settings.get();
        Instant due;
        if (s.enabled()) {
            due = lastTick == null ? now : lastTick.plusMillis(s.intervalMinutes() * minuteMillis);
        } else {
            due = LocalDate.now(clock).plusDays(1).atStartOfDay(clock.getZone()).toInstant();
        }
        long delay = Math.max(0, Duration.between(now, due).toMillis());
        try {
            next = scheduler.schedule(this::tick, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            next = null; // stopping
        }
    }

    /** One tick: a frame if enabled, the finished days stitched, the next tick scheduled. */
    void tick() {
        TimelapseSettings s = settings.get();
        if (s.enabled()) {
            capture(s);
        }
        stitchOlderDays();
        reschedule();
    }

    /** Grabs one stamped frame at the configured size into today's folder. */
    private void capture(TimelapseSettings s) {
        Instant began = clock.instant();
        synchronized (this) {
            lastTick = began;
        }
        LocalDateTime time = LocalDateTime.ofInstant(began, clock.getZone());
        String problem;
        try {
            CameraFrames frames = camera.get();
            if (frames == null) {
                throw new CameraException("no camera is installed");
            }
            days.write(time, frames.grab(s.width(), s.height(), true));
            problem = null;
        } catch (CameraException e) {
            problem = e.getMessage();
        } catch (IOException e) {
            problem = "cannot save it: " + DayFolders.reason(e);
        } catch (RuntimeException e) {
            problem = e.toString();
        }
        synchronized (this) {
            if (problem != null && !failing) {
                LOG.warn("No timelapse frame: {}; the next failures are not logged until a frame is captured again",
                        problem);
            } else if (problem == null && failing) {
                LOG.info("Timelapse frames are captured again");
            }
            failing = problem != null;
        }
    }

    /** Has every day before today stitched on the worker; a request while it runs makes it look again after. */
    void stitchOlderDays() {
        synchronized (this) {
            if (stitchQueued) {
                stitchAgain = true;
                return;
            }
            stitchQueued = true;
        }
        try {
            stitching.execute(this::stitchRun);
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                stitchQueued = false;
            }
        }
    }

    private void stitchRun() {
        try {
            boolean again = true;
            while (again) {
                stitchDays();
                synchronized (this) {
                    again = stitchAgain;
                    stitchAgain = false;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            synchronized (this) {
                stitchQueued = false;
            }
        }
    }

    private void stitchDays() throws InterruptedException {
        LocalDate today = LocalDate.now(clock);
        List<DayFolders.Day> older;
        try {
            older = days.days().stream().filter(d -> d.date().isBefore(today)).toList();
        } catch (IOException e) {
            LOG.warn("Cannot read the timelapse frames: {}", DayFolders.reason(e));
            return;
        }
        for (DayFolders.Day day : older) {
            synchronized (this) {
                if (failed.contains(day.date())) {
                    continue;
                }
            }
            long begun = System.nanoTime();
            Stitcher.Result r = stitcher.stitch(day, settings.get().fps());
            if (r.ok()) {
                if (r.frames() > 0) {
                    LOG.info("Timelapse of {} stitched: {} frames in {} ms", day.date(), r.frames(),
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begun));
                }
            } else {
                synchronized (this) {
                    failed.add(day.date());
                }
                LOG.error("The timelapse of {} could not be stitched ({}); its frames are kept and it is tried again "
                        + "at the next start", day.date(), r.error());
            }
        }
    }

    /** The settings, today's frames counted on disk, and the time of the newest frame on disk. */
    Status status() throws IOException {
        return new Status(settings.get(), days.count(LocalDate.now(clock)), days.newestFrame().orElse(null));
    }

    synchronized void stop() {
        if (next != null) {
            next.cancel(false);
            next = null;
        }
    }
}
