package org.securitycam.api.sensor;

import org.osgi.annotation.versioning.ConsumerType;

/** A driver watching one pin for the manager, until it is closed. */
@ConsumerType
public interface SensorSession extends AutoCloseable {
    /**
     * Stops watching: releases the pin, removes listeners, cancels timers and ends any thread the session began.
     * After it returns the listener is never called again. Must not throw and must return within a second.
     */
    @Override
    void close();
}
