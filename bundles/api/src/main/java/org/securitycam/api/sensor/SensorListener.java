package org.securitycam.api.sensor;

import org.osgi.annotation.versioning.ProviderType;

/**
 * How a running driver reports to the sensor manager. Calls are cheap, never block and may come from any thread;
 * the manager queues them and handles them in order on its own thread. Invert logic, debounce and calibration are
 * applied by the driver before it calls. Calls for a session that the manager closed or gave up on are ignored.
 */
@ProviderType
public interface SensorListener {
    /** The watched condition began: a door opened, motion was seen, enough pulses were counted. */
    void triggered();

    /** The watched condition ended. A driver that counts pulses must release on its own after its window. */
    void released();

    /**
     * The driver cannot watch any more (wiring fault, pin lost). The manager closes the session and shows
     * {@code reason}, a sentence for the user, in its status until the sensor is configured or enabled again.
     */
    void fault(String reason);
}
