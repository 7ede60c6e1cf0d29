package org.securitycam.api.camera;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Still frames of the live feed, for the timelapse and the dashboard's preview. Nothing is stored: the caller gets
 * JPEG bytes. Every grab ends within {@link #TIMEOUT_SECONDS}, and its ffmpeg is reaped.
 */
@ProviderType
public interface CameraFrames {
    int TIMEOUT_SECONDS = 15;

    /**
     * A current frame as the camera sends it, shared between callers: the feed is grabbed at most once per second,
     * and callers within that second get the same bytes.
     *
     * @throws CameraException naming the cause when no frame came within 5 s
     */
    byte[] live() throws CameraException;

    /**
     * A new frame scaled to {@code width} x {@code height} (0 and 0 keep the camera's size), with the local date and
     * time drawn on it if {@code stamped}.
     *
     * @throws CameraException naming the cause: camera unreachable, ffmpeg missing, or timeout
     */
    byte[] grab(int width, int height, boolean stamped) throws CameraException;
}
