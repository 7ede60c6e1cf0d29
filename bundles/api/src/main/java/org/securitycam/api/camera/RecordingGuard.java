package org.securitycam.api.camera;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Asked by the camera before each recording starts, so that a feature can refuse it (the storage limit, when the
 * disk is nearly full and nothing may be deleted) or make room for it. Register it as an OSGi service.
 *
 * <p>It is called on the thread that starts the recording, which a trigger is waiting on: it must return within
 * 50 ms, so any slow work (deleting old media) is started in the background, never waited for. An exception counts as
 * no objection.
 */
@ConsumerType
public interface RecordingGuard {
    /** @return null to let the recording start, or the reason it must not, as a sentence for the event log */
    String beforeRecording();
}
