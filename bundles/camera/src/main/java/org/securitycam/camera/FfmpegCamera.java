package org.securitycam.camera;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.securitycam.api.camera.CameraException;
import org.securitycam.api.camera.Recorder;
import org.securitycam.api.camera.RecordingStatus;
import org.securitycam.api.events.Topics;
import org.securitycam.api.settings.SettingsStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The camera on ffmpeg child processes (spec §2). A recording is written as fragmented MP4, so a power cut
 * leaves a playable file; when it stops it is remuxed with faststart (temporary file, then rename), and gets its
 * sprite and its meta. The thumbnail is taken as it starts. If ffmpeg dies, the file is kept and its meta says
 * {@code crash: true}; a recording that is still running at start-up of the device is found and marked the same.
 */
@Component(service = Recorder.class, configurationPid = "securitycam.camera")
@Designate(ocd = CameraConfig.class)
public class FfmpegCamera implements Recorder {
    private static final Logger LOG = LoggerFactory.getLogger(FfmpegCamera.class);
    private static final Duration SNAPSHOT_TIMEOUT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SettingsStore settings;
    private final EventAdmin events;
    private final Ffmpeg ffmpeg;
    private final CameraConfig config;
    private final String source;
    private final ExecutorService finisher = Executors.newSingleThreadExecutor(r -> daemon(r, "camera-finish"));
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "camera-timer"));
    private Recording current;
    /** Why a recording is wanted, from start() until stop(); it outlives a crashed ffmpeg while it is retried. */
    private String wanted;
    private Instant wantedSince;
    private long backoffSeconds;
    private ScheduledFuture<?> retry;

    @Activate
    public FfmpegCamera(BundleContext context, @Reference SettingsStore settings, @Reference EventAdmin events,
            CameraConfig config) {
        this.settings = settings;
        this.events = events;
        this.config = config;
        this.ffmpeg = new Ffmpeg(config.ffmpeg_path(), config.ffprobe_path());
        String configured = config.source().isBlank()
                ? ("pi".equals(context.getProperty("securitycam.profile")) ? "rtsp://localhost:8554/cam" : "testpattern")
                : config.source();
        this.source = configured;
        finisher.execute(this::markOrphans);
    }

    @Deactivate
    void deactivate() {
        stop();
        finisher.shutdown();
        try {
            finisher.awaitTermination(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timers.shutdownNow();
    }

    @Override
    public synchronized boolean start(String reason, String sensorType) {
        if (wanted != null) {
            return reason.equals(wanted);
        }
        if (!startProcess(reason)) {
            return false;
        }
        wanted = reason;
        wantedSince = current.started;
        backoffSeconds = 0;
        post(Topics.RECORDING_STATE, state(current, true));
        return true;
    }

    /** Starts one ffmpeg recording into a new file; false, logged, if it cannot. */
    private boolean startProcess(String reason) {
        Path folder = folder();
        Path file = MediaNames.fresh(folder, "output", ".mp4", LocalDateTime.now());
        List<String> args = new ArrayList<>(List.of("-hide_banner", "-loglevel", "error"));
        args.addAll(input());
        if (testPattern()) {
            args.addAll(List.of("-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "15",
                    "-pix_fmt", "yuv420p"));
        } else {
            args.addAll(List.of("-c", "copy"));
        }
        // Each fragment reaches the disk as it is made, so a power cut loses at most the last one.
        args.addAll(List.of("-movflags", "+frag_keyframe+empty_moov+default_base_moof", "-flush_packets", "1",
                "-f", "mp4", "-y", file.toString()));
        Process process;
        try {
            Files.createDirectories(folder);
            process = ffmpeg.startLong(args);
        } catch (CameraException | IOException e) {
            LOG.error("Recording failed: {}", e.getMessage());
            return false;
        }
        Recording r = new Recording(file, reason, Instant.now(), process);
        current = r;
        LOG.info("Recording {} started ({})", file.getFileName(), reason);
        r.maxLength = timers.schedule(() -> rollOver(r), config.max_length_minutes(), TimeUnit.MINUTES);
        Thread watchdog = new Thread(() -> watch(r), "camera-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        finisher.execute(() -> thumbnail(r.file));
        return true;
    }

    @Override
    public synchronized void stop() {
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
        String was = wanted;
        wanted = null;
        Recording r = current;
        if (r == null) {
            if (was != null) {
                post(Topics.RECORDING_STATE, Map.of("recording", false, "reason", was));
            }
            return;
        }
        current = null;
        r.stopRequested = true;
        r.maxLength.cancel(false);
        try (OutputStream in = r.process.getOutputStream()) {
            in.write("q\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            r.process.destroy(); // ffmpeg already closed its input: ask it with SIGTERM instead
        }
        // Should ffmpeg not finish by itself, the watchdog's own timeout ends it.
        timers.schedule(() -> {
            if (r.process.isAlive()) {
                LOG.warn("ffmpeg did not stop within 10 s; killing it");
                r.process.destroyForcibly();
            }
        }, 10, TimeUnit.SECONDS);
    }

    @Override
    public synchronized String activeReason() {
        return wanted;
    }

    @Override
    public synchronized RecordingStatus status() {
        Recording r = current;
        if (wanted == null) {
            return RecordingStatus.IDLE;
        }
        // While ffmpeg is being restarted there is no file, but the recording is still on since it was wanted.
        return r == null ? new RecordingStatus(true, wantedSince, wanted, null)
                : new RecordingStatus(true, wantedSince, r.reason, r.file);
    }

    @Override
    public Path snapshot() throws CameraException {
        Path folder = folder();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new CameraException("Cannot write to " + folder + ": " + e.getMessage());
        }
        Path file = MediaNames.fresh(folder, "snapshot", ".jpg", LocalDateTime.now());
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp.jpg");
        List<String> args = new ArrayList<>(List.of("-hide_banner", "-loglevel", "error"));
        args.addAll(input());
        args.addAll(List.of("-frames:v", "1", "-y", tmp.toString()));
        Ffmpeg.Result result = ffmpeg.run(args, SNAPSHOT_TIMEOUT);
        if (result.exit() != 0 || !Files.exists(tmp)) {
            deleteQuietly(tmp);
            throw new CameraException("Camera unreachable: " + lastLine(result.errors()));
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new CameraException("Cannot save the snapshot: " + e.getMessage());
        }
        post(Topics.ARCHIVE_UPDATED, Map.of("path", file.toString(), "type", "snapshot"));
        return file;
    }

    private Path folder() {
        return MediaNames.folder(settings);
    }

    private boolean testPattern() {
        return "testpattern".equals(source);
    }

    private List<String> input() {
        if (testPattern()) {
            return List.of("-re", "-f", "lavfi", "-i", "testsrc=size=" + config.testpattern_size() + ":rate=15");
        }
        // Without a read timeout a UDP reader waits forever for a stream that went away; 5 s, in microseconds.
        return List.of("-rtsp_transport", config.rtsp_transport(), "-timeout", "5000000", "-i", source);
    }

    /** Waits for ffmpeg to end, however it ends, and finishes the file. */
    private void watch(Recording r) {
        Ffmpeg.Result result;
        try {
            result = Ffmpeg.finish(r.process, Duration.ofMinutes(config.max_length_minutes() + 2L), "ffmpeg");
        } catch (CameraException e) {
            result = new Ffmpeg.Result(-1, e.getMessage());
        }
        Instant stopped = Instant.now();
        boolean crash = !r.stopRequested;
        boolean stillWanted;
        synchronized (this) {
            if (current == r) {
                current = null;
                r.maxLength.cancel(false);
            }
            // Still wanted after a crash, or a roll-over already started the next file.
            stillWanted = wanted != null;
            if (crash && stillWanted) {
                scheduleRetry(Duration.between(r.started, stopped));
            }
        }
        if (crash) {
            LOG.error("Recording {} ended unexpectedly: ffmpeg exited with {}: {}", r.file.getFileName(),
                    result.exit(), lastLine(result.errors()));
        }
        if (!stillWanted) {
            post(Topics.RECORDING_STATE, state(r, false));
        }
        Ffmpeg.Result ended = result;
        finisher.execute(() -> finish(r, stopped, crash, ended));
    }

    private void finish(Recording r, Instant stopped, boolean crash, Ffmpeg.Result result) {
        if (!Files.exists(r.file)) {
            LOG.error("Recording failed: {} was never written ({})", r.file.getFileName(), lastLine(result.errors()));
            return;
        }
        if (!crash) {
            faststart(r.file);
        }
        double duration = ffmpeg.duration(r.file);
        if (duration >= 2) {
            sprite(r.file, duration);
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("reason", r.reason);
        meta.put("started", r.started.toString());
        meta.put("stopped", stopped.toString());
        meta.put("duration_seconds", duration < 0 ? null : Math.round(duration * 10) / 10.0);
        if (crash) {
            meta.put("crash", true);
        }
        writeMeta(r.file, meta);
        LOG.info("Recording {} finished: {} s{}", r.file.getFileName(), meta.get("duration_seconds"),
                crash ? " (crashed)" : "");
        post(Topics.ARCHIVE_UPDATED, Map.of("path", r.file.toString(), "type", "recording"));
    }

    /**
     * While the camera stream is down, tries again after 1, 2, 4 ... up to 30 s; a segment that ran for a minute
     * resets the wait. The recording stays wanted, so the sensor manager sees it as running throughout.
     */
    private void scheduleRetry(Duration ran) {
        boolean ranLong = ran.toSeconds() >= 60;
        backoffSeconds = ranLong || backoffSeconds == 0 ? 1 : Math.min(backoffSeconds * 2, 30);
        LOG.warn("Recording again in {} s", backoffSeconds);
        retry = timers.schedule(this::retryNow, backoffSeconds, TimeUnit.SECONDS);
    }

    private synchronized void retryNow() {
        retry = null;
        if (wanted == null || current != null) {
            return;
        }
        if (!startProcess(wanted)) {
            scheduleRetry(Duration.ZERO);
        }
    }

    private void rollOver(Recording r) {
        synchronized (this) {
            if (current != r) {
                return;
            }
            LOG.info("Recording {} reached {} minutes; continuing in a new file", r.file.getFileName(),
                    config.max_length_minutes());
            String reason = wanted;
            stop();
            start(reason);
        }
    }

    private void faststart(Path file) {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".faststart.mp4");
        try {
            Ffmpeg.Result r = ffmpeg.run(List.of("-hide_banner", "-loglevel", "error", "-i", file.toString(), "-c",
                    "copy", "-movflags", "+faststart", "-f", "mp4", "-y", tmp.toString()), Duration.ofMinutes(5));
            if (r.exit() == 0) {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                LOG.warn("Could not remux {}; it stays fragmented: {}", file.getFileName(), lastLine(r.errors()));
            }
        } catch (CameraException | IOException e) {
            LOG.warn("Could not remux {}; it stays fragmented: {}", file.getFileName(), e.getMessage());
        } finally {
            deleteQuietly(tmp);
        }
    }

    private void thumbnail(Path video) {
        Path thumb = MediaNames.thumbnail(video);
        List<String> args = new ArrayList<>(List.of("-hide_banner", "-loglevel", "error"));
        args.addAll(input());
        args.addAll(List.of("-frames:v", "1", "-vf", "scale=320:-2", "-y", thumb.toString()));
        try {
            Ffmpeg.Result r = ffmpeg.run(args, SNAPSHOT_TIMEOUT);
            if (r.exit() != 0) {
                LOG.warn("No thumbnail for {}: {}", video.getFileName(), lastLine(r.errors()));
            }
        } catch (CameraException e) {
            LOG.warn("No thumbnail for {}: {}", video.getFileName(), e.getMessage());
        }
    }

    /** Ten evenly spaced frames of 160x90 in one 1600x90 strip. */
    private void sprite(Path video, double duration) {
        Path sprite = MediaNames.sprite(video);
        String filter = String.format(java.util.Locale.ROOT, "fps=%.6f,scale=160:90,tile=10x1", 10 / duration);
        try {
            Ffmpeg.Result r = ffmpeg.run(List.of("-hide_banner", "-loglevel", "error", "-i", video.toString(), "-vf",
                    filter, "-frames:v", "1", "-y", sprite.toString()), Duration.ofMinutes(2));
            if (r.exit() != 0) {
                LOG.warn("No sprite for {}: {}", video.getFileName(), lastLine(r.errors()));
            }
        } catch (CameraException e) {
            LOG.warn("No sprite for {}: {}", video.getFileName(), e.getMessage());
        }
    }

    /** Recordings that have no meta were cut off by a crash or a power cut: say so in their meta. */
    private void markOrphans() {
        Path folder = folder();
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (DirectoryStream<Path> videos = Files.newDirectoryStream(folder, "output_*.mp4")) {
            for (Path video : videos) {
                if (!MediaNames.RECORDING.matcher(video.getFileName().toString()).matches()
                        || Files.exists(MediaNames.meta(video)) || isCurrent(video)) {
                    continue;
                }
                double duration = ffmpeg.duration(video);
                Map<String, Object> meta = new LinkedHashMap<>();
                meta.put("reason", "unknown");
                String stamp = video.getFileName().toString().substring(7, 22);
                meta.put("started", LocalDateTime.parse(stamp, MediaNames.STAMP).atZone(ZoneId.systemDefault())
                        .toInstant().toString());
                meta.put("stopped", Files.getLastModifiedTime(video).toInstant().toString());
                meta.put("duration_seconds", duration < 0 ? null : Math.round(duration * 10) / 10.0);
                meta.put("crash", true);
                writeMeta(video, meta);
                LOG.warn("Found {} without meta: it was cut off, marked as crashed", video.getFileName());
            }
        } catch (IOException e) {
            LOG.warn("Could not look for cut-off recordings in {}: {}", folder, e.getMessage());
        }
    }

    private synchronized boolean isCurrent(Path video) {
        return current != null && current.file.equals(video);
    }

    private void writeMeta(Path video, Map<String, Object> meta) {
        Path file = MediaNames.meta(video);
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try {
            Files.write(tmp, JSON.writeValueAsBytes(meta));
            try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(tmp);
            LOG.error("Could not write {}: {}", file.getFileName(), e.getMessage());
        }
    }

    private Map<String, Object> state(Recording r, boolean recording) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("recording", recording);
        m.put("path", r.file.toString());
        m.put("reason", r.reason);
        m.put("started_at", r.started.toString());
        return m;
    }

    private void post(String topic, Map<String, Object> properties) {
        events.postEvent(new Event(topic, properties));
    }

    private static String lastLine(String errors) {
        if (errors == null || errors.isBlank()) {
            return "no details";
        }
        String[] lines = errors.strip().split("\n");
        return lines[lines.length - 1];
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a temporary file; the next write replaces it
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** One running ffmpeg recording. */
    private static final class Recording {
        final Path file;
        final String reason;
        final Instant started;
        final Process process;
        volatile boolean stopRequested;
        ScheduledFuture<?> maxLength;

        Recording(Path file, String reason, Instant started, Process process) {
            this.file = file;
            this.reason = reason;
            this.started = started;
            this.process = process;
        }
    }
}
