package org.securitycam.api.device;

/**
 * Where the device's logs live. The launcher works the log folder out from the data home once and hands it to
 * every bundle as the framework property {@link #FOLDER_PROPERTY}; no bundle derives it for itself. The device's
 * own log is {@link #DEVICE_FOLDER}/{@link #DEVICE_FILE} in that folder, rotated into {@code DEVICE_FILE.1}
 * (the newest old file) to {@code DEVICE_FILE.}{@link #DEVICE_ROTATED} (the oldest).
 * <p>
 * These are compile-time constants on purpose: the launcher uses them before any bundle exists, and the
 * compiler copies them into it.
 */
public final class LogFiles {
    /** Framework property: the absolute path of the log folder ({@code logs/} under the data home). */
    public static final String FOLDER_PROPERTY = "securitycam.logs";
    /** The subfolder of the log folder that holds the device's own log. */
    public static final String DEVICE_FOLDER = "api";
    /** The device's own log, the file being written. */
    public static final String DEVICE_FILE = "security-cam.log";
    /** How many rotated copies of the device's own log are kept. */
    public static final int DEVICE_ROTATED = 3;

    private LogFiles() {
    }
}
