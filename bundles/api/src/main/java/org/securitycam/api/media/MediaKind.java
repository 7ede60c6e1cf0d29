package org.securitycam.api.media;

/**
 * The kinds of media file the device keeps, each in its own folder of the save location
 * ({@code VideoSaveLocation}) and with its own name pattern.
 */
public enum MediaKind {
    /** {@code output_YYYYMMDD_HHMMSS.mp4} in the save location, with a thumbnail, a sprite and a meta. */
    RECORDING,
    /** {@code snapshot_YYYYMMDD_HHMMSS.jpg} in the save location; no sidecars. */
    SNAPSHOT,
    /** {@code timelapse_YYYYMMDD.mp4} in {@code timelapse/} of the save location, with a thumbnail. */
    TIMELAPSE
}
