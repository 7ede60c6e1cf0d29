package org.securitycam.api.events;

/** Event Admin topics that bundles use to tell each other what happened, and their property keys. */
public final class Topics {
    /** The sensor manager changed state; properties are the fields of {@code GET /sensor/status}. */
    public static final String SENSOR_STATE = "securitycam/sensor/STATE";
    /** Sections of settings.json changed, sent synchronously; property {@link #SECTIONS} names them. */
    public static final String SETTINGS_CHANGED = "securitycam/settings/CHANGED";
    /**
     * A recording started or ended: {@code recording}, and {@code path}, {@code reason}, {@code started_at}; a recording
     * that ended because it could not be written also has {@code error}, a sentence naming the cause.
     */
    public static final String RECORDING_STATE = "securitycam/camera/RECORDING";
    /**
     * The media changed: a new file ({@code path}, and {@code type} recording, snapshot or timelapse), or a retention
     * run deleted old ones ({@code type} deleted, {@code count} files, {@code freed_mb}), once per run.
     */
    public static final String ARCHIVE_UPDATED = "securitycam/archive/UPDATED";
    /**
     * A recording could not start, because a {@code RecordingGuard} refused it or the camera could not: {@code reason},
     * a sentence.
     */
    public static final String RECORDING_REFUSED = "securitycam/recording/REFUSED";
    /**
     * A tracked device arrived or left, posted at every change (not throttled), for the event log:
     * {@code address}, {@code name} (null if it has none), {@code transport} ({@code bt} or {@code wifi}) and
     * {@code online} (true when it arrived).
     */
    public static final String PRESENCE_CHANGE = "securitycam/presence/CHANGE";
    /**
     * {@code presence_change} on {@code GET /events}: the properties of {@link #PRESENCE_CHANGE}, throttled to one
     * per device per 120 s; a change within that time is announced when it ends, if it still holds.
     */
    public static final String PRESENCE_NOTICE = "securitycam/presence/NOTICE";
    /** After every presence poll: the fields of {@code GET /connections}. */
    public static final String CONNECTIONS = "securitycam/presence/CONNECTIONS";
    /** A client subscribed to {@code GET /events}; no properties. Sent asynchronously. */
    public static final String EVENTS_CLIENT = "securitycam/events/CLIENT";
    /**
     * A system health metric moved between levels: {@code overall}, {@code alerts}, {@code transitions}
     * ({@code [{"metric","from","to"}]}), {@code values} and {@code ts}.
     */
    public static final String SYSTEM_ALERT = "securitycam/system/ALERT";
    /** The device's health figures, every 10 s; properties are the fields of {@code GET /system_info}. */
    public static final String SYSTEM_INFO = "securitycam/system/INFO";

    /**
     * An entry was appended to the event log, posted asynchronously after it was written: {@code ts} (ISO-8601 UTC),
     * {@code type}, {@code severity} (its label) and {@code detail} (absent when the entry has none).
     */
    public static final String EVENT_LOGGED = "securitycam/eventlog/ENTRY";

    public static final String SECTIONS = "sections";

    private Topics() {
    }
}
