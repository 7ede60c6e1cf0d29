package org.securitycam.api.eventlog;

/** The event types the device's own bundles write, so that a dashboard can chart and filter them by name. */
public final class EventTypes {
    public static final String SENSOR_TRIGGERED = "sensor_triggered";
    public static final String SENSOR_RELEASED = "sensor_released";
    public static final String SENSOR_ARMED = "sensor_armed";
    public static final String SENSOR_DISARMED = "sensor_disarmed";
    public static final String RECORDING_STARTED = "recording_started";
    public static final String RECORDING_STOPPED = "recording_stopped";
    public static final String RECORDING_FAILED = "recording_failed";
    /** A tracked presence device (the owner's phone) came into range. */
    public static final String DEVICE_ARRIVED = "device_arrived";
    /** A tracked presence device went out of range. */
    public static final String DEVICE_LEFT = "device_left";
    /** A system health metric moved between levels; the detail names the metric and both levels. */
    public static final String SYSTEM_ALERT = "system_alert";
    /** The device's services started (a power-on, a service restart or an in-process restart). */
    public static final String BOOT = "boot";
    /** A restart of the device's services was asked for. */
    public static final String RESTART = "restart";
    /** A reboot of the machine was asked for. */
    public static final String REBOOT = "reboot";
    /** A wrong password; the detail is the client's address. */
    public static final String UNAUTHORIZED_ACCESS = "unauthorized_access";

    private EventTypes() {
    }
}
