package org.securitycam.camera;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.FieldOption;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.securitycam.api.camera.CameraException;
import org.securitycam.api.camera.CameraFrames;
import org.securitycam.api.camera.Recorder;
import org.securitycam.api.camera.RecordingGuard;
import org.securitycam.api.camera.RecordingStatus;
import org.securitycam.api.events.Topics;
import org.securitycam.api.media.MediaKind;
import org.securitycam.api.media.MediaStore;
import org.securitycam.api.media.Sidecar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The camera on ffmpeg child processes. A recording is written through the {@link MediaStore} as fragmented MP4
 * that reaches the disk packet by packet, so a power cut leaves a playable file. Its meta is written as it starts
 * (reason, sensor type, start time) and its thumbnail taken; when it stops it is remuxed with faststart, gets its
 * sprite, and its meta is completed.
 *
 * <p>The rules of a recording's life:
 * <ul>
 * <li>Before a recording starts, every {@link RecordingGuard} is asked; a refusal ends the start with one WARNING
 * line giving the reason and a {@code Topics.RECORDING_REFUSED} event.
 * <li>A clean stop of the camera (the device stopping, the bundle updated) finishes the running recording before
 * the camera goes away, within {@link #CLEAN_STOP} of the stop, and it is not marked as crashed.
 * <li>A recording cut off by a hard stop is found by the next start and completed in the background as crashed.
 * <li>While the camera stream is down and the recording is still wanted, ffmpeg is started again after 1, 2, 4 ...
 * up to 30 s; the recording stays on throughout, and each cut file is finished as crashed.
 * <li>A recording that cannot be written (disk full, folder gone or read-only) ends: one ERROR line names the
 * cause, and no empty file is left.
 * </ul>
 */
@Component(service = { Recorder.class, CameraFrames.class, FfmpegCamera.class },
        configurationPid = "securitycam.camera")
@Designate(ocd = CameraConfig.class)
public class FfmpegCamera implements Recorder, CameraFrames {
    private static final Logger LOG = LoggerFactory.getLogger(FfmpegCamera.class);
    /** How long a clean stop of the camera may take, the running recording finished. */
    static final Duration CLEAN_STOP = Duration.ofSeconds(14);
    /** At a clean stop, the time kept for the meta once the remux and the sprite had theirs. */
    private static final Duration META_RESERVE = Duration.ofMillis(1500);
    private static final Duration FRAME_TIMEOUT = Duration.ofSeconds(TIMEOUT_SECONDS);
    private static final Duration LIVE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration QUIT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REMUX_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration SPRITE_TIMEOUT = Duration.ofMinutes(2);
    /** Below this much free space a recording is not started: it would fail at once. */
    static final long MIN_FREE_BYTES = 1024 * 1024;
    private static final long MAX_BACKOFF_SECONDS = 30;

    private final MediaStore store;
    private final EventAdmin events;
    private final FfmpegCommands commands;
    private final int maxLengthMinutes;
    /** Where a recording's ffmpeg writes its error output; null if the framework gives no data folder. */
    private final Path errorLogs;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            r -> daemon(r, "camera-timer"));
    /** Thumbnails, then the finishing of each recording, in order. */
    private final ExecutorService finisher = Executors.newSingleThreadExecutor(r -> daemon(r, "camera-finish"));
    private final ExecutorService recoverer = Executors.newSingleThreadExecutor(r -> daemon(r, "camera-recovery"));
    private final Ffmpeg ffmpeg = new Ffmpeg(timers);
    /** The recovery's own processes, so that a clean stop ends them at once without touching the finishing. */
    private final Ffmpeg recoveryFfmpeg = new Ffmpeg(timers);
    private final PostProcess post;
    private final Frames frames;
    private final LiveFrames live;
    // Optional, multiple and dynamic: the features that may refuse a recording (the storage limit) are installed or
    // not, and come and go while the camera runs.
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, fieldOption = FieldOption.UPDATE)
    private final List<RecordingGuard> guards = new CopyOnWriteArrayList<>();
    /** Set when a clean stop begins: the finishing of the recordings must be done by then. */
    private volatile long deadlineNanos = Long.MAX_VALUE;
    private volatile boolean closing;

    // Guarded by this.
    private Recording current;
    /** Why a recording is wanted, from start() until stop(); it outlives a crashed ffmpeg while it is retried. */
    private String wanted;
    private String wantedSensorType;
    private Instant wantedSince;
    private long backoffSeconds;
    private ScheduledFuture<?> retry;
    private String lastFailure = "see the log";
    /** The HTTP status that tells a client what kind of failure the last one was. */
    private int lastFailureStatus = 503;
    /** Recordings whose file is not finished yet, the current one included. */
    private final List<Recording> unfinished = new ArrayList<>();

    @Activate
    public FfmpegCamera(BundleContext context, @Reference MediaStore store, @Reference EventAdmin events,
            CameraConfig config) {
        this.store = store;
        this.events = events;
        String source = config.source().isBlank()
                ? ("pi".equals(context.getProperty("securitycam.profile")) ? "rtsp://localhost:8554/cam"
                        : FfmpegCommands.TEST_PATTERN)
                : config.source();
        this.commands = new FfmpegCommands(config.ffmpeg_path(), config.ffprobe_path(), source,
                config.rtsp_transport(), config.testpattern_size());
        this.post = new PostProcess(ffmpeg, commands);
        this.frames = new Frames(ffmpeg, commands);
        this.maxLengthMinutes = config.max_length_minutes();
        this.errorLogs = errorLogFolder(context);
        this.live = new LiveFrames(() -> frames.grab(0, 0, false, LIVE_TIMEOUT), TimeUnit.SECONDS.toNanos(1),
                LIVE_TIMEOUT.toNanos(), System::nanoTime);
        recoverer.execute(new Recovery(store, new PostProcess(recoveryFfmpeg, commands), () -> closing,
                ZoneId.systemDefault()));
        recoverer.shutdown();
    }

    /**
     * Finishes the running recording before the camera goes away: ffmpeg is asked to quit, the file remuxed, its
     * sprite made and its meta completed, all within {@link #CLEAN_STOP}; what is still running then is killed.
     */
    @Deactivate
    void deactivate() {
        long begun = System.nanoTime();
        deadlineNanos = begun + CLEAN_STOP.toNanos();
        closing = true;
        recoveryFfmpeg.close();
        List<CompletableFuture<Void>> waiting = new ArrayList<>();
        synchronized (this) {
            stop();
            unfinished.forEach(r -> waiting.add(r.finished));
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new));
        if (!await(all, deadlineNanos - META_RESERVE.toNanos())) {
            LOG.warn("Finishing the recordings takes too long; cutting their remux and sprite short");
            ffmpeg.killAll();
            await(all, deadlineNanos);
        }
        boolean allFinished;
        synchronized (this) {
            allFinished = unfinished.isEmpty();
            for (Recording r : unfinished) {
                LOG.warn("Recording {} was not finished before the camera stopped; the next start completes it",
                        r.file.getFileName());
                r.process.destroyForcibly();
                store.finish(r.file);
            }
        }
        ffmpeg.close();
        finisher.shutdownNow();
        recoverer.shutdownNow();
        timers.shutdownNow();
        if (!waiting.isEmpty() && allFinished) {
            LOG.info("Camera stopped in {} ms, its recording finished",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begun));
        }
    }

    @Override
    public synchronized boolean start(String reason, String sensorType) {
        if (closing) {
            lastFailure = "the camera is stopping";
            lastFailureStatus = 503;
            return false;
        }
        if (wanted != null) {
            return reason.equals(wanted);
        }
        String refusal = refusal();
        if (refusal != null) {
            lastFailure = refusal;
            lastFailureStatus = 507; // only the storage limit objects, when the disk is nearly full
            return false;
        }
        try {
            startProcess(reason, sensorType);
        } catch (StartFailure e) {
            lastFailure = e.getMessage();
            lastFailureStatus = e.unwritable ? 507 : 503;
            events.postEvent(new Event(Topics.RECORDING_REFUSED, Map.of("reason", e.getMessage())));
            return false;
        }
        wanted = reason;
        wantedSensorType = sensorType;
        wantedSince = current.started;
        backoffSeconds = 0;
        post(state(current, true));
        return true;
    }

    @Override
    public synchronized void stop() {
        cancelRetry();
        String was = wanted;
        Recording r = current;
        wanted = null;
        wantedSensorType = null;
        current = null;
        if (r != null) {
            quit(r);
        }
        // Posted here rather than when ffmpeg ends, so it cannot overtake the start of the next recording.
        if (was != null) {
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("recording", false);
            state.put("reason", was);
            if (r != null) {
                state.put("path", r.file.toString());
            }
            post(state);
        }
    }

    @Override
    public synchronized String activeReason() {
        return wanted;
    }

    @Override
    public synchronized RecordingStatus status() {
        if (wanted == null) {
            return RecordingStatus.IDLE;
        }
        // While ffmpeg is being started again there is no file, but the recording is still on since it is wanted.
        return new RecordingStatus(true, wantedSince, wanted, current == null ? null : current.file);
    }

    /** Why the last start() returned false, for the user. */
    synchronized String lastFailure() {
        return lastFailure;
    }

    /**
     * What kind of failure the last start() met, as an HTTP status: 507 when the recording cannot be stored (no
     * space, a folder that cannot be written), 503 when the camera or ffmpeg cannot record now.
     */
    synchronized int lastFailureStatus() {
        return lastFailureStatus;
    }

    @Override
    public Path snapshot() throws CameraException {
        LocalDateTime stamp = LocalDateTime.now();
        byte[] jpeg = grab(0, 0, false);
        Path file;
        try {
            file = store.create(MediaKind.SNAPSHOT, stamp);
        } catch (IOException e) {
            throw new CameraException("Cannot save the snapshot in " + store.folder(MediaKind.SNAPSHOT) + ": "
                    + AtomicFiles.reason(e));
        }
        try {
            AtomicFiles.write(file, jpeg);
        } catch (IOException e) {
            throw new CameraException("Cannot save the snapshot in " + file.getParent() + ": " + AtomicFiles.reason(e));
        } finally {
            store.finish(file);
        }
        return file;
    }

    @Override
    public byte[] live() throws CameraException {
        return live.get();
    }

    @Override
    public byte[] grab(int width, int height, boolean stamped) throws CameraException {
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("A frame size cannot be negative: " + width + "x" + height);
        }
        return frames.grab(width, height, stamped, FRAME_TIMEOUT);
    }

    /**
     * Starts one ffmpeg recording into a new file, with its meta written and its thumbnail on the way; sets
     * {@link #current}. Called with the lock held.
     *
     * @throws StartFailure with the cause logged as an ERROR
     */
    private void startProcess(String reason, String sensorType) throws StartFailure {
        Path folder = store.folder(MediaKind.RECORDING);
        String unwritable = unwritable(folder);
        if (unwritable != null) {
            throw StartFailure.logged(true, "cannot write to " + folder + ": " + unwritable);
        }
        Path file;
        try {
            file = store.create(MediaKind.RECORDING, LocalDateTime.now());
        } catch (IOException e) {
            throw StartFailure.logged(true, "cannot write to " + folder + ": " + AtomicFiles.reason(e));
        }
        Instant started = Instant.now();
        Path errorLog = errorLogs == null ? null : errorLogs.resolve(file.getFileName() + ".log");
        Process process;
        try {
            process = ffmpeg.startLong(commands.record(file), errorLog);
        } catch (CameraException e) {
            store.finish(file);
            throw StartFailure.logged(false, e.getMessage());
        }
        Map<String, Object> meta = Meta.atStart(reason, sensorType, started);
        try {
            Meta.write(file, meta);
        } catch (IOException e) {
            process.destroyForcibly();
            process.onExit().thenRun(() -> {
                AtomicFiles.deleteQuietly(file);
                store.finish(file);
            });
            throw StartFailure.logged(true, "cannot write to " + folder + ": " + AtomicFiles.reason(e));
        }
        Recording r = new Recording(file, reason, meta, started, process, errorLog);
        current = r;
        unfinished.add(r);
        r.rollover = timers.schedule(() -> rollOver(r), maxLengthMinutes, TimeUnit.MINUTES);
        // On the timer's thread: the callback never runs inline here, while this start is still half done.
        process.onExit().whenCompleteAsync((p, e) -> ended(r), timers);
        finisher.execute(() -> thumbnail(r));
        LOG.info("Recording {} started ({})", file.getFileName(), reason);
    }

    /**
     * The first objection of a {@link RecordingGuard} to a new recording, logged as a WARNING and announced on
     * {@link Topics#RECORDING_REFUSED}; null if none objects. A guard that throws has no objection.
     */
    private String refusal() {
        for (RecordingGuard guard : guards) {
            String reason;
            try {
                reason = guard.beforeRecording();
            } catch (RuntimeException e) {
                LOG.warn("A recording guard failed; it does not object: {}", e.toString());
                continue;
            }
            if (reason != null) {
                LOG.warn("Recording refused: {}", reason);
                events.postEvent(new Event(Topics.RECORDING_REFUSED, Map.of("reason", reason)));
                return reason;
            }
        }
        return null;
    }

    /** Why nothing can be recorded into {@code folder}, or null if it looks writable and has room. */
    private String unwritable(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            return AtomicFiles.reason(e);
        }
        if (!Files.isDirectory(folder) || !Files.isWritable(folder)) {
            return "Permission denied";
        }
        try {
            long free = Files.getFileStore(folder).getUsableSpace();
            if (free < MIN_FREE_BYTES) {
                return "No space left on device (" + free + " bytes free)";
            }
        } catch (IOException e) {
            return AtomicFiles.reason(e);
        }
        return null;
    }

    /** Asks ffmpeg to quit, so it closes the file; kills it if it does not within {@link #QUIT_TIMEOUT}. */
    private void quit(Recording r) {
        r.stopRequested = true;
        r.rollover.cancel(false);
        try (OutputStream in = r.process.getOutputStream()) {
            in.write("q\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            r.process.destroy(); // ffmpeg already closed its input: ask it with SIGTERM instead
        }
        try {
            r.quitKill = timers.schedule(() -> {
                if (r.process.isAlive()) {
                    LOG.warn("ffmpeg did not stop within {} s; killing it", QUIT_TIMEOUT.toSeconds());
                    r.process.destroyForcibly();
                }
            }, QUIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            r.process.destroyForcibly();
        }
    }

    /** ffmpeg ended, however it ended: decide what follows, then finish the file in the background. */
    private void ended(Recording r) {
        int exit = r.process.exitValue();
        Instant stopped = Instant.now();
        String cause = Ffmpeg.cause(Ffmpeg.readAndRemove(r.errorLog));
        boolean crash;
        synchronized (this) {
            if (r.quitKill != null) {
                r.quitKill.cancel(false);
            }
            r.rollover.cancel(false);
            boolean successor = current != null && current != r;
            if (current == r) {
                current = null;
            }
            // ffmpeg stops cleanly on SIGTERM, as a service manager sends it to every process of the device.
            boolean signalled = !r.stopRequested && exit == Ffmpeg.SIGNALLED_EXIT;
            crash = !r.stopRequested && !signalled;
            if (!r.stopRequested && !closing && !successor && wanted != null) {
                String folderProblem = Ffmpeg.writeFailure(cause) ? cause
                        : unwritable(store.folder(MediaKind.RECORDING));
                if (folderProblem != null) {
                    LOG.error("Recording {} failed: cannot write to {}: {}", r.file.getFileName(),
                            r.file.getParent(), folderProblem);
                    endWanted(r, "cannot write to " + r.file.getParent() + ": " + folderProblem);
                } else if (signalled) {
                    LOG.warn("Recording {} ended: ffmpeg was stopped from outside", r.file.getFileName());
                    endWanted(r, null);
                } else {
                    LOG.error("Recording {} ended unexpectedly: ffmpeg exited with {}: {}", r.file.getFileName(),
                            exit, cause);
                    scheduleRetry(Duration.between(r.started, stopped));
                }
            }
        }
        try {
            finisher.execute(() -> finish(r, stopped, crash));
        } catch (RejectedExecutionException e) {
            r.finished.complete(null);
        }
    }

    /**
     * The wanted recording ended for good: nothing more is tried until the next start(). {@code error} names why it
     * failed, or is null when it was stopped from outside. Lock held.
     */
    private void endWanted(Recording r, String error) {
        String was = wanted;
        wanted = null;
        wantedSensorType = null;
        cancelRetry();
        Map<String, Object> state = state(r, false);
        state.put("reason", was);
        if (error != null) {
            state.put("error", error);
        }
        post(state);
    }

    private void thumbnail(Recording r) {
        if (closing || !r.process.isAlive()) {
            return;
        }
        Path thumb = AtomicFiles.sidecar(r.file, Sidecar.THUMBNAIL);
        try {
            AtomicFiles.write(thumb, frames.grab(FfmpegCommands.THUMBNAIL_WIDTH, 0, false, FRAME_TIMEOUT));
        } catch (CameraException e) {
            LOG.warn("No thumbnail for {}: {}", r.file.getFileName(), e.getMessage());
        } catch (IOException e) {
            LOG.warn("No thumbnail for {}: {}", r.file.getFileName(), AtomicFiles.reason(e));
        }
    }

    /** Remux, sprite, meta, then the store is told the file is done (which removes it if it stayed empty). */
    private void finish(Recording r, Instant stopped, boolean crash) {
        String name = r.file.getFileName().toString();
        try {
            if (!hasData(r.file)) {
                LOG.info("Recording {} holds no video; removed", name);
                return;
            }
            List<String> problems = new ArrayList<>();
            String remux = post.faststart(r.file, budget(REMUX_TIMEOUT));
            if (remux != null) {
                problems.add(remux + " (it stays fragmented)");
            }
            double duration = post.duration(r.file, budget(PROBE_TIMEOUT, Duration.ofMillis(300)));
            String sprite = duration < 0 ? "ffprobe cannot read its duration"
                    : post.sprite(r.file, duration, budget(SPRITE_TIMEOUT));
            if (sprite != null) {
                problems.add(sprite);
            }
            Map<String, Object> meta = Meta.completed(r.meta, stopped, duration, crash);
            try {
                Meta.write(r.file, meta);
            } catch (IOException e) {
                problems.add("no meta: " + AtomicFiles.reason(e));
            }
            String details = problems.isEmpty() ? "" : " (" + String.join("; ", problems) + ")";
            if (problems.isEmpty()) {
                LOG.info("Recording {} finished: {} s{}", name, meta.get(Meta.DURATION), crash ? ", crashed" : "");
            } else {
                LOG.warn("Recording {} finished: {} s{}{}", name, meta.get(Meta.DURATION), crash ? ", crashed" : "",
                        details);
            }
        } catch (RuntimeException e) {
            LOG.error("Recording {} could not be finished", name, e);
        } finally {
            store.finish(r.file);
            synchronized (this) {
                unfinished.remove(r);
            }
            r.finished.complete(null);
        }
    }

    private static boolean hasData(Path file) {
        try {
            return Files.size(file) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** A step's timeout: its own, or what is left before a clean stop's deadline (keeping time for the meta). */
    private Duration budget(Duration own) {
        return budget(own, META_RESERVE);
    }

    private Duration budget(Duration own, Duration reserve) {
        long deadline = deadlineNanos;
        if (deadline == Long.MAX_VALUE) {
            return own;
        }
        long left = deadline - reserve.toNanos() - System.nanoTime();
        return Duration.ofNanos(Math.max(TimeUnit.MILLISECONDS.toNanos(1), Math.min(own.toNanos(), left)));
    }

    /**
     * While the camera stream is down, tries again after 1, 2, 4 ... up to 30 s; a segment that ran for a minute
     * resets the wait. The recording stays wanted, so the sensor manager sees it as running throughout. Lock held.
     */
    private void scheduleRetry(Duration ran) {
        backoffSeconds = ran.toSeconds() >= 60 || backoffSeconds == 0 ? 1
                : Math.min(backoffSeconds * 2, MAX_BACKOFF_SECONDS);
        LOG.warn("Recording again in {} s", backoffSeconds);
        retry = timers.schedule(this::retryNow, backoffSeconds, TimeUnit.SECONDS);
    }

    private synchronized void retryNow() {
        retry = null;
        if (wanted == null || current != null || closing) {
            return;
        }
        startAgain(null);
    }

    /** Starts the next file of the wanted recording: after a crash, or when one reached the maximum length. */
    private void startAgain(Recording previous) {
        try {
            startProcess(wanted, wantedSensorType);
        } catch (StartFailure e) {
            if (e.unwritable) {
                endWanted(previous, e.getMessage());
            } else {
                scheduleRetry(Duration.ZERO);
            }
        }
    }

    private void rollOver(Recording r) {
        synchronized (this) {
            if (current != r || closing) {
                return;
            }
            LOG.info("Recording {} reached {} minutes; continuing in a new file", r.file.getFileName(),
                    maxLengthMinutes);
            current = null;
            quit(r);
            startAgain(r);
        }
    }

    private void cancelRetry() {
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
    }

    private boolean await(CompletableFuture<Void> all, long untilNanos) {
        try {
            all.get(Math.max(0, untilNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Map<String, Object> state(Recording r, boolean recording) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("recording", recording);
        if (r != null) {
            m.put("path", r.file.toString());
            m.put("reason", r.reason);
            m.put("started_at", r.started.toString());
        }
        return m;
    }

    private void post(Map<String, Object> properties) {
        events.postEvent(new Event(Topics.RECORDING_STATE, properties));
    }

    /** A folder in the bundle's data area for ffmpeg's error output, emptied of what an earlier run left. */
    private static Path errorLogFolder(BundleContext context) {
        File data = context.getDataFile("ffmpeg");
        if (data == null) {
            return null;
        }
        Path dir = data.toPath();
        try {
            Files.createDirectories(dir);
            try (var old = Files.newDirectoryStream(dir, "*.log")) {
                for (Path p : old) {
                    Files.deleteIfExists(p);
                }
            }
            return dir;
        } catch (IOException e) {
            LOG.warn("ffmpeg's error output goes nowhere: cannot use {}: {}", dir, AtomicFiles.reason(e));
            return null;
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** A recording that could not start; its cause is logged once, as an ERROR, where it is made. */
    private static final class StartFailure extends Exception {
        private static final long serialVersionUID = 1L;
        /** True when the output cannot be written, rather than ffmpeg or the camera failing. */
        final boolean unwritable;

        private StartFailure(boolean unwritable, String message) {
            super(message, null, false, false);
            this.unwritable = unwritable;
        }

        static StartFailure logged(boolean unwritable, String message) {
            LOG.error("Recording failed: {}", message);
            return new StartFailure(unwritable, message);
        }
    }

    /** One ffmpeg recording into one file. */
    private static final class Recording {
        final Path file;
        final String reason;
        /** The meta written as it started, which its finished meta completes. */
        final Map<String, Object> meta;
        final Instant started;
        final Process process;
        final Path errorLog;
        final CompletableFuture<Void> finished = new CompletableFuture<>();
        volatile boolean stopRequested;
        ScheduledFuture<?> rollover;
        ScheduledFuture<?> quitKill;

        Recording(Path file, String reason, Map<String, Object> meta, Instant started, Process process,
                Path errorLog) {
            this.file = file;
            this.reason = reason;
            this.meta = meta;
            this.started = started;
            this.process = process;
            this.errorLog = errorLog;
        }
    }
}
