package org.securitycam.api.sensor.manager;

import org.osgi.annotation.versioning.ProviderType;

/** The software sensor's controls, for testing the device without hardware. */
@ProviderType
public interface MockSensor {
    /** The type id of the software sensor. */
    String TYPE = "mock";

    /** Fires a trigger on the open mock session; false if the mock sensor is not running. */
    boolean trigger();

    /** Fires a release on the open mock session; false if the mock sensor is not running. */
    boolean release();
}
