package org.securitycam.api.events;

/** Event Admin topics that bundles use to tell each other what happened, and their property keys. */
public final class Topics {
    /** The sensor manager changed state; properties are the fields of {@code GET /sensor/status}. */
    public static final String SENSOR_STATE = "securitycam/sensor/STATE";
    /** Sections of settings.json changed, sent synchronously; property {@link #SECTIONS} names them. */
    public static final String SETTINGS_CHANGED = "securitycam/settings/CHANGED";
    /** A recording started or ended: {@code recording}, and {@code path}, {@code reason}, {@code started_at}. */
    public static final String RECORDING_STATE = "securitycam/camera/RECORDING";
    /** A new media file exists: properties {@code path} and {@code type}. */
    public static final String ARCHIVE_UPDATED = "securitycam/archive/UPDATED";
    /**
     * A system health metric moved between levels: {@code overall}, {@code alerts}, {@code transitions}
     * ({@code [{"metric","from","to"}]}), {@code values} and {@code ts}.
     */
    public static final String SYSTEM_ALERT = "securitycam/system/ALERT";
    /** The device's health figures, every 10 s; properties are the fields of {@code GET /system_info}. */
    public static final String SYSTEM_INFO = "securitycam/system/INFO";

    public static final String SECTIONS = "sections";

    private Topics() {
    }
}
