package org.securitycam.api.gpio;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives the debounced level of a digital input each time it changes.
 * It is called on the GPIO service's own event thread and must return quickly.
 */
@ConsumerType
@FunctionalInterface
public interface EdgeListener {
    void onEdge(boolean high);
}
