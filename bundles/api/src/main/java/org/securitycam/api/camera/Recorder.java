package org.securitycam.api.camera;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A camera that records on request. Without a registered Recorder the device cannot record, and the sensor
 * manager reports each wanted recording as failed.
 */
@ProviderType
public interface Recorder {
    /**
     * Starts a recording for {@code reason} ("sensor" or "manual") and returns once the capture process runs.
     *
     * @return false, with the cause logged, if the camera cannot record
     */
    boolean start(String reason);

    /** Stops the running recording, if any. Returns without waiting for the file to be finished. */
    void stop();

    /** The reason of the running recording, or null when none runs. */
    String activeReason();
}
