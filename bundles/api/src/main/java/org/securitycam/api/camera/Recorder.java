package org.securitycam.api.camera;

import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A camera that records on request. Without a registered Recorder the device cannot record, and the sensor
 * manager reports each wanted recording as failed. When a recording ends for any reason, the camera posts
 * {@code Topics.RECORDING_STATE} with {@code recording=false}.
 */
@ProviderType
public interface Recorder {
    /**
     * Starts a recording for {@code reason} ("sensor" or "manual") and returns once the capture process runs.
     *
     * @return false, with the cause logged, if the camera cannot record
     */
    default boolean start(String reason) {
        return start(reason, null);
    }

    /**
     * Starts a recording as {@link #start(String)} does; {@code sensorType} (the type id of the sensor that
     * triggered it, or null) goes into the recording's meta.
     */
    boolean start(String reason, String sensorType);

    /**
     * Stops the running recording, if any. Returns without waiting for the file to be finished: ffmpeg is asked to
     * quit, and the file is remuxed, its sprite built and its meta completed in the background.
     */
    void stop();

    /** The reason of the running recording, or null when none runs. */
    String activeReason();

    /** What the camera is doing now. */
    RecordingStatus status();

    /**
     * Grabs one JPEG from the live feed into the recordings folder, within 15 s.
     *
     * @throws CameraException naming the cause: camera unreachable, ffmpeg missing, or timeout
     */
    Path snapshot() throws CameraException;
}
