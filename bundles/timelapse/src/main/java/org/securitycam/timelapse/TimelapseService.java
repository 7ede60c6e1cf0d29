package org.securitycam.timelapse;

import java.io.IOException;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.Designate;
import org.securitycam.api.camera.CameraFrames;
import org.securitycam.api.camera.RecordingGuard;
import org.securitycam.api.events.Topics;
import org.securitycam.api.media.MediaKind;
import org.securitycam.api.media.MediaStore;
import org.securitycam.api.settings.SettingsStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The timelapse of the device: frames from the camera's frame API every {@code interval_minutes} into
 * {@code timelapse/<YYYY-MM-DD>/} of the save location, each finished day stitched into its video, and the status
 * and settings the routes show and change. It never objects to a recording: as a {@link RecordingGuard} it only
 * learns that one is starting, and holds stitching back meanwhile.
 *
 * <p>Configuration {@value #PID}: the ffmpeg and nice commands; and {@code minute.seconds}, how many seconds one
 * minute of the interval lasts on the scheduler (60; a test makes it shorter through a {@code .cfg} file).
 */
@Component(service = { TimelapseService.class, EventHandler.class, RecordingGuard.class },
        configurationPid = TimelapseService.PID, property = EventConstants.EVENT_TOPIC + "=" + Topics.SETTINGS_CHANGED)
@Designate(ocd = ProcessConfig.class)
public class TimelapseService implements EventHandler, RecordingGuard {
    static final String PID = "securitycam.timelapse.scheduler";
    private static final Logger LOG = LoggerFactory.getLogger(TimelapseService.class);
    private static final String SAVE_LOCATION = "VideoSaveLocation";

    private final SettingsStore settings;
    private final Timelapse timelapse;
    private final RecordingStarts starts = new RecordingStarts(System::nanoTime, RecordingStarts.WINDOW);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            r -> daemon(r, "timelapse"));
    private final ExecutorService stitching = Executors.newSingleThreadExecutor(r -> daemon(r, "timelapse-stitch"));

    // Optional and dynamic: without a camera (not installed, or being updated) the status and the settings keep
    // working and each tick fails quietly.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile CameraFrames camera;

    @Activate
    public TimelapseService(@Reference MediaStore store, @Reference SettingsStore settings, ProcessConfig config,
            Map<String, Object> properties) {
        this.settings = settings;
        Stitcher stitcher = new Stitcher(store, new StitchCommands(config.nice_path(), config.ffmpeg_path()), starts,
                scheduler);
        this.timelapse = new Timelapse(Clock.systemDefaultZone(), this::current, () -> camera,
                new DayFolders(() -> store.folder(MediaKind.TIMELAPSE)), stitcher, scheduler, stitching,
                minuteMillis(properties.get("minute.seconds")));
        scheduler.execute(timelapse::start);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        timelapse.stop();
        // A stitch in progress is cut off: its frames stay, and the next start stitches the day again.
        scheduler.shutdownNow();
        stitching.shutdownNow();
        stitching.awaitTermination(5, TimeUnit.SECONDS);
    }

    private static long minuteMillis(Object seconds) {
        try {
            long s = seconds == null ? 60 : Long.parseLong(seconds.toString().strip());
            if (s >= 1) {
                return s * 1000;
            }
        } catch (NumberFormatException e) {
            // the default below
        }
        LOG.warn("minute.seconds must be a whole number of seconds from 1; using 60");
        return 60_000;
    }

    /** The section as the device uses it. */
    TimelapseSettings current() {
        return TimelapseSettings.lenient(settings.section(TimelapseSettings.SECTION));
    }

    /** The status of {@code GET /timelapse/status}. */
    Map<String, Object> status() throws IOException {
        Timelapse.Status s = timelapse.status();
        Map<String, Object> out = new LinkedHashMap<>(s.settings().toMap());
        out.put("today_frame_count", s.todayFrameCount());
        out.put("last_capture", s.lastCapture() == null ? null : s.lastCapture().toString());
        return out;
    }

    /**
     * Validates the fields given over the current section and stores the result.
     *
     * @return the stored section
     */
    Map<String, Object> configure(Map<String, Object> fields) {
        TimelapseSettings next = TimelapseSettings.validate(fields, current());
        return store(next);
    }

    Map<String, Object> setEnabled(boolean enabled) {
        return store(current().withEnabled(enabled));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> store(TimelapseSettings next) {
        Map<String, Object> written = settings.update(Map.of(TimelapseSettings.SECTION, next.toMap()), false);
        return (Map<String, Object>) written.get(TimelapseSettings.SECTION);
    }

    @Override
    public void handleEvent(Event event) {
        if (event.getProperty(Topics.SECTIONS) instanceof Collection<?> sections
                && (sections.contains(TimelapseSettings.SECTION) || sections.contains(SAVE_LOCATION))) {
            try {
                scheduler.execute(() -> {
                    timelapse.reschedule();
                    if (sections.contains(SAVE_LOCATION)) {
                        timelapse.stitchOlderDays();
                    }
                });
            } catch (RejectedExecutionException e) {
                // stopping: the next start reads the settings anew
            }
        }
    }

    @Override
    public String beforeRecording() {
        starts.recordingStarts();
        return null;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
