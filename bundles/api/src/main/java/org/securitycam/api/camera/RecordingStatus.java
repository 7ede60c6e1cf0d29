package org.securitycam.api.camera;

import java.nio.file.Path;
import java.time.Instant;

/** Whether a recording runs; if so since when, why, and into which file. */
public record RecordingStatus(boolean recording, Instant startedAt, String reason, Path file) {
    public static final RecordingStatus IDLE = new RecordingStatus(false, null, null, null);
}
