package org.securitycam.api.sensor;

import org.osgi.annotation.versioning.ConsumerType;

/** A driver watching one pin for the manager, until it is closed. */
@ConsumerType
public interface SensorSession extends AutoCloseable {
    /**
     * Stops watching: releases the pin, removes listeners, cancels timers and ends every thread the session began.
     * It is called once, possibly on another thread than {@code open}. After it returns the listener is never called
     * again, not even by a timer that was already running. Must not throw and must return within a second.
     */
    @Override
    void close();
}
