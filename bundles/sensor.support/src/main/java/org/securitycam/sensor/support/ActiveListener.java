package org.securitycam.sensor.support;

import org.osgi.annotation.versioning.ConsumerType;

/** Receives the sensor's logical state: active means the watched condition holds, invert logic already applied. */
@ConsumerType
@FunctionalInterface
public interface ActiveListener {
    void onActive(boolean active);
}
